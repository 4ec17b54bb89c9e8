from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from simple_history.models import HistoricalRecords

from common.records import MergeableModel, MergeableQuerySet, not_merged_into_itself
from common.text import make_slug, normalize
from common.validators import no_control_characters

from .base import DatedMixin, NameType, Record, bound_field, edtf_field, printed_field


class Person(MergeableModel, DatedMixin, Record):
    """A historical person. The primary key is the permanent public id: it is never
    changed or reused (records are merged or withdrawn, never deleted), so
    `/persons/<id>/` keeps working; the slug may change and old ones redirect."""

    edtf_fields = ("birth", "death")

    slug = models.SlugField(max_length=100, blank=True, help_text="Made from the name on save.")
    name = models.CharField("preferred name", max_length=200, validators=[no_control_characters])
    sort_name = models.CharField(
        max_length=200, blank=True, db_index=True, help_text="Surname first, e.g. “Serge, Victor”."
    )
    description = models.TextField(blank=True)
    birth = edtf_field("date of birth")
    birth_lower = bound_field()
    birth_upper = bound_field()
    death = edtf_field("date of death")
    death_lower = bound_field()
    death_upper = bound_field()
    birth_place = models.ForeignKey(
        "Place", null=True, blank=True, on_delete=models.PROTECT, related_name="births"
    )
    death_place = models.ForeignKey(
        "Place", null=True, blank=True, on_delete=models.PROTECT, related_name="deaths"
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
        help_text="Set by a merge: this record is a duplicate of that one, and its id redirects there.",
    )
    identifiers = GenericRelation("prosopography.ExternalIdentifier")
    objects = MergeableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [
            # The person list: unmerged persons in sort order, a page at a time.
            models.Index(
                fields=["sort_name", "id"],
                condition=models.Q(merged_into__isnull=True),
                name="person_live_sort_idx",
            ),
        ]
        constraints = [
            not_merged_into_itself("person_not_merged_into_itself"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        birth_lower, _ = self.checked_bounds(self.birth)
        _, death_upper = self.checked_bounds(self.death)
        if birth_lower and death_upper and death_upper < birth_lower:
            raise ValidationError({"death": "The date of death lies before the date of birth."})
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": "A record cannot be merged into itself."})

    def save(self, *args, **kwargs):
        self.slug = make_slug(self.name)
        if not self.sort_name:
            parts = self.name.rsplit(" ", 1)
            self.sort_name = f"{parts[1]}, {parts[0]}" if len(parts) == 2 else self.name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        try:
            return reverse("person-page", args=[self.pk, self.slug])
        except NoReverseMatch:  # pages are optional in some URL configurations
            return None


class Alias(models.Model):
    """One name form of a person: birth name, pseudonym, initials, transliteration,
    misspelling... Searching any of them finds the person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, validators=[no_control_characters])
    normalized = models.CharField(max_length=200, editable=False, db_index=True)
    type = models.CharField(max_length=20, choices=NameType.choices, default=NameType.VARIANT)
    language = models.CharField(max_length=12, blank=True, help_text="ISO 639 code, e.g. ru, fr.")
    period = edtf_field("period of use")
    note = models.CharField(max_length=300, blank=True)
    printed = printed_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name", "type"], name="unique_alias"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize(self.name)
        super().save(*args, **kwargs)
