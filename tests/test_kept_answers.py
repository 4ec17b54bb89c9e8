"""Answers kept while the data is unchanged (issue 18): common/changes.py counts every
change by triggers, common/representations.py keys answers by that count.

What a reader relies on: a repeated read costs one query and gives the same bytes;
a change made by any path (the ORM, `queryset.update`, raw SQL) is seen on the next
read, with a new ETag; an old ETag never earns a 304 over changed ties or names.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from common import changes
from prosopography.models import Alias, Person, Relationship, RelationshipType

from .factories import quick

API = "/api/v1"


def _get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.fixture
def serge(api_world):
    return Person.objects.get(name="Victor Serge")


def test_a_repeated_read_is_one_query_and_the_same_bytes(reader, serge):
    url = f"{API}/persons/{serge.pk}/"
    first, built = _get(reader, url)
    again, kept = _get(reader, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]
    assert kept == 1 < built  # the data's version only
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")


def test_each_format_is_kept_apart(reader, api_world):
    as_json = reader.get(f"{API}/works/?page_size=5")
    as_bibtex = reader.get(f"{API}/works/?page_size=5&format=bibtex")
    assert reader.get(f"{API}/works/?page_size=5").content == as_json.content
    again = reader.get(f"{API}/works/?page_size=5&format=bibtex")
    assert again.content == as_bibtex.content and again["Content-Type"] == as_bibtex["Content-Type"]
    assert as_json.content != as_bibtex.content


def test_a_change_behind_the_orms_back_is_seen_on_the_next_read(reader, serge):
    url = f"{API}/persons/{serge.pk}/"
    before = reader.get(url)
    # No signal, no save(): only the database knows.
    Alias.objects.filter(person=serge, name="Le Rétif").update(name="Le Rétif (changed)")
    after = reader.get(url)
    assert "Le Rétif (changed)" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE prosopography_person SET description = %s WHERE id = %s", ["Raw.", serge.pk])
    assert reader.get(url).json()["description"] == "Raw."


def test_an_old_etag_earns_no_304_once_a_tie_is_added(reader, serge):
    """The bug this closes: the ETag followed the person's own row, so a client
    holding it was told its copy was current after a new tie."""
    url = f"{API}/persons/{serge.pk}/"
    etag = reader.get(url)["ETag"]
    assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    friend = quick(Person, name="Boris Souvarine")
    quick(Relationship, subject=serge, type=RelationshipType.objects.get(slug="friend"), object=friend)
    fresh = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert "Boris Souvarine" in fresh.content.decode()


def test_a_list_answers_304_to_its_etag_at_the_cost_of_one_query(reader, api_world):
    url = f"{API}/persons/?page_size=10"
    etag = reader.get(url)["ETag"]
    not_modified, queries = _get(reader, url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert queries == 1
    quick(Person, name="Magdeleine Paz")
    assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_curator_signed_in_is_answered_afresh(curator_api, reader, serge):
    url = f"{API}/persons/{serge.pk}/"
    reader.get(url)
    _, for_curator = _get(curator_api, url)
    _, for_reader = _get(reader, url)
    assert for_reader == 1 < for_curator


def test_an_edit_of_the_record_is_accepted_after_a_change_elsewhere(curator_api, serge):
    """If-Match compares the record's own version (the ETag's first part): a tie
    added by someone else does not refuse an edit of the description; an edit of the
    record itself does."""
    url = f"{API}/persons/{serge.pk}/"
    etag = curator_api.get(url)["ETag"]
    quick(Person, name="Someone Else")
    ok = curator_api.patch(url, {"description": "Writer."}, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200
    stale = curator_api.patch(url, {"description": "Again."}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_ipif_answers_are_kept_and_follow_changes(client, serge):
    url = f"/ipif/persons/{serge.pk}"
    first, built = _get(client, url)
    again, kept = _get(client, url)
    assert again.content == first.content and kept == 1 < built
    Person.objects.filter(pk=serge.pk).update(name="Victor Lvovich Kibalchich")
    assert client.get(url).json()["label"].startswith("Victor Lvovich Kibalchich")


def test_a_rolled_back_write_leaves_the_version_as_it_was(serge):
    before = changes.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.filter(pk=serge.pk).update(description="never")
        assert changes.current() != before  # the writer sees its own change
        raise RuntimeError("rolled back")
    assert changes.current() == before


@pytest.mark.django_db
def test_every_table_of_the_project_is_counted():
    """Tables added later are counted too: the triggers are installed after every
    migrate for every model of the project's apps, history and m2m tables included."""
    tables = changes.counted_tables()
    assert {"prosopography_person", "prosopography_historicalperson", "bibliography_work"} <= set(tables)
    assert "prosopography_relationship_citations" in tables
    assert "auth_user" in tables  # IPIF's createdBy and modifiedBy are user names
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'serge_count_%%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'serge_count_%'"
            )
        with_triggers = {row[0].strip('"') for row in cursor.fetchall()}
    assert set(tables) - with_triggers == set()


