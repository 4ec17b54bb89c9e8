from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .. import properties
from .base import Certainty, DatedMixin, Rank, Record, bound_field, edtf_field


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
    """One source's reading of one fact: a date, place, person, number or text that
    a passage gives for a property (prosopography.properties) of a person, an event,
    or any other record (an organisation, a tie, a work).

    Readings that disagree coexist, each with its citations, certainty and rank;
    the fact is contested when two readings that are not deprecated cannot both be
    true (prosopography.facts: refinements such as 1933 and 1933-03 agree).

    Persons and events, whose readings the pages and the API read most, are linked
    by foreign keys; other records through a generic link (subject_type,
    subject_id), so that a reading can be about a work without the prosopography's
    tables depending on the bibliography's."""

    Attribute = models.TextChoices(
        "Attribute", [(p.name.upper(), (p.name, p.label)) for p in properties.PROPERTIES.values()]
    )

    edtf_fields = ("date",)

    person = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, help_text="Another kind of record."
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_record = GenericForeignKey("subject_type", "subject_id")
    attribute = models.CharField("property", max_length=30, choices=Attribute.choices)
    date = edtf_field("date")
    date_lower = bound_field()
    date_upper = bound_field()
    place = models.ForeignKey("Place", null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    value_person = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.PROTECT, related_name="named_in_claims"
    )
    value_text = models.CharField("text or number", max_length=300, blank=True)
    certainty = models.CharField(max_length=10, choices=Certainty.choices, default=Certainty.CERTAIN)
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
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return f"{self.subject}: {self.get_attribute_display()} = {self.value}"

    @property
    def subject(self):
        return self.person or self.event or self.subject_record

    @property
    def kind(self):
        """What kind of value the property takes (properties.DATE, PLACE ...)."""
        return properties.kind_of(self.attribute)

    @property
    def value(self):
        return {
            properties.DATE: self.date,
            properties.PLACE: self.place or "",
            properties.PERSON: self.value_person or "",
        }.get(self.kind, self.value_text)

    def clean(self):
        super().clean()
        # A person or event being added with its readings (the admin's inline) has no id yet.
        has_person = bool(self.person_id) or self.person is not None
        has_event = bool(self.event_id) or self.event is not None
        subjects = [has_person, has_event, bool(self.subject_type_id and self.subject_id)]
        if sum(subjects) != 1:
            raise ValidationError("A reading is about one record: a person, an event or another record.")
        prop = properties.PROPERTIES.get(self.attribute)
        subject_kind = "person" if has_person else "event" if has_event else "other"
        if prop and subject_kind not in prop.subjects:
            raise ValidationError({"attribute": f"“{prop.label}” does not describe this kind of record."})
        field, message, empty = {
            properties.DATE: ("date", "A date claim needs a date.", not self.date),
            properties.PLACE: ("place", "A place claim needs a place.", not self.place_id),
            properties.PERSON: (
                "value_person",
                "Name the person this reading says.",
                not self.value_person_id,
            ),
            properties.TEXT: ("value_text", "Give the text this reading says.", not self.value_text.strip()),
            properties.NUMBER: (
                "value_text",
                "Give the number this reading says.",
                not self.value_text.strip(),
            ),
        }[self.kind]
        if empty:
            raise ValidationError({field: message})
        if self.kind == properties.NUMBER and properties.number_bounds(self.value_text) is None:
            raise ValidationError(
                {"value_text": "A number, such as 85, 2.5, 80~ (about 80) or 4+ (at least 4)."}
            )
