"""`manage.py release <version>`: a citable package of the live database that
validates as a Frictionless Data Package, whose checksums match, and that is
byte-identical when built again from the same state (dataset/release.py)."""

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prosopography.models import Mention, MentionStatus, Person

BASE = "https://serge.example.org"


def release(into, version="2026.1", *extra):
    call_command("release", version, "--into", str(into), "--base-url", BASE, *extra, stdout=io.StringIO())
    return Path(into) / version


def every_file(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def rows(root, table):
    return list(csv.DictReader(io.StringIO((root / "data" / f"{table}.csv").read_text(encoding="utf-8"))))


def test_a_release_validates_as_a_frictionless_data_package(api_world, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    root = release(tmp_path)
    report = frictionless.validate(str(root / "datapackage.json"))
    errors = [(task.name, [e.message for e in task.errors[:3]]) for task in report.tasks if not task.valid]
    assert report.valid, errors
    package = json.loads((root / "datapackage.json").read_text())
    assert package["version"] == "2026.1"
    names = {r["name"] for r in package["resources"]}
    assert {"persons", "person_names", "works", "mentions", "relationships"} <= names
    persons = next(r for r in package["resources"] if r["name"] == "persons")
    assert persons["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["birth_place_id"], "reference": {"resource": "places", "fields": ["id"]}} in persons[
        "schema"
    ]["foreignKeys"]


def test_the_release_holds_every_record_and_the_exports(api_world, tmp_path):
    root = release(tmp_path)
    assert sorted(int(r["id"]) for r in rows(root, "persons")) == sorted(
        Person.objects.values_list("pk", flat=True)
    )
    serge = next(r for r in rows(root, "persons") if r["name"] == "Victor Serge")
    assert (serge["birth"], serge["birth_lower"]) == ("1890-12-30", "1890-12-30")
    assert rows(root, "relationship_citations") and rows(root, "claims"), "readings and what they cite"
    for name in (
        "persons.tei.xml",
        "network.gexf",
        "network.graphml",
        "works.csl.json",
        "works.bib",
        "works.ris",
    ):
        assert (root / name).stat().st_size > 0, name
    assert "Victor Serge" in (root / "persons.tei.xml").read_text(encoding="utf-8")
    cff = (root / "CITATION.cff").read_text()
    assert 'version: "2026.1"' in cff and "cff-version: 1.2.0" in cff
    assert "2026.1" in (root / "README.md").read_text()


def test_checksums_match_every_file(api_world, tmp_path):
    root = release(tmp_path)
    listed = {}
    for line in (root / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = every_file(root)
    assert set(listed) == set(files) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name


def test_a_release_built_twice_is_byte_identical(api_world, tmp_path):
    first = every_file(release(tmp_path / "a"))
    second = every_file(release(tmp_path / "b"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_change_in_the_database_changes_the_release(api_world, tmp_path):
    before = every_file(release(tmp_path / "a"))
    serge = Person.objects.get(name="Victor Serge")
    serge.description = "Revolutionary, novelist, poet."
    serge.save()
    after = every_file(release(tmp_path / "b"))
    changed = {name for name in before if before[name] != after.get(name)}
    assert "data/persons.csv" in changed and "SHA256SUMS" in changed


def test_rejected_and_unresolved_mentions_are_left_out(api_world, tmp_path):
    mention = Mention.objects.first()
    mention.status = MentionStatus.REJECTED
    mention.save()
    root = release(tmp_path)
    assert str(mention.pk) not in {r["id"] for r in rows(root, "mentions")}
    assert len(rows(root, "mentions")) == Mention.objects.shown().count()


@pytest.mark.parametrize("version", ["../escape", ".hidden"])
def test_a_version_that_is_not_a_name_is_refused(api_world, tmp_path, version):
    with pytest.raises(CommandError, match="version"):
        release(tmp_path, version)


def test_the_annotations_hold_every_shown_mention(api_world, tmp_path):
    root = release(tmp_path)
    document = json.loads((root / "mentions.annotations.jsonld").read_text(encoding="utf-8"))
    assert document["type"] == "AnnotationCollection"
    items = document["first"]["items"]
    assert len(items) == document["total"] == Mention.objects.shown().count()
    assert all(item["id"].startswith(f"{BASE}/api/v1/mentions/") for item in items)


def test_the_readme_says_what_changed_since_the_previous_release(api_world, tmp_path):
    first = release(tmp_path, "2026.1")
    assert "The first release." in (first / "README.md").read_text()
    serge = Person.objects.get(name="Victor Serge")
    serge.description = "Revolutionary, novelist, poet."
    serge.save()
    Person.objects.create(name="Vlady Kibalchich")
    second = release(tmp_path, "2026.2")
    readme = (second / "README.md").read_text()
    assert "## Changes since release 2026.1" in readme
    assert "| persons | 1 | 1 | 0 |" in readme
    # built again over itself, it compares with 2026.1 still, not with itself: the same bytes
    assert every_file(release(tmp_path, "2026.2")) == every_file(second)


def test_nothing_in_the_release_is_dated_by_the_clock(api_world, tmp_path):
    root = release(tmp_path, "2026.1", "--date", "2001-02-03")
    assert b'lastmodifieddate="2001-02-03"' in (root / "network.gexf").read_bytes()
    assert 'date-released: "2001-02-03"' in (root / "CITATION.cff").read_text()
    assert json.loads((root / "datapackage.json").read_text())["created"] == "2001-02-03T00:00:00Z"
