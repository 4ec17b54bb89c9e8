"""Speed that holds for every record (issue 18): bounded person details, free
conditional reads, index-backed search, capped hub networks, keyset pages, the EDTF
fast path, and the production plumbing (shared cache, read replica)."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from bibliography.models import Work
from prosopography.models import (
    Event,
    EventParticipant,
    Membership,
    Mention,
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
    # (14: the 13 that build it, and the data's version that keys the cache.)
    assert many_queries == most_queries <= 14
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


# ---------------------------------------------------------------- 4. networks for hubs


@pytest.fixture
def hub_network(db):
    """A hub tied to 30 persons, each tied to one more person of its own (61 in
    all, 60 ties within two steps); persons 0-2 are also co-mentioned with the hub:
    two ties to it, the strongest."""
    from prosopography.models import CoMention

    comrade = RelationshipType.objects.get(slug="comrade")
    hub = quick(Person, name="Hub")
    near = []
    for i in range(30):
        someone = quick(Person, name=f"Near {i:02d}")
        quick(Relationship, subject=hub, type=comrade, object=someone)
        far = quick(Person, name=f"Far {i:02d}")
        quick(Relationship, subject=someone, type=comrade, object=far)
        near.append(someone)
    for someone in near[:3]:
        quick(CoMention, first=hub, second=someone, weight=1)
    return hub, near


def test_a_hubs_network_is_cut_to_its_strongest_nearest_persons_and_says_so(reader, hub_network):
    hub, near = hub_network
    url = f"{API}/persons/{hub.pk}/network/?depth=2&max_nodes=10"
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(url)
    assert response.status_code == 200
    body = response.json()
    assert len(queries) <= 10
    assert body["truncated"] is True
    assert (body["total_nodes"], body["total_edges"]) == (61, 63)
    assert len(body["nodes"]) == 10
    kept = {node["id"] for node in body["nodes"]}
    assert hub.pk in kept and {p.pk for p in near[:3]} <= kept  # the strongest ties kept first
    assert all(name.startswith(("Hub", "Near")) for name in (n["name"] for n in body["nodes"]))  # nearest
    assert all(e["source"] in kept and e["target"] in kept for e in body["edges"])
    assert (response["X-Network-Truncated"], response["X-Total-Nodes"], response["X-Total-Edges"]) == (
        "true",
        "61",
        "63",
    )
    assert body["rest"]["full"].endswith("max_nodes=61")
    assert body["rest"]["relationships"] == f"http://testserver{API}/persons/{hub.pk}/relationships/"
    assert 'rel="related"' in response["Link"]

    whole = reader.get(body["rest"]["full"]).json()
    assert whole["truncated"] is False and len(whole["nodes"]) == 61 and len(whole["edges"]) == 63


def test_an_uncut_network_says_it_is_whole(reader, hub_network):
    hub, _ = hub_network
    response = reader.get(f"{API}/persons/{hub.pk}/network/?depth=2")
    body = response.json()
    assert (body["truncated"], body["total_nodes"], body["total_edges"]) == (False, 61, 63)
    assert response["X-Network-Truncated"] == "false" and "rest" not in body


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_a_cut_network_stays_a_valid_graph_file_and_says_so_in_headers(reader, hub_network, fmt):
    import io

    import networkx as nx

    hub, _ = hub_network
    response = reader.get(f"{API}/persons/{hub.pk}/network/?depth=2&max_nodes=10&format={fmt}")
    assert response.status_code == 200
    assert response["X-Network-Truncated"] == "true" and response["X-Total-Nodes"] == "61"
    graph = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 10
    if fmt == "gexf":
        from .export_schemas import assert_valid, gexf_schema

        assert_valid(gexf_schema(), response.content)


@pytest.mark.parametrize("value", ["0", "-3", "20001", "many"])
def test_a_bad_node_limit_is_a_400_that_says_why(reader, hub_network, value):
    hub, _ = hub_network
    response = reader.get(f"{API}/persons/{hub.pk}/network/?max_nodes={value}")
    assert response.status_code == 400
    assert "max_nodes" in response.json()


# ---------------------------------------------------------------- 5. keyset pages


def _walk(reader, url):
    """Every row, following `next` from the first keyset page; and the pages' sizes."""
    rows, sizes = [], []
    while url:
        response = reader.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        rows += [row["id"] for row in body["results"]]
        sizes.append(len(body["results"]))
        if body["next"]:
            assert f'<{body["next"]}>; rel="next"' in response["Link"]
        url = body["next"]
    return rows, sizes


