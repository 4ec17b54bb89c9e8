"""Search: one box for persons, organisations, places, works and passages, that
forgives accents and capitals and puts the best match first."""

import pytest
from django.db import connection  # noqa: F401  (read by the skipif condition)

from bibliography.models import Edition, Work
from prosopography.models import (
    Alias,
    Mention,
    MentionStatus,
    NameType,
    Organisation,
    OrganisationName,
    Person,
    Place,
    PlaceName,
    Source,
)

SEARCH = "/api/v1/search/"


@pytest.fixture
def world(db):
    rirette = Person.objects.create(name="Rirette Maîtrejean")
    Alias.objects.create(person=rirette, name="Anna Estorges", type=NameType.BIRTH)
    zborowski = Person.objects.create(name="Mark Zborowski")
    Alias.objects.create(person=zborowski, name="Mark Zborovsky", type=NameType.TRANSLITERATION)
    Alias.objects.create(person=zborowski, name="Étienne", type=NameType.PSEUDONYM)
    serge = Person.objects.create(name="Victor Serge")
    Alias.objects.create(person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    Person.objects.create(name="Serge Zinoviev")  # a first name that contains the query
    Person.objects.create(name="Sergei Kirov")
    Person.objects.create(name="V. Serge", merged_into=serge)
    gang = Organisation.objects.create(name="Bonnot gang", kind="gang")
    OrganisationName.objects.create(organisation=gang, name="la bande à Bonnot")
    brussels = Place.objects.create(name="Brussels")
    PlaceName.objects.create(place=brussels, name="Bruxelles", language="fr")
    work = Work.objects.create(title="Mémoires d'un révolutionnaire", language="fr")
    Edition.objects.create(work=work, title="Memoirs of a Revolutionary", language="en", date="1963")
    text = "Rirette Maîtrejean lived rue Fessart with Serge."
    source = Source.objects.create(file_name="memoirs.txt", title="Memoirs", checksum="0" * 64, length=1000)
    Mention.objects.create(
        source=source,
        start=0,
        end=18,
        surface=text[:18],
        snippet=text,
        person=rirette,
        status=MentionStatus.CONFIRMED,
    )
    return {
        "rirette": rirette,
        "zborowski": zborowski,
        "serge": serge,
        "gang": gang,
        "brussels": brussels,
        "work": work,
    }


def results(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_accents_and_capitals_do_not_matter(client, world):
    for query in ["maitrejean", "MAITREJEAN", "Maîtrejean"]:
        found = results(client, q=query, type="person")
        assert [(r["type"], r["id"]) for r in found] == [("person", world["rirette"].pk)]


def test_an_alias_finds_its_person(client, world):
    [found] = results(client, q="zborovsky", type="person")
    assert found["id"] == world["zborowski"].pk
    assert found["label"] == "Mark Zborowski"
    assert "Zborovsky" in found["snippet"]
    assert results(client, q="le retif")[0]["id"] == world["serge"].pk


def test_exact_match_comes_before_prefix_and_contains(client, world):
    found = results(client, q="serge", type="person")
    labels = [r["label"] for r in found]
    # "Serge" is a word of "Victor Serge" and begins "Serge Zinoviev" and "Sergei Kirov".
    assert labels.index("Serge Zinoviev") < labels.index("Victor Serge")
    exact = results(client, q="victor serge")
    assert exact[0]["label"] == "Victor Serge" and exact[0]["score"] == 1.0
    assert [r["score"] for r in found] == sorted((r["score"] for r in found), reverse=True)


def test_merged_records_are_not_found(client, world):
    labels = [r["label"] for r in results(client, q="v serge")]
    assert "V. Serge" not in labels


def test_every_kind_of_record_is_searched(client, world):
    assert results(client, q="bande a bonnot")[0]["id"] == world["gang"].pk
    assert results(client, q="bruxelles")[0]["id"] == world["brussels"].pk
    [work] = results(client, q="memoires d un", type="work")
    assert work["id"] == world["work"].pk
    [by_edition] = results(client, q="revolutionary", type="work")
    assert by_edition["id"] == world["work"].pk and "1963" in by_edition["snippet"]
    [passage] = results(client, q="rue fessart")
    assert passage["type"] == "mention" and "Fessart" in passage["snippet"]


def test_records_rank_above_passages(client, world):
    found = results(client, q="maitrejean")
    assert [r["type"] for r in found] == ["person", "mention"]


def test_type_filter(client, world):
    assert {r["type"] for r in results(client, q="serge", type="mention")} == {"mention"}
    assert {r["type"] for r in results(client, q="bonnot", type="organisation,person")} == {"organisation"}


def test_results_carry_urls_and_are_paginated(client, world):
    body = client.get(SEARCH, {"q": "serge", "page_size": 2}).json()
    assert body["count"] == 4  # three persons and one passage
    assert len(body["results"]) == 2 and body["next"]
    assert body["results"][0]["url"].endswith(f"/{body['results'][0]['id']}/")


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "a"}, {"q": " é. "}, {"q": "serge", "type": "planet"}]
)
def test_bad_queries_are_refused(client, db, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert response.json()


def test_queries_are_bounded(client, django_assert_max_num_queries, world):
    for i in range(40):
        person = Person.objects.create(name=f"Serge Number{i}")
        Alias.objects.create(person=person, name=f"Sergio {i}")
    # two per type of record (names, then alias names or editions), one for passages,
    # one for the data's version (the answer is kept: common/representations.py)
    with django_assert_max_num_queries(10):
        body = client.get(SEARCH, {"q": "serg", "page_size": 500}).json()
    assert body["count"] > 40


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="trigram similarity is PostgreSQL's")
def test_near_spellings_are_found_on_postgresql(client, world):
    found = results(client, q="zborovskyi", type="person")
    assert found and found[0]["id"] == world["zborowski"].pk
    assert found[0]["score"] < 0.4  # ranked below any literal match
