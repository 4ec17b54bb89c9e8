"""Identifiers of our records in other databases (authority files, catalogues).

Each authority has its own identifier syntax; a malformed identifier makes a dead
link on our pages and in reconciliation answers, so the authorities that people
reconcile against are validated by pattern (and ISNI by its check character)."""

import re

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class ExternalIdentifier(models.Model):
    """An identifier of a person, organisation, place or work in another database."""

    class Scheme(models.TextChoices):
        WIKIDATA = "wikidata", "Wikidata"
        VIAF = "viaf", "VIAF"
        ISNI = "isni", "ISNI"
        LOC = "loc", "Library of Congress"
        BNF = "bnf", "BnF"
        GND = "gnd", "GND"
        ISBN = "isbn", "ISBN"
        OCLC = "oclc", "OCLC"
        ISSN = "issn", "ISSN"
        DOI = "doi", "DOI"
        PROQUEST = "proquest", "ProQuest"
        MAITRON = "maitron", "Maitron"
        GEONAMES = "geonames", "GeoNames"

    # The syntax of each authority's identifiers (after the formats Wikidata
    # documents for its properties P214, P227, P213, P244, P1566; the Maitron's
    # article numbers as FactGrid's property P1065 records them).
    PATTERNS = {
        "wikidata": (r"Q[1-9][0-9]*", "a Q followed by digits, e.g. Q12345"),
        "viaf": (r"[1-9][0-9]{1,21}", "digits only, e.g. 27064256"),
        "gnd": (
            r"1[012]?[0-9]{7}[0-9X]|[47][0-9]{6}-[0-9]|[1-9][0-9]{0,7}-[0-9X]|3[0-9]{7}[0-9X]",
            "a GND number, e.g. 118612611 or 4007879-2",
        ),
        "isni": (r"[0-9]{15}[0-9X]", "16 characters without spaces, e.g. 0000000121032683"),
        "loc": (r"(n|nb|nr|no|ns|sh)[0-9]{8,10}", "a prefix and digits, e.g. n79021164"),
        "maitron": (r"[1-9][0-9]{0,6}", "the number of a Maitron article, e.g. 154340"),
        "geonames": (r"[1-9][0-9]{0,9}", "digits only, e.g. 2988507"),
    }

    URLS = {
        "wikidata": "https://www.wikidata.org/wiki/{}",
        "viaf": "https://viaf.org/viaf/{}",
        "isni": "https://isni.org/isni/{}",
        "loc": "https://id.loc.gov/authorities/names/{}",
        "bnf": "https://catalogue.bnf.fr/ark:/12148/{}",
        "gnd": "https://d-nb.info/gnd/{}",
        "oclc": "https://www.worldcat.org/oclc/{}",
        "doi": "https://doi.org/{}",
        "maitron": "https://maitron.fr/spip.php?article{}",
        "geonames": "https://www.geonames.org/{}",
    }

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    scheme = models.CharField(max_length=20, choices=Scheme.choices)
    value = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "value"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "scheme", "value"], name="unique_external_identifier"
            ),
        ]

    def __str__(self):
        return f"{self.get_scheme_display()} {self.value}"

    def clean(self):
        super().clean()
        self.value = (self.value or "").strip()
        problem = identifier_problem(self.scheme, self.value)
        if problem:
            raise ValidationError({"value": problem})

    @property
    def url(self):
        pattern = self.URLS.get(self.scheme)
        return pattern.format(self.value) if pattern else None


def isni_check_character(digits):
    """ISO 7064 MOD 11-2 check character of the first 15 digits of an ISNI."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def identifier_problem(scheme, value):
    """Why `value` is not a well-formed identifier of `scheme`, or None if it is
    (or if the scheme has no pattern here)."""
    pattern = ExternalIdentifier.PATTERNS.get(scheme)
    if pattern is None:
        return None
    regex, example = pattern
    label = ExternalIdentifier.Scheme(scheme).label
    if not re.fullmatch(regex, value or ""):
        return f"“{value}” is not a {label} identifier: expected {example}."
    if scheme == "isni" and isni_check_character(value[:15]) != value[15]:
        return f"“{value}” is not an ISNI: its check character should be {isni_check_character(value[:15])}."
    return None
