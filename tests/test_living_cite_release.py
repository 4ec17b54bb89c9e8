"""Cite what you read: a person's or a work's page says which release holds it and
offers "cite this version"; `?release=<version>` (pages and API) shows the record
as it was in that release, rebuilt from its history (common/releases.py)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from bibliography.models import Work
from prosopography.models import Alias, Person


@pytest.fixture
def released(api_world, tmp_path, settings):
    """Release 2026.1 of the test world, then a curator's edits after it."""
    settings.RELEASES_DIR = tmp_path
    call_command(
        "release", "2026.1", "--into", str(tmp_path), "--base-url", "https://s.example", stdout=io.StringIO()
    )
    serge = Person.objects.get(name="Victor Serge")
    serge.description = "Revolutionary, novelist, poet."
    serge.save()
    Alias.objects.create(person=serge, name="Le Vieux Serge", type="variant")
    work = Work.objects.current().order_by("pk").first()
    old_title = work.title
    work.title = "A title changed after the release"
    work.save()
    return {"serge": serge, "work": work, "old_title": old_title}


def test_the_release_shows_the_old_value_and_the_living_page_the_new(client, released):
    serge = released["serge"]
    living = client.get(serge.get_absolute_url()).content.decode()
    assert "Revolutionary, novelist, poet." in living
    response = client.get(serge.get_absolute_url(), {"release": "2026.1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "As in release 2026.1" in page
    assert "Revolutionary and writer." in page and "novelist, poet" not in page
    assert "Le Rétif" in page and "Le Vieux Serge" not in page, "the names as they were"
    assert 'href="http://testserver/persons/' in page, "a link to the living version"


def test_the_living_page_says_which_release_holds_it_and_offers_to_cite_it(client, released):
    serge = released["serge"]
    page = client.get(serge.get_absolute_url()).content.decode()
    assert "Part of" in page and "release 2026.1" in page
    assert "Cite this version" in page
    assert f"{serge.get_absolute_url()}?release=2026.1" in page
    assert "Victor Serge’s World, release 2026.1" in page or "release 2026.1 (" in page


def test_a_work_as_in_the_release(client, released):
    work = released["work"]
    assert "A title changed after the release" in client.get(work.get_absolute_url()).content.decode()
    page = client.get(work.get_absolute_url(), {"release": "2026.1"}).content.decode()
    assert "As in release 2026.1" in page
    assert escape(released["old_title"]) in page and "A title changed after the release" not in page
    assert "Cite this version" in client.get(work.get_absolute_url()).content.decode()


def test_an_unknown_release_is_a_404_that_says_so(client, released):
    serge = released["serge"]
    response = client.get(serge.get_absolute_url(), {"release": "1999.9"})
    assert response.status_code == 404
    api = client.get(f"/api/v1/persons/{serge.pk}/", {"release": "1999.9"})
    assert api.status_code == 404
    assert "No release '1999.9'" in api.json()["detail"]


def test_a_record_created_after_the_release_is_a_404(client, released):
    vlady = Person.objects.create(name="Vlady Kibalchich")
    response = client.get(vlady.get_absolute_url(), {"release": "2026.1"})
    assert response.status_code == 404
    api = client.get(f"/api/v1/persons/{vlady.pk}/", {"release": "2026.1"})
    assert api.status_code == 404
    assert "added to the database after it" in api.json()["detail"]
    # and its living page names no release
    assert "Cite this version" not in client.get(vlady.get_absolute_url()).content.decode()


def test_the_api_detail_as_in_the_release(client, released):
    serge, work = released["serge"], released["work"]
    then = client.get(f"/api/v1/persons/{serge.pk}/", {"release": "2026.1"})
    assert then.status_code == 200
    data = then.json()
    assert data["description"] == "Revolutionary and writer."
    assert data["release"]["version"] == "2026.1"
    assert data["release"]["url"].endswith(f"/api/v1/persons/{serge.pk}/?release=2026.1")
    assert "Le Vieux Serge" not in {n["name"] for n in data["names"]}
    now = client.get(f"/api/v1/persons/{serge.pk}/").json()
    assert now["description"] == "Revolutionary, novelist, poet."
    work_then = client.get(f"/api/v1/works/{work.pk}/", {"release": "2026.1"}).json()
    assert work_then["title"] == released["old_title"]
    assert client.get(f"/api/v1/works/{work.pk}/").json()["title"] == "A title changed after the release"


def _queries(client, url, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


def test_queries_are_bounded(client, released):
    """The page and the API detail as in a release read a fixed number of rows sets,
    whatever the number of names or past versions."""
    serge = released["serge"]
    before_page = _queries(client, serge.get_absolute_url(), {"release": "2026.1"})
    before_api = _queries(client, f"/api/v1/persons/{serge.pk}/", {"release": "2026.1"})
    assert before_page <= 10 and before_api <= 10
    # many more names and versions, before and after the release
    for n in range(15):
        Alias.objects.create(person=serge, name=f"Form {n}", type="variant")
        serge.description = f"Version {n}"
        serge.save()
    assert _queries(client, serge.get_absolute_url(), {"release": "2026.1"}) == before_page
    assert _queries(client, f"/api/v1/persons/{serge.pk}/", {"release": "2026.1"}) == before_api
