"""What records share: timestamps, EDTF dates with sortable bounds, ranks, certainty."""

from django.core.exceptions import ValidationError
from django.db import models

from common import dates


class Rank(models.TextChoices):
    """How a curator weighs one reading against others, as Wikidata ranks statements."""

    PREFERRED = "preferred", "preferred"
    NORMAL = "normal", "normal"
    DEPRECATED = "deprecated", "deprecated"


class Certainty(models.TextChoices):
    CERTAIN = "certain", "certain"
    PROBABLE = "probable", "probable"
    POSSIBLE = "possible", "possible"


class NameType(models.TextChoices):
    PREFERRED = "preferred", "preferred name"
    BIRTH = "birth", "birth name"
    PSEUDONYM = "pseudonym", "pseudonym"
    INITIALS = "initials", "initials"
    TRANSLITERATION = "transliteration", "transliteration"
    VARIANT = "variant", "spelling variant"
    MARRIED = "married", "married name"
    NICKNAME = "nickname", "nickname"
    SURNAME = "surname", "surname alone"
    PATRONYMIC = "patronymic", "first name and patronymic"
    TITLE = "title", "title or epithet"
    ABBREVIATION = "abbreviation", "abbreviation"
    TRANSLATION = "translation", "translated name"


class Record(models.Model):
    """A curated record: knows when it was created and last changed (for caching too)."""

    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DatedMixin(models.Model):
    """Fills the sortable bounds of every EDTF field named in `edtf_fields` on save.

    For an EDTF field `start`, the model declares `start_lower` and `start_upper`
    DateFields; they are derived, never edited by hand.
    """

    edtf_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_date_bounds()
        super().save(*args, **kwargs)

    def fill_date_bounds(self):
        for name in self.edtf_fields:
            try:
                lower, upper = dates.bounds(getattr(self, name))
            except ValidationError:
                lower = upper = None
            setattr(self, f"{name}_lower", lower)
            setattr(self, f"{name}_upper", upper)

    @staticmethod
    def checked_bounds(value):
        """Bounds for checks across fields; a malformed date is reported on its own field only."""
        try:
            return dates.bounds(value)
        except ValidationError:
            return None, None

    def clean_period(self, start="start", end="end"):
        """An end that lies wholly before its start is an error."""
        start_lower, _ = self.checked_bounds(getattr(self, start))
        _, end_upper = self.checked_bounds(getattr(self, end))
        if start_lower and end_upper and end_upper < start_lower:
            raise ValidationError({end: "The end date lies before the start date."})


def edtf_field(verbose_name, **kwargs):
    return models.CharField(
        verbose_name,
        max_length=64,
        blank=True,
        validators=[dates.validate_edtf],
        help_text=dates.EDTF_HELP,
        **kwargs,
    )


def bound_field():
    return models.DateField(null=True, blank=True, editable=False, db_index=True)


def printed_field():
    """Whether a name form is printed in the documents, or a curator's normalisation
    (the pipeline decides, common.text.PrintedForms; a form entered by hand is unchecked)."""
    return models.BooleanField(
        "printed in the documents",
        null=True,
        blank=True,
        help_text="Yes: this exact form is printed in a source document. No: a curator's "
        "normalisation the documents never print. Empty: not checked (entered by hand).",
    )
