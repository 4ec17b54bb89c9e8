from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from simple_history.models import HistoricalRecords

from common.records import MergeableModel, MergeableQuerySet, not_merged_into_itself
from common.text import make_slug
from common.validators import no_control_characters
from prosopography.models import DatedMixin, Record
from prosopography.models.base import bound_field, edtf_field


class WorkType(models.TextChoices):
    NOVEL = "novel", "novel"
    HISTORY = "history", "history"
    ESSAY = "essay", "essay"
    PAMPHLET = "pamphlet", "pamphlet"
    POEM = "poem", "poem or poetry collection"
    ARTICLE = "article", "article"
    LETTER = "letter", "letter"
    CORRESPONDENCE = "correspondence", "collection of letters"
    DIARY = "diary", "diary or notebooks"
    MEMOIR = "memoir", "memoir"
    BIOGRAPHY = "biography", "biography"
    THESIS = "thesis", "thesis"
    REVIEW = "review", "review"
    TRANSLATION = "translation", "translation"
    MANUSCRIPT = "manuscript", "manuscript"
    SHORT_STORY = "short_story", "short story"
    COLLECTION = "collection", "collection"
    SERIES = "series", "series of articles"
    BOOK = "book", "book"
    OTHER = "other", "other"


class WorkStatus(models.TextChoices):
    PUBLISHED = "published", "published"
    UNPUBLISHED = "unpublished", "unpublished manuscript"
    CONFISCATED = "confiscated", "confiscated manuscript"
    LOST = "lost", "lost"