def test_without_the_cache_every_read_is_built(reader, serge, settings):
    settings.REPRESENTATION_CACHE = False
    url = f"{API}/persons/{serge.pk}/"
    _, first = _get(reader, url)
    _, again = _get(reader, url)
    assert again == first > 1


def test_after_a_restore_a_new_epoch_leaves_every_kept_answer_behind(reader, serge):
    from django.core.management import call_command

    url = f"{API}/persons/{serge.pk}/"
    reader.get(url)
    assert _get(reader, url)[1] == 1
    before = changes.current()
    call_command("renew_data_version", stdout=open("/dev/null", "w"))
    assert changes.current() != before
    assert _get(reader, url)[1] > 1


def test_a_kept_network_keeps_its_headers(reader, serge):
    """What a view says in headers (how much of the graph was left out) is part of
    the answer: the kept copy says it too."""
    url = f"{API}/persons/{serge.pk}/network/?depth=2"
    first = reader.get(url)
    again, queries = _get(reader, url)
    assert queries == 1 and again.content == first.content
    for header in ("X-Network-Truncated", "X-Total-Nodes", "X-Total-Edges", "Content-Type"):
        assert again[header] == first[header]


def test_each_host_gets_its_own_links(reader, serge, settings):
    """Answers hold absolute URLs: one kept for a host is not served to another."""
    settings.ALLOWED_HOSTS = ["testserver", "serge.example.org"]
    url = f"{API}/persons/{serge.pk}/"
    assert "http://testserver/" in reader.get(url).content.decode()
    other = reader.get(url, HTTP_HOST="serge.example.org").content.decode()
    assert "http://serge.example.org/" in other and "testserver" not in other


def test_a_login_leaves_kept_answers_alone_a_new_user_name_does_not(serge, curator):
    from django.utils import timezone

    before = changes.current()
    type(curator).objects.filter(pk=curator.pk).update(last_login=timezone.now())
    assert changes.current() == before
    type(curator).objects.filter(pk=curator.pk).update(username="curator2")
    assert changes.current() != before


def test_accept_parameters_other_than_indent_share_one_answer(reader, serge):
    url = f"{API}/persons/{serge.pk}/"
    reader.get(url, HTTP_ACCEPT="application/json")
    _, queries = _get(reader, url, HTTP_ACCEPT="application/json; junk=1")
    assert queries == 1
    indented = reader.get(url, HTTP_ACCEPT="application/json; indent=4")
    assert b'\n    "id"' in indented.content


def test_a_record_as_in_a_release_is_not_kept(reader, serge):
    from common import representations

    request = type("R", (), {"method": "GET", "GET": {"release": "2026.1"}, "META": {}, "user": None})()
    assert not representations.cacheable(request)
    request.GET = {}
    assert representations.cacheable(request)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_never_wait_for_each_others_counter():
    """Two transactions writing two tables in opposite orders: with one counter row a
    table, the second statement of each waited for the other's row (a deadlock);
    with one counter row a connection, neither waits."""
    import psycopg2

    people = [Person.objects.create(name=f"Writer {i}") for i in range(4)]
    names = [Alias.objects.create(person=p, name=f"Alias {p.pk}") for p in people]
    settings = connection.settings_dict
    params = {
        "dbname": settings["NAME"],
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
    }
    first, second = psycopg2.connect(**params), psycopg2.connect(**params)
    try:
        for c in (first, second):
            c.cursor().execute("SET lock_timeout = '2s'")
        person, alias = "UPDATE prosopography_person", "UPDATE prosopography_alias"
        first.cursor().execute(f"{person} SET description = 'a' WHERE id = %s", [people[0].pk])
        second.cursor().execute(f"{alias} SET note = 'b' WHERE id = %s", [names[1].pk])
        first.cursor().execute(f"{alias} SET note = 'c' WHERE id = %s", [names[2].pk])
        second.cursor().execute(f"{person} SET description = 'd' WHERE id = %s", [people[3].pk])
        before = changes.current()
        first.commit()
        second.commit()
    finally:
        first.close()
        second.close()
    assert changes.current() != before
    assert Person.objects.get(pk=people[3].pk).description == "d"
