from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import DatedMixin, Rank, Record, bound_field, edtf_field


class EventType(models.TextChoices):
    BIRTH = "birth", "birth"
    DEATH = "death", "death"
    ARREST = "arrest", "arrest"
    IMPRISONMENT = "imprisonment", "imprisonment"
    TRIAL = "trial", "trial"
    SENTENCE = "sentence", "sentence"
    EXILE = "exile", "exile"
    DEPORTATION = "deportation", "deportation"
    RELEASE = "release", "release"
    EXPULSION = "expulsion", "expulsion"
    EMIGRATION = "emigration", "emigration"
    JOURNEY = "journey", "journey"
    RESIDENCE = "residence", "residence"
    MARRIAGE = "marriage", "marriage"
    MEETING = "meeting", "meeting"
    HUNGER_STRIKE = "hunger-strike", "hunger strike"
    ILLNESS = "illness", "illness"
    EMPLOYMENT = "employment", "employment"
    OTHER = "other", "other"


class Event(DatedMixin, Record):
    """Something that happened in one or more lives: an arrest, a trial, an exile."""

    edtf_fields = ("date",)

    key = models.SlugField(
        max_length=100, unique=True, help_text="Stable curated key, e.g. serge-arrest-1933."
    )
    type = models.CharField(max_length=20, choices=EventType.choices)
    date = edtf_field("date")
    date_lower = bound_field()
    date_upper = bound_field()
    place = models.ForeignKey("Place", null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    description = models.TextField(blank=True)
    rank = models.CharField(max_length=10, choices=Rank.choices, default=Rank.NORMAL)
    citations = models.ManyToManyField("Citation", blank=True, related_name="events")
    history = HistoricalRecords(m2m_fields=[citations])

    class Meta:
        ordering = ["date_lower", "key"]

    def __str__(self):
        return f"{self.get_type_display()} {self.date}".strip() + (
            f" — {self.description[:60]}" if self.description else ""
        )


class EventParticipant(models.Model):
    """Who took part in an event, and how (subject, witness, perpetrator ...)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.PROTECT, related_name="event_roles"
    )
    organisation = models.ForeignKey(
        "Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="event_roles"
    )
    role = models.CharField(max_length=40, default="subject")
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "id"]

    def __str__(self):
        return f"{self.person or self.organisation} ({self.role})"

    def clean(self):
        if bool(self.person_id) == bool(self.organisation_id):
            raise ValidationError("A participant is either a person or an organisation.")


class Claim(DatedMixin, Record):
    """One source's reading of a single fact (a date or place of birth, of death, of an
    event). Readings that disagree coexist, each with its citations and rank; the
    fact is contested when two readings that are not deprecated cannot both be true
    (prosopography.facts: refinements such as 1933 and 1933-03 agree)."""

    class Attribute(models.TextChoices):
        BIRTH_DATE = "birth_date", "date of birth"
        DEATH_DATE = "death_date", "date of death"
        BIRTH_PLACE = "birth_place", "place of birth"
        DEATH_PLACE = "death_place", "place of death"
        EVENT_DATE = "event_date", "date of event"
        EVENT_PLACE = "event_place", "place of event"

    edtf_fields = ("date",)

    person = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    attribute = models.CharField(max_length=20, choices=Attribute.choices)
    date = edtf_field("date")
    date_lower = bound_field()
    date_upper = bound_field()
    place = models.ForeignKey("Place", null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    rank = models.CharField(max_length=10, choices=Rank.choices, default=Rank.NORMAL)
    rank_reason = models.CharField(
        "reason for the rank",
        max_length=300,
        blank=True,
        help_text="Why a curator preferred or deprecated this reading (required for those ranks).",
    )
    citations = models.ManyToManyField("Citation", blank=True, related_name="claims")
    history = HistoricalRecords(m2m_fields=[citations])

    class Meta:
        ordering = ["attribute", "date_lower", "id"]

    def __str__(self):
        return f"{self.subject}: {self.get_attribute_display()} = {self.value}"

    @property
    def subject(self):
        return self.person or self.event

    @property
    def value(self):
        return self.date if self.attribute.endswith("_date") else (self.place or "")

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.event_id):
            raise ValidationError("A claim is about either a person or an event.")
        if self.attribute.startswith("event") != bool(self.event_id):
            raise ValidationError({"attribute": "Event properties go with events, others with persons."})
        if self.attribute.endswith("_date") and not self.date:
            raise ValidationError({"date": "A date claim needs a date."})
        if self.attribute.endswith("_place") and not self.place_id:
            raise ValidationError({"place": "A place claim needs a place."})
