"""Speed that holds for every record (issue 18): bounded person details, free
conditional reads, index-backed search, capped hub networks, keyset pages, the EDTF
fast path, and the production plumbing (shared cache, read replica)."""

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
