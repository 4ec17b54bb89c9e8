from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import Certainty, DatedMixin, Rank, Record, bound_field, edtf_field


class RelationshipTypeManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RelationshipType(models.Model):
    """The controlled vocabulary of relationships. Each type knows its inverse
    (parent/child; spouse is its own inverse) and the kind of tie it is, which the
    network's edge filters use."""

    class Kind(models.TextChoices):
        FAMILY = "family", "family"
        POLITICAL = "political", "political"
        CORRESPONDENCE = "correspondence", "correspondence"
        LITERARY = "literary", "literary"
        PROFESSIONAL = "professional", "professional"
        PERSONAL = "personal", "personal"

    slug = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=60, help_text="Reads subject → object, e.g. “parent of”.")
    inverse = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)

    objects = RelationshipTypeManager()

    class Meta:
        ordering = ["kind", "slug"]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.slug,)

    @property
    def symmetric(self):
        return self.inverse_id == self.pk


class Relationship(DatedMixin, Record):
    """A tie between two persons, read “subject <type> object”, with dates,
    certainty, a curator's rank and the passages that support it."""

    edtf_fields = ("start", "end")

    subject = models.ForeignKey("Person", on_delete=models.PROTECT, related_name="relationships_out")
    type = models.ForeignKey(RelationshipType, on_delete=models.PROTECT, related_name="relationships")
    object = models.ForeignKey("Person", on_delete=models.PROTECT, related_name="relationships_in")
    start = edtf_field("from")
    start_lower = bound_field()
    start_upper = bound_field()
    end = edtf_field("until")
    end_lower = bound_field()
    end_upper = bound_field()
    certainty = models.CharField(max_length=10, choices=Certainty.choices, default=Certainty.CERTAIN)
    rank = models.CharField(max_length=10, choices=Rank.choices, default=Rank.NORMAL)
    note = models.TextField(blank=True)
    citations = models.ManyToManyField("Citation", blank=True, related_name="relationships")
    history = HistoricalRecords(m2m_fields=[citations])

    class Meta:
        ordering = ["subject", "type", "id"]

    def __str__(self):
        return f"{self.subject} — {self.type} — {self.object}"

    def clean(self):
        super().clean()
        if self.subject_id and self.subject_id == self.object_id:
            raise ValidationError("A person cannot have a relationship with themself.")
        self.clean_period()
