"""The evidence layer: source documents, the spans of them that name something
(mentions), and the quoted passages that facts cite (citations)."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import Record


class Source(Record):
    """A document the database is derived from. The text itself is not stored (it is
    copyrighted): the file name and checksum say which text the offsets refer to."""

    file_name = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=500)
    description = models.TextField("bibliographic description", blank=True)
    checksum = models.CharField("SHA-256 of the text", max_length=64)
    length = models.PositiveIntegerField("length in characters")
    history = HistoricalRecords()

    class Meta:
        ordering = ["file_name"]

    def __str__(self):
        return self.title

    def check_span(self, start, end, field_prefix=""):
        errors = {}
        if start is None or end is None:
            return
        if start < 0:
            errors[f"{field_prefix}start"] = "The start offset cannot be negative."
        if end <= start:
            errors[f"{field_prefix}end"] = "The end offset must come after the start offset."
        if end > self.length:
            errors[f"{field_prefix}end"] = (
                f"The span ends at {end}, past the end of the source ({self.length} characters)."
            )
        if errors:
            raise ValidationError(errors)


class MentionStatus(models.TextChoices):
    MACHINE = "machine", "machine-found"
    UNRESOLVED = "unresolved", "unresolved (needs a curator)"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


# Mentions a reader sees (pages, API, exports, counts, search): the pipeline's
# resolved ones and the curators' confirmed ones. Unresolved mentions wait in the
# review queue; rejected ones are kept only so that the pipeline does not propose
# them again. The one definition: every read goes through `shown()`.
SHOWN_STATUSES = ("machine", "confirmed")


class MentionQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(status__in=SHOWN_STATUSES)


class Mention(models.Model):
    """A span of a source that names a person, organisation, place or work.

    Machine-found mentions start as `machine` (resolved by rule) or `unresolved`
    (the name fits several records: `candidates` lists them); curators confirm or
    reject them. Rejected mentions are kept, so the pipeline does not propose them again.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    surface = models.CharField("text as written", max_length=300)
    snippet = models.TextField(max_length=400, help_text="The passage around the mention.")
    paragraph = models.PositiveIntegerField(default=0, help_text="Paragraph number in the source.")
    status = models.CharField(
        max_length=12, choices=MentionStatus.choices, default=MentionStatus.MACHINE, db_index=True
    )
    person = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    organisation = models.ForeignKey(
        "Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    place = models.ForeignKey(
        "Place", null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    work = models.ForeignKey(
        "bibliography.Work", null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    candidates = models.ManyToManyField("Person", blank=True, related_name="candidate_mentions")
    rule = models.CharField(max_length=60, blank=True, help_text="How the pipeline resolved it.")
    objects = MentionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "start"]
        indexes = [models.Index(fields=["source", "start"])]

    def __str__(self):
        return f"“{self.surface}” in {self.source.file_name} @{self.start}"

    @property
    def target(self):
        return self.person or self.organisation or self.place or self.work

    def clean(self):
        if self.source_id:
            self.source.check_span(self.start, self.end)
        if self.start is not None and self.end is not None and len(self.surface) != self.end - self.start:
            raise ValidationError({"surface": "The surface text must be exactly the span's length."})
        targets = [self.person_id, self.organisation_id, self.place_id, self.work_id]
        if sum(bool(t) for t in targets) > 1:
            raise ValidationError("A mention refers to one record only.")
        if self.status in (MentionStatus.MACHINE, MentionStatus.CONFIRMED) and not any(targets):
            raise ValidationError({"status": "A resolved or confirmed mention needs a target."})


class Citation(models.Model):
    """A passage cited as evidence: a source, the span, and a short verbatim quote.

    Relationships, memberships, events and claims cite one or more of these."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(max_length=600)
    locator = models.CharField(max_length=100, blank=True, help_text="Page, line or footnote.")
    mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.SET_NULL, related_name="citations"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "start"]

    def __str__(self):
        return f"{self.source.file_name} {self.locator}: “{self.quote[:60]}”"

    def clean(self):
        if self.source_id:
            self.source.check_span(self.start, self.end)
        if self.start is not None and self.end is not None and len(self.quote) != self.end - self.start:
            raise ValidationError({"quote": "The quote must be exactly the span's length."})


class CoMention(models.Model):
    """Two persons named in the same paragraph of a source, weighted by how many
    paragraphs they share. Derived from the mentions (by the fixture pipeline or
    `manage.py rebuild_comentions`), never edited by hand: the network's
    “co-mention” edges, beside the curated relationships."""

    first = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveIntegerField()

    class Meta:
        ordering = ["-weight", "first", "second"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_comention"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="comention_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.first_id} ~ {self.second_id} ({self.weight})"
