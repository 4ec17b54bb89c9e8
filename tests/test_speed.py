"""Speed that holds for every record (issue 18): bounded person details, free
conditional reads, index-backed search, capped hub networks, keyset pages, the EDTF
fast path, and the production plumbing (shared cache, read replica)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prosopography.models import (
    Event,
    EventParticipant,
    Membership,
    Organisation,
    Person,
    Relationship,
    RelationshipType,
)
from prosopography.selectors import DETAIL_LIMIT

from .factories import quick

API = "/api/v1"


def _measure(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def _add_ties(hub, n, start=0):
    friend = RelationshipType.objects.get(slug="friend")
    group = Organisation.objects.get_or_create(name="Hub group")[0]
    for i in range(start, start + n):
        other = quick(Person, name=f"Tie Number{i:04d}")
        quick(Relationship, subject=other if i % 2 else hub, type=friend, object=hub if i % 2 else other)
        quick(Membership, person=hub, organisation=group, role=f"role {i}")
        event = quick(Event, key=f"hub-event-{i}", type="meeting", date=f"{1900 + i % 50}")
        quick(EventParticipant, event=event, person=hub)


# ---------------------------------------------------------------- 1. bounded person detail


def test_person_detail_is_bounded_whatever_the_number_of_ties(reader, db):
    hub = quick(Person, name="Hub Person")
    _add_ties(hub, 5)
    few, few_queries = _measure(reader, f"{API}/persons/{hub.pk}/")
    assert few.status_code == 200
    data = few.json()
    assert len(data["relationships"]) == 5
    assert data["summary"]["relationships"] == {
        "count": 5,
        "shown": 5,
        "truncated": False,
        "url": f"http://testserver{API}/persons/{hub.pk}/relationships/",
        "by_kind": {"personal": 5},
    }

    _add_ties(hub, 30, start=5)
    many, many_queries = _measure(reader, f"{API}/persons/{hub.pk}/")
    size_at_35 = len(many.content)
    _add_ties(hub, 100, start=35)
    most, most_queries = _measure(reader, f"{API}/persons/{hub.pk}/")
    data = most.json()

    assert len(data["relationships"]) == len(data["memberships"]) == len(data["events"]) == DETAIL_LIMIT
    summary = data["summary"]
    assert summary["relationships"]["count"] == 135 and summary["relationships"]["truncated"] is True
    assert summary["relationships"]["by_kind"] == {"personal": 135}
    assert summary["memberships"]["count"] == summary["events"]["count"] == 135
    # The rest are where the summary says, paginated.
    rest = reader.get(summary["relationships"]["url"]).json()
    assert rest["count"] == 135
    # Constant queries and (nearly) constant size from 35 to 135 ties: only the digits grow.
    assert many_queries == most_queries <= 13
    assert few_queries <= most_queries
    assert abs(len(most.content) - size_at_35) < 200
    assert len(most.content) < 40_000


def test_outgoing_ties_come_first_worded_from_the_persons_side(reader, db):
    hub = quick(Person, name="Hub Person")
    _add_ties(hub, 4)
    ties = reader.get(f"{API}/persons/{hub.pk}/").json()["relationships"]
    assert [t["direction"] for t in ties] == ["out", "out", "in", "in"]
    assert {t["person"]["name"] for t in ties} == {f"Tie Number{i:04d}" for i in range(4)}


# ---------------------------------------------------------------- 2. 304 without building


def test_an_unchanged_person_answers_304_in_one_query(reader, api_world):
    serge = api_world["serge"]
    url = f"{API}/persons/{serge.pk}/"
    first, full_queries = _measure(reader, url)
    etag = first["ETag"]
    again, queries = _measure(reader, url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    assert queries == 1 < full_queries
    # A stale tag gets the record in full, with the current tag.
    stale, _ = _measure(reader, url, HTTP_IF_NONE_MATCH='"0123"')
    assert stale.status_code == 200 and stale["ETag"] == etag
    assert stale.json()["id"] == serge.pk


def test_a_merged_duplicate_still_redirects_under_if_none_match(reader, api_world):
    response = reader.get(f"{API}/persons/{api_world['duplicate'].pk}/", HTTP_IF_NONE_MATCH='"x"')
    assert response.status_code == 301
    assert response["Location"] == f"{API}/persons/{api_world['serge'].pk}/"


def test_an_unknown_record_under_if_none_match_is_404(reader, db):
    assert reader.get(f"{API}/persons/999999/", HTTP_IF_NONE_MATCH='"x"').status_code == 404


# ---------------------------------------------------------------- 3. search served by indexes


@pytest.fixture
def searchable(db):
    from bibliography.models import Edition, Work
    from prosopography.models import Mention, MentionStatus, Source

    rirette = quick(Person, name="Rirette Maîtrejean")
    work = quick(Work, title="S'il est minuit dans le siècle", language="fr")
    quick(Edition, work=work, title="Midnight in the Century", language="en", date="1982")
    source = quick(Source, file_name="memoirs.txt", title="Memoirs", checksum="0" * 64, length=1000)
    text = "Rirette Maîtrejean lived rue Fessart with Serge."
    quick(
        Mention,
        source=source,
        start=0,
        end=18,
        surface=text[:18],
        snippet=text,
        person=rirette,
        status=MentionStatus.CONFIRMED,
    )
    return {"rirette": rirette, "work": work}


def _found(reader, q, type_=None):
    url = f"{API}/search/?q={q}" + (f"&type={type_}" if type_ else "")
    response = reader.get(url)
    assert response.status_code == 200, response.content
    return {(row["type"], row["id"]) for row in response.json()["results"]}


def test_search_finds_titles_of_editions_and_unaccented_names(reader, searchable):
    work, rirette = searchable["work"], searchable["rirette"]
    assert ("work", work.pk) in _found(reader, "Midnight in the Century")
    assert ("work", work.pk) in _found(reader, "minuit dans le SIECLE")
    assert ("person", rirette.pk) in _found(reader, "maitrejean")
    assert ("person", rirette.pk) in _found(reader, "MAÎTREJEAN")
    passages = _found(reader, "maitrejean", "mention")
    assert len(passages) == 1
    assert _found(reader, "fessart with ser", "mention") == passages  # a phrase, the last word begun
    assert _found(reader, "nowhere at all", "mention") == set()


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_searches_passages_through_fts5_not_python(reader, searchable):
    with CaptureQueriesContext(connection) as queries:
        assert len(_found(reader, "maitrejean", "mention")) == 1
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "prosopography_mention_fts MATCH" in sql
    assert "serge_normalize" not in sql
    # The triggers keep the index in step with edits and deletions.
    from prosopography.models import Mention

    Mention.objects.update(snippet="Nothing of the kind.")
    assert _found(reader, "maitrejean", "mention") == set()
    assert len(_found(reader, "kind", "mention")) == 1
    Mention.objects.all().delete()
    assert _found(reader, "kind", "mention") == set()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.parametrize(
    "table, column, index",
    [
        ("prosopography_person", "name", "prosopography_person_name_norm_trgm"),
        ("prosopography_mention", "snippet", "prosopography_mention_snippet_norm_trgm"),
        ("bibliography_work", "title", "bibliography_work_title_norm_trgm"),
        ("bibliography_edition", "title", "bibliography_edition_title_norm_trgm"),
    ],
)
def test_postgresql_matches_names_and_titles_through_trigram_indexes(searchable, table, column, index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT serge_normalize('Rirette Maîtrejean, l''Anarchie!')")
        assert cursor.fetchone()[0] == "rirette maitrejean l anarchie"
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'serge_normalize'")
        assert cursor.fetchone()[0] == "i"  # immutable: usable in an index
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM {table} WHERE serge_normalize({column})::text LIKE '%%maitre%%'"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