class Periodical(Record):
    """A newspaper, journal or review in which articles appeared."""

    slug = models.SlugField(max_length=100, blank=True, help_text="Made from the name on save.")
    title = models.CharField(max_length=300)
    place = models.ForeignKey(
        "prosopography.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="periodicals"
    )
    language = models.CharField(max_length=12, blank=True)
    publisher = models.ForeignKey(
        "prosopography.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="periodicals",
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = make_slug(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        try:
            return reverse("periodical-page", args=[self.pk])
        except NoReverseMatch:
            return None


class Work(MergeableModel, DatedMixin, Record):
    """A work as its author conceived it (FRBR's work): the novel, whatever its
    editions and translations. The primary key is the permanent public id."""

    edtf_fields = ("written", "first_published")

    slug = models.SlugField(max_length=100, blank=True, help_text="Made from the name on save.")
    title = models.CharField("original title", max_length=500, validators=[no_control_characters])
    language = models.CharField("original language", max_length=12, blank=True)
    type = models.CharField(max_length=20, choices=WorkType.choices, default=WorkType.BOOK)
    status = models.CharField(max_length=12, choices=WorkStatus.choices, default=WorkStatus.PUBLISHED)
    written = edtf_field("date of writing")
    written_lower = bound_field()
    written_upper = bound_field()
    first_published = edtf_field("first published")
    first_published_lower = bound_field()
    first_published_upper = bound_field()
    description = models.TextField(blank=True)
    about = models.ManyToManyField("prosopography.Person", blank=True, related_name="works_about")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    identifiers = GenericRelation("prosopography.ExternalIdentifier")
    objects = MergeableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["first_published_lower", "title", "id"]
        constraints = [
            not_merged_into_itself("work_not_merged_into_itself"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        self.clean_period("written", "first_published")

    def save(self, *args, **kwargs):
        self.slug = make_slug(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        try:
            return reverse("work-page", args=[self.pk, self.slug])
        except NoReverseMatch:
            return None


class Edition(DatedMixin, Record):
    """One publication of a work: a book edition, a translation, a reprint, or an
    article in a periodical issue."""

    edtf_fields = ("date",)

    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="editions")
    title = models.CharField("title as published", max_length=500, validators=[no_control_characters])
    language = models.CharField(max_length=12, blank=True)
    publisher = models.ForeignKey(
        "prosopography.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="editions"
    )
    place = models.ForeignKey(
        "prosopography.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="editions"
    )
    date = edtf_field("date of publication")
    date_lower = bound_field()
    date_upper = bound_field()
    series = models.CharField(max_length=300, blank=True)
    periodical = models.ForeignKey(
        Periodical, null=True, blank=True, on_delete=models.PROTECT, related_name="editions"
    )
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="translations"
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["work", "date_lower", "id"]

    def __str__(self):
        return f"{self.title} ({self.date})" if self.date else self.title

    def clean(self):
        super().clean()
        if self.translation_of_id and self.translation_of_id == self.pk:
            raise ValidationError({"translation_of": "An edition cannot translate itself."})
        if (self.volume or self.issue) and not self.periodical_id:
            raise ValidationError({"periodical": "Volume and issue belong to a periodical."})


class Contribution(models.Model):
    """A person's part in a work or edition, and the name it was credited under
    ("Le Rétif", "R. Albert", or another person's name, as with Soviets 1929)."""

    class Role(models.TextChoices):
        AUTHOR = "author", "author"
        COAUTHOR = "co-author", "co-author"
        TRANSLATOR = "translator", "translator"
        EDITOR = "editor", "editor"
        PREFACE = "preface", "author of preface"
        INTRODUCTION = "introduction", "author of introduction"
        ILLUSTRATOR = "illustrator", "illustrator"
        SENDER = "sender", "sender (letters)"
        RECIPIENT = "recipient", "recipient (letters)"
        CREDITED = "credited", "credited author (not the writer)"

    person = models.ForeignKey("prosopography.Person", on_delete=models.PROTECT, related_name="contributions")
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="contributions"
    )
    edition = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.CASCADE, related_name="contributions"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    credited_as = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        credited = f" as “{self.credited_as}”" if self.credited_as else ""
        return f"{self.person} ({self.role}){credited}"

    def clean(self):
        if bool(self.work_id) == bool(self.edition_id):
            raise ValidationError("A contribution is to a work or to an edition, not both.")


class WorkRelation(models.Model):
    """How two works relate, read “subject <type> object”."""

    class Type(models.TextChoices):
        TRANSLATION_OF = "translation-of", "translation of"
        EXCERPT_OF = "excerpt-of", "excerpt of"
        PART_OF = "part-of", "part of"
        REPRINT_OF = "reprint-of", "reprint of"
        REVIEW_OF = "review-of", "review of"
        SEQUEL_TO = "sequel-to", "sequel to"
        RESPONSE_TO = "response-to", "response to"

    subject = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="relations_out")
    type = models.CharField(max_length=20, choices=Type.choices)
    object = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="relations_in")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position among parts.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["object", "order", "id"]

    def __str__(self):
        return f"{self.subject} — {self.get_type_display()} — {self.object}"

    def clean(self):
        if self.subject_id and self.subject_id == self.object_id:
            raise ValidationError("A work cannot be related to itself.")


class Holding(models.Model):
    """Which archive or library holds letters or manuscripts of a work, and how many."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="holdings")
    repository = models.ForeignKey(
        "prosopography.Organisation", on_delete=models.PROTECT, related_name="holdings"
    )
    item_count = models.PositiveIntegerField(null=True, blank=True)
    shelfmark = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.work} at {self.repository}"


class Extract(models.Model):
    """A span of a source document that carries a work's own text: the whole of
    Serge's diary pages as printed in 1949, or an extract of a letter quoted in a
    biography. The persons a work mentions are those whose mentions fall inside its
    extracts, so that link is derived from the mentions, never typed twice."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="extracts")
    source = models.ForeignKey("prosopography.Source", on_delete=models.PROTECT, related_name="extracts")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label = models.CharField(max_length=200, blank=True, help_text="“Extract 3”, “whole document”.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["work", "source", "start"]

    def __str__(self):
        return f"{self.work} in {self.source.file_name} [{self.start}:{self.end}]"

    def clean(self):
        if self.source_id:
            self.source.check_span(self.start, self.end)