@pytest.mark.parametrize(
    "resource, order",
    [
        (
            "persons",
            lambda: list(Person.objects.current().order_by("sort_name", "id").values_list("id", flat=True)),
        ),
        ("relationships", lambda: list(Relationship.objects.order_by("id").values_list("id", flat=True))),
        ("mentions", lambda: list(Mention.objects.order_by("id").values_list("id", flat=True))),
        ("works", lambda: list(Work.objects.order_by("id").values_list("id", flat=True))),
    ],
)
def test_keyset_pages_walk_the_whole_list_in_its_order(reader, crowd, resource, order):
    rows, sizes = _walk(reader, f"{API}/{resource}/?cursor=&page_size=7")
    assert rows == order()
    assert len(rows) >= 49 and sizes[0] == 7
    # Numbered pages are still there, with their count.
    assert "count" in reader.get(f"{API}/{resource}/?page=2&page_size=7").json()


def test_a_deep_keyset_page_costs_what_the_first_does(reader, crowd):
    first, first_queries = _measure(reader, f"{API}/relationships/?cursor=&page_size=5")
    url = first.json()["next"]
    for _ in range(7):
        url = reader.get(url).json()["next"]
    deep, deep_queries = _measure(reader, url)
    assert deep.status_code == 200 and deep.json()["results"]
    assert deep_queries == first_queries
    back = reader.get(deep.json()["previous"]).json()
    assert [r["id"] for r in back["results"]] < [r["id"] for r in deep.json()["results"]]


def test_keyset_pages_keep_the_filters(reader, crowd):
    person = crowd["person"]
    rows, _ = _walk(reader, f"{API}/relationships/?cursor=&page_size=1&person={person.pk}")
    ties = Relationship.objects.filter(Q(object=person) | Q(subject=person)).order_by("id")
    assert rows == list(ties.values_list("id", flat=True)) and rows


@pytest.mark.parametrize(
    "url, field",
    [
        ("/persons/?cursor=&ordering=-id", "ordering"),
        ("/places/?cursor=", "cursor"),
        ("/relationships/?cursor=not-a-cursor", "detail"),
    ],
)
def test_keyset_misuse_is_a_400_or_404_that_says_why(reader, crowd, url, field):
    response = reader.get(f"{API}{url}")
    assert response.status_code in (400, 404)
    assert field in response.json()


# ---------------------------------------------------------------- 6. the EDTF fast path


def _library_bounds(value):
    from common import dates

    parsed = dates._parse_or_none(value)
    if parsed is None:
        return "invalid"
    try:
        return dates._to_date(parsed.lower_strict()), dates._to_date(parsed.upper_strict())
    except ValueError:  # the library fails on a few (e.g. "1900-02-29?/"): not the fast path's forms
        return "library error"


def _forms():
    import itertools

    days = ["1890", "0000", "1999", "2000", "1900", "1933-03", "1933-12", "1933-00", "1933-13", "1933-21"]
    days += ["1890-12-30", "1900-02-29", "2000-02-29", "1933-02-30", "1933-04-31", "1933-01-00", "1912-06-15"]
    qualified = [d + q for d in days for q in ("", "?", "~", "%")]
    singles = qualified + [
        "193X",
        "19XX",
        "[1912,1913]",
        "-0044",
        "1912-?06",
        "",
        " 1912",
        "1912-6",
    ]
    intervals = [f"{a}/{b}" for a, b in itertools.product(qualified[::3] + ["..", ""], repeat=2)]
    return singles + intervals


def test_the_fast_path_agrees_with_the_edtf_library_on_every_form_it_takes():
    from common import dates

    taken = 0
    for value in _forms():
        fast = dates.fast_bounds(value)
        if fast is None:
            continue
        taken += 1
        assert _library_bounds(value) == fast, value
    assert taken > 250  # the fast path takes the common forms ...
    for value in ("193X", "[1912,1913]", "-0044", "1933-21", "1933-02-30", "/1936", "../.."):
        assert dates.fast_bounds(value) is None, value  # ... and leaves the rest to the library


