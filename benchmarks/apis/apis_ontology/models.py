"""The ontology for the benchmark, after APIS's sample project (sample_project/models.py
in apis-core-rdf, the version for the `apis_core.entities` base classes): persons,
groups (our organisations) and works, and one Relation subclass per kind of tie."""

from apis_core.apis_entities.models import AbstractEntity
from apis_core.entities.abc import E21_Person, E74_Group, Entity
from apis_core.relations.models import Relation
from django.db import models


class Person(E21_Person, AbstractEntity, Entity):
    pass


class Group(E74_Group, AbstractEntity, Entity):
    founded = models.PositiveSmallIntegerField(null=True, blank=True)


class Work(AbstractEntity, Entity):
    title = models.CharField(max_length=500, blank=True, default="")
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class RelationBase(Relation):
    class Meta:
        abstract = True
        ordering = ["pk"]


class IsParentOf(RelationBase):
    subj_model = Person
    obj_model = Person

    @classmethod
    def reverse_name(cls) -> str:
        return "is child of"


class IsSpouseOf(RelationBase):
    subj_model = Person
    obj_model = Person

    @classmethod
    def reverse_name(cls) -> str:
        return "is spouse of"


class IsComradeOf(RelationBase):
    subj_model = Person
    obj_model = Person

    @classmethod
    def reverse_name(cls) -> str:
        return "is comrade of"


class CorrespondedWith(RelationBase):
    subj_model = Person
    obj_model = Person

    @classmethod
    def reverse_name(cls) -> str:
        return "corresponded with"


class IsFriendOf(RelationBase):
    subj_model = Person
    obj_model = Person

    @classmethod
    def reverse_name(cls) -> str:
        return "is friend of"


class IsMemberOf(RelationBase):
    subj_model = Person
    obj_model = Group

    @classmethod
    def reverse_name(cls) -> str:
        return "has member"


class IsAuthorOf(RelationBase):
    subj_model = Person
    obj_model = Work

    @classmethod
    def reverse_name(cls) -> str:
        return "is written by"
