from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from simple_history.models import HistoricalRecords

from common.records import MergeableModel, MergeableQuerySet, not_merged_into_itself
from common.text import make_slug, normalize
from common.validators import no_control_characters

from .base import Certainty, DatedMixin, NameType, Rank, Record, bound_field, edtf_field, printed_field


class OrganisationKind(models.TextChoices):
    PARTY = "party", "party"
    FACTION = "faction", "faction or opposition"
    GROUP = "group", "group"
    GANG = "gang", "gang"
    COMMITTEE = "committee", "committee"
    STATE_AGENCY = "state_agency", "state agency"
    SECRET_POLICE = "secret_police", "secret police"
    PUBLISHER = "publisher", "publisher"
    PERIODICAL = "periodical", "periodical"
    EDITORIAL_GROUP = "editorial_group", "editorial group"
    ARCHIVE = "archive", "archive"
    LIBRARY = "library", "library"
    UNIVERSITY = "university", "university"
    TRADE_UNION = "trade_union", "trade union"
    INTERNATIONAL = "international", "international"
    GOVERNMENT = "government", "government"
    MILITARY = "military", "military"
    OTHER = "other", "other"


class Organisation(MergeableModel, DatedMixin, Record):
    """A party, opposition, group, gang, committee, agency, publisher or archive.
    Like persons, organisations are merged, never deleted, and keep their id."""

    edtf_fields = ("start", "end")

    slug = models.SlugField(max_length=100, blank=True, help_text="Made from the name on save.")
    name = models.CharField(max_length=300, validators=[no_control_characters])
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.GROUP)
    description = models.TextField(blank=True)
    start = edtf_field("founded")
    start_lower = bound_field()
    start_upper = bound_field()
    end = edtf_field("dissolved")
    end_lower = bound_field()
    end_upper = bound_field()
    place = models.ForeignKey(
        "Place", null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    identifiers = GenericRelation("prosopography.ExternalIdentifier")
    objects = MergeableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            not_merged_into_itself("organisation_not_merged_into_itself"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.clean_period()

    def save(self, *args, **kwargs):
        self.slug = make_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        try:
            return reverse("organisation-page", args=[self.pk, self.slug])
        except NoReverseMatch:
            return None


class OrganisationName(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300, validators=[no_control_characters])
    normalized = models.CharField(max_length=300, editable=False, db_index=True)
    type = models.CharField(max_length=20, choices=NameType.choices, default=NameType.VARIANT)
    language = models.CharField(max_length=12, blank=True)
    printed = printed_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize(self.name)
        super().save(*args, **kwargs)


class Membership(DatedMixin, Record):
    """A person's membership of, or role in, an organisation, over a period."""

    edtf_fields = ("start", "end")

    person = models.ForeignKey("Person", on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=100, default="member")
    start = edtf_field("from")
    start_lower = bound_field()
    start_upper = bound_field()
    end = edtf_field("until")
    end_lower = bound_field()
    end_upper = bound_field()
    certainty = models.CharField(max_length=10, choices=Certainty.choices, default=Certainty.CERTAIN)
    rank = models.CharField(max_length=10, choices=Rank.choices, default=Rank.NORMAL)
    note = models.TextField(blank=True)
    citations = models.ManyToManyField("Citation", blank=True, related_name="memberships")
    history = HistoricalRecords(m2m_fields=[citations])

    class Meta:
        ordering = ["person", "start_lower", "id"]

    def __str__(self):
        return f"{self.person} — {self.role}, {self.organisation}"

    def clean(self):
        super().clean()
        self.clean_period()
        if not self.role:
            raise ValidationError({"role": "Give a role, e.g. member."})
