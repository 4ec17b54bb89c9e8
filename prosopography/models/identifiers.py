from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords


class ExternalIdentifier(models.Model):
    """An identifier of a person, organisation or work in another database."""

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

    URLS = {
        "wikidata": "https://www.wikidata.org/wiki/{}",
        "viaf": "https://viaf.org/viaf/{}",
        "isni": "https://isni.org/isni/{}",
        "loc": "https://id.loc.gov/authorities/names/{}",
        "bnf": "https://catalogue.bnf.fr/ark:/12148/{}",
        "gnd": "https://d-nb.info/gnd/{}",
        "oclc": "https://www.worldcat.org/oclc/{}",
        "doi": "https://doi.org/{}",
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

    @property
    def url(self):
        pattern = self.URLS.get(self.scheme)
        return pattern.format(self.value) if pattern else None
