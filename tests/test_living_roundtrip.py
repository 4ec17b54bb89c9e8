"""A release loads back into an empty database (`manage.py load_release`,
dataset/restore.py): the same records, ids and counts, and a release written from
the restored database is byte-identical to the one loaded."""

import hashlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from common.history import history_manager
from dataset.release import review_tables, tables
from prosopography.models import DistinctRecords, Mention, MentionStatus, Person, RelationshipType
from prosopography.vocabulary import install as install_relationship_types

BASE = "https://serge.example.org"


def release(into, version="2026.1", *extra):
    call_command("release", version, "--into", str(into), "--base-url", BASE, *extra, stdout=io.StringIO())
    return Path(into) / version


def every_file(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def snapshot(review=False):
    """Every released table's rows, every stored field, by id."""
    taken = {}
    for name, queryset in tables() + (review_tables() if review else []):
        fields = [f.attname for f in queryset.model._meta.concrete_fields]
        taken[name] = list(queryset.order_by("pk").values_list(*fields))
    return taken


def empty_the_database():
    """What a new, migrated database holds: no record, no history (the relationship
    vocabulary the migration installs is put back as a new database has it)."""
    with connection.cursor():
        for label in ("prosopography", "bibliography"):
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                model._base_manager.all()._raw_delete(connection.alias)
    install_relationship_types(RelationshipType)


def load(root):
    out = io.StringIO()
    call_command("load_release", str(root), stdout=out)
    return out.getvalue()


def test_a_release_loads_back_with_the_same_records_and_ids(api_world, tmp_path):
    first = release(tmp_path / "a")
    before = snapshot()
    assert before["persons"] and before["mentions"] and before["relationships"]
    empty_the_database()
    assert not Person.objects.exists()
    report = load(first)
    after = snapshot()
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()
    }
    for name in before:
        assert after[name] == before[name], name
    assert f"{sum(len(r) for r in before.values())} rows in {len(before)} tables" in report


def test_a_release_of_the_restored_database_is_byte_identical(api_world, tmp_path):
    first = release(tmp_path / "a")
    empty_the_database()
    load(first)
    second = release(tmp_path / "b")
    one, two = every_file(first), every_file(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert one["SHA256SUMS"] == two["SHA256SUMS"]


def test_restored_records_have_a_history_entry_and_keep_their_version(api_world, client, tmp_path):
    """A curator's If-Match taken before the restore still names the record's version
    (the ETag's first part); the data's version, its second part, is new."""
    serge = Person.objects.get(name="Victor Serge")
    etag = client.get(f"/api/v1/persons/{serge.pk}/").headers["ETag"]
    root = release(tmp_path)
    empty_the_database()
    load(root)
    restored = Person.objects.get(pk=serge.pk)
    assert restored.modified == serge.modified
    entry = history_manager(Person).get(id=serge.pk)
    assert entry.history_change_reason == "loaded from release 2026.1"
    again = client.get(f"/api/v1/persons/{serge.pk}/").headers["ETag"]
    assert again.split(".")[0] == etag.split(".")[0] and again != etag
    # new records are numbered after the restored ones
    highest = max(Person.objects.values_list("pk", flat=True))
    assert Person.objects.create(name="Vlady Kibalchich").pk > highest


def test_a_database_that_is_not_empty_is_refused(api_world, tmp_path):
    root = release(tmp_path)
    with pytest.raises(CommandError, match="not empty"):
        load(root)


def test_a_release_whose_checksums_do_not_match_is_refused(api_world, tmp_path):
    root = release(tmp_path)
    persons = root / "data" / "persons.csv"
    persons.write_bytes(persons.read_bytes().replace(b"Victor Serge", b"Victor Sergi"))
    empty_the_database()
    with pytest.raises(CommandError, match=r"data/persons.csv: checksum"):
        load(root)
    assert not Person.objects.exists()


def test_a_directory_without_checksums_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="SHA256SUMS"):
        load(tmp_path)


def test_the_sums_file_is_what_it_says(api_world, tmp_path):
    root = release(tmp_path)
    for line in (root / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((root / name).read_bytes()).hexdigest() == digest


def test_with_the_review_queue_a_release_is_a_whole_backup_of_the_records(api_world, tmp_path):
    """`release --with-review` adds the curators' part: mentions awaiting review or
    rejected, their candidates, the distinct-records decisions; all come back."""
    frictionless = pytest.importorskip("frictionless")
    shown = Mention.objects.shown().first()
    persons = list(Person.objects.current()[:2])
    waiting = Mention.objects.create(
        source=shown.source, start=1, end=4, surface="Kib", snippet="… Kib …", status=MentionStatus.UNRESOLVED
    )
    waiting.candidates.set(persons)
    Mention.objects.create(
        source=shown.source, start=5, end=9, surface="Sedov", snippet="…", status=MentionStatus.REJECTED
    )
    DistinctRecords.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        first_id=persons[0].pk,
        second_id=persons[1].pk,
        reason="two Kibalchiches",
    )
    assert "data/review_mentions.csv" not in every_file(release(tmp_path / "public"))
    first = release(tmp_path / "a", "2026.1", "--with-review")
    report = frictionless.validate(str(first / "datapackage.json"))
    assert report.valid, [(t.name, [e.message for e in t.errors[:3]]) for t in report.tasks if not t.valid]
    before = snapshot(review=True)
    all_mentions = sorted(Mention.objects.values_list("pk", "status"))
    assert len(before["review_mentions"]) == 2 and len(before["review_mention_candidates"]) == 2
    empty_the_database()
    load(first)
    assert snapshot(review=True) == before
    assert sorted(Mention.objects.values_list("pk", "status")) == all_mentions
    assert set(Mention.objects.get(pk=waiting.pk).candidates.all()) == set(persons)
    second = release(tmp_path / "b", "2026.1", "--with-review")
    assert every_file(first) == every_file(second)
