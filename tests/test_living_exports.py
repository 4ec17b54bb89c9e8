"""Whole-list exports: `?format=csv&all=1` and `?format=jsonl&all=1` stream every
record, not a page, in the same columns on every row (common/api/exports.py)."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from rest_framework.test import APIClient

from common.api import exports
from prosopography.models import Alias, Mention, NameType, Person

API = "/api/v1"
N = 120  # more than two default pages (50)


@pytest.fixture
def crowd_of_persons(db, make_source):
    persons = [
        Person.objects.create(name=f"Camarade {n:03}", birth=("1890" if n % 3 == 0 else "")) for n in range(N)
    ]
    Alias.objects.create(person=persons[5], name="Le Rétif", type=NameType.PSEUDONYM)
    Person.objects.create(name='=HYPERLINK("http://evil")')
    source = make_source(length=10_000)
    for n in range(70):
        Mention.objects.create(
            source=source, start=n * 10, end=n * 10 + 5, surface="Serge", snippet="…", person=persons[0]
        )
    return persons


def read_csv(response):
    assert isinstance(response, StreamingHttpResponse), "a whole list is streamed"
    text = response.getvalue().decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_csv_all_streams_every_person_in_fixed_columns(crowd_of_persons):
    response = APIClient().get(f"{API}/persons/", {"format": "csv", "all": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Total-Count"] == str(N + 1)
    header, *rows = read_csv(response)
    assert len(rows) == N + 1 == Person.objects.count()
    assert all(len(row) == len(header) for row in rows), "every row has every column"
    assert {"id", "name", "birth.edtf", "birth.earliest", "birth_place.name", "names"} <= set(header)
    by_name = {row[header.index("name")]: row for row in rows}
    assert by_name["Camarade 001"][header.index("birth.edtf")] == ""  # the column is there, empty
    assert by_name["Camarade 003"][header.index("birth.edtf")] == "1890"
    assert by_name["Camarade 005"][header.index("names")] == "Le Rétif"
    assert '\'=HYPERLINK("http://evil")' in by_name, "a formula is neutralised"


def test_pages_of_csv_have_the_same_columns_whatever_their_rows(db):
    Person.objects.create(name="A, born", birth="1890")
    Person.objects.create(name="B, no dates")
    api = APIClient()
    first = api.get(f"{API}/persons/", {"format": "csv", "page_size": 1, "ordering": "name"})
    second = api.get(f"{API}/persons/", {"format": "csv", "page_size": 1, "ordering": "name", "page": 2})
    header_1, row_1 = list(csv.reader(io.StringIO(first.content.decode())))
    header_2, row_2 = list(csv.reader(io.StringIO(second.content.decode())))
    assert header_1 == header_2
    assert len(row_1) == len(row_2) == len(header_1)


def test_jsonl_all_gives_one_record_a_line(crowd_of_persons):
    response = APIClient().get(f"{API}/persons/", {"format": "jsonl", "all": "true"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jsonl")
    lines = response.getvalue().decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert sorted(r["id"] for r in records) == sorted(Person.objects.values_list("id", flat=True))
    assert len({tuple(r) for r in records}) == 1, "the same keys on every line"


def test_a_jsonl_page_without_all_is_a_page(crowd_of_persons):
    response = APIClient().get(f"{API}/persons/", {"format": "jsonl"})
    assert len(response.content.decode().splitlines()) == 50
    assert response["X-Total-Count"] == str(N + 1)


def test_the_export_reads_the_database_a_chunk_at_a_time(
    crowd_of_persons, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 25)
    response = APIClient().get(f"{API}/persons/", {"format": "csv", "all": "1"})
    # five chunks, each one query for the persons and one per prefetch: bounded by the chunks,
    # not by the rows
    with django_assert_max_num_queries(5 * 4 + 2):
        rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == N + 2


def test_a_filtered_export_has_only_the_filtered_rows(crowd_of_persons):
    response = APIClient().get(f"{API}/persons/", {"format": "csv", "all": "1", "name": "Camarade 01"})
    header, *rows = read_csv(response)
    assert sorted(row[header.index("name")] for row in rows) == [f"Camarade {n:03}" for n in range(10, 20)]


def test_nested_lists_stream_whole_too(crowd_of_persons):
    serge = crowd_of_persons[0]
    response = APIClient().get(f"{API}/persons/{serge.pk}/mentions/", {"format": "csv", "all": "1"})
    header, *rows = read_csv(response)
    assert len(rows) == 70
    assert all(len(row) == len(header) for row in rows)


def test_an_empty_jsonl_page_still_says_what_it_is(db):
    response = APIClient().get(f"{API}/persons/", {"format": "jsonl"})
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"].startswith("application/jsonl")