@pytest.mark.slow
def test_bounds_and_validation_give_what_the_library_gives(db):
    from django.core.exceptions import ValidationError

    from common import dates

    for value in _forms():
        expected = _library_bounds(value.strip()) if value.strip() else (None, None)
        if expected == "library error":
            assert dates.fast_bounds(value.strip()) is None
            continue
        # Deliberately stricter than the library: a day no calendar has (29 February
        # 1900) is refused, where the library clamps it or fails on its bounds.
        if expected == "invalid" or dates._impossible_day(value):
            with pytest.raises(ValidationError):
                dates.validate_edtf(value)
            continue
        assert dates.bounds(value) == expected, value
        dates.validate_edtf(value)


def test_saving_a_person_with_common_dates_does_not_call_the_library(monkeypatch, db):
    from common import dates

    def refuse(value):
        raise AssertionError(f"the library was asked for {value!r}")

    monkeypatch.setattr(dates, "_parse_or_none", refuse)
    person = Person(name="Fast Dates", birth="1890-12-30", death="1947-11~")
    person.full_clean(exclude=["slug"])
    person.save()
    person.refresh_from_db()
    assert (str(person.birth_lower), str(person.death_upper)) == ("1890-12-30", "1947-11-30")


# ---------------------------------------------------------------- 7. production: a read replica


@pytest.fixture
def replica(settings):
    """A `replica` connection that mirrors the test database (a second connection to
    the same database, as a streaming replica would be), with the router and its
    middleware installed as DATABASE_REPLICA_URL installs them."""
    from django.db import connections
    from django.db.utils import load_backend

    default = connections["default"].settings_dict
    mirror = load_backend(default["ENGINE"]).DatabaseWrapper(dict(default), alias="replica")
    connections["replica"] = mirror
    settings.DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = ["config.db_router.PrimaryForWritesMiddleware", *settings.MIDDLEWARE]
    yield mirror
    mirror.close()
    del connections["replica"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reads_go_to_the_replica_and_writes_to_the_primary(replica, api_curator):
    from django.db import connections
    from rest_framework.test import APIClient

    serge = quick(Person, name="Victor Serge")  # committed: both connections see it
    client = APIClient()
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(f"{API}/persons/{serge.pk}/")
    assert response.status_code == 200
    assert len(on_replica) >= 3 and len(on_primary) == 0

    client.force_authenticate(api_curator)
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.patch(
            f"{API}/persons/{serge.pk}/",
            {"description": "Revolutionary and writer."},
            format="json",
            HTTP_IF_MATCH=response["ETag"],
        )
    assert response.status_code == 200, response.content
    assert len(on_replica) == 0  # the request that writes reads from the primary throughout
    assert any(q["sql"].lstrip().upper().startswith("UPDATE") for q in on_primary.captured_queries)
    assert Person.objects.using("default").get(pk=serge.pk).description == "Revolutionary and writer."


def test_the_router_reads_from_the_primary_in_transactions_and_when_pinned(db):
    from django.db import transaction

    from config.db_router import ReplicaRouter, primary_only

    router = ReplicaRouter()
    assert router.db_for_write(Person) == "default"
    with primary_only():
        assert router.db_for_read(Person) == "default"
    with transaction.atomic():  # pytest-django's own transaction is one too
        assert router.db_for_read(Person) == "default"
    assert router.allow_migrate("replica", "prosopography") is False
    assert router.allow_migrate("default", "prosopography") is True


def test_a_network_of_hundreds_counts_and_cuts_alike_on_every_database(reader, db):
    """Past 100 persons the ids travel as one array on PostgreSQL (network._among)."""
    comrade = RelationshipType.objects.get(slug="comrade")
    hub = quick(Person, name="Big Hub")
    for i in range(120):
        near = quick(Person, name=f"Ring {i:03d}")
        quick(Relationship, subject=hub, type=comrade, object=near)
        quick(Relationship, subject=near, type=comrade, object=quick(Person, name=f"Outer {i:03d}"))
    whole = reader.get(f"{API}/persons/{hub.pk}/network/?depth=2&max_nodes=500").json()
    assert (whole["truncated"], len(whole["nodes"]), len(whole["edges"])) == (False, 241, 240)
    cut = reader.get(f"{API}/persons/{hub.pk}/network/?depth=2&max_nodes=150").json()
    assert (cut["truncated"], cut["total_nodes"], cut["total_edges"]) == (True, 241, 240)
    assert len(cut["nodes"]) == 150 and len(cut["edges"]) == 149  # the hub, 120 near, 29 outer
