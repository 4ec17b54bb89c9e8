"""Complete list exports: in CSV, BibTeX, RIS and CSL-JSON a page says where it
stands in `Link` and `X-Total-Count` headers, and `?all=1` gives every record."""

import csv
import io
import json

import bibtexparser
import pytest
import rispy

from bibliography.models import Work
from prosopography.models import Person

API = "/api/v1"


@pytest.fixture
def shelf(db):
    for n in range(7):
        Work.objects.create(title=f"Carnet numéro {n}", type="essay", first_published=str(1930 + n))
        Person.objects.create(name=f"Camarade {n}")


def count(fmt, content):
    text = content.decode()
    if fmt == "bibtex":
        return len(bibtexparser.loads(text).entries)
    if fmt == "ris":
        return len(rispy.loads(text))
    if fmt == "csl-json":
        return len(json.loads(text))
    return len(list(csv.DictReader(io.StringIO(text))))


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "csv"])
def test_a_page_says_where_it_stands_in_link_and_count_headers(client, shelf, fmt):
    response = client.get(f"{API}/works/?format={fmt}&page_size=3&page=2")
    assert response.status_code == 200
    assert count(fmt, response.content) == 3
    assert response["X-Total-Count"] == "7"
    parts = (part.split(";") for part in response["Link"].split(","))
    links = {rel.split('"')[1]: link.strip(" <>") for link, rel in parts}
    assert set(links) == {"first", "prev", "next", "last"}
    assert "page=3" in links["next"] and "page=3" in links["last"] and "page=" not in links["first"]
    assert f"format={fmt}" in links["next"]


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "csv"])
def test_all_gives_every_work_whatever_the_page_size(client, shelf, fmt):
    response = client.get(f"{API}/works/?format={fmt}&page_size=3&all=1")
    assert response.status_code == 200
    assert count(fmt, response.getvalue()) == 7  # CSV is streamed


def test_all_in_csv_for_other_lists_too(client, shelf):
    response = client.get(f"{API}/persons/?format=csv&page_size=2&all=1")
    assert count("csv", response.getvalue()) == Person.objects.count() == 7


def test_all_is_only_for_export_formats(client, shelf):
    page = client.get(f"{API}/works/?page_size=3&all=1").json()
    assert len(page["results"]) == 3 and page["count"] == 7
