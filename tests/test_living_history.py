"""The history baseline: every record `load_world` loads gets a first history entry
("loaded from <file> of release <version>"), so that a curator's first edit can be
reverted to the value as loaded."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prosopography.models import Alias, Mention, NameType, Person, Source

REVERT_URL = "admin:prosopography_person_simple_history"


class Rollback(Exception):
    pass


@pytest.fixture
def fixture_dir(tmp_path, settings, make_person, make_source):
    """A small fixtures/prosopography.json, written from records that are then rolled
    back, so that load_world loads it into a database without them."""
    try:
        with transaction.atomic():
            serge = make_person("Victor Serge", birth="1890", description="Writer.")
            aliases = [
                Alias.objects.create(person=serge, name=name, type=NameType.VARIANT)
                for name in ("Kibalchich", "Le Rétif", "Viktor Kibalchich")
            ]
            source = make_source(length=500, file_name="000_test.txt")
            mention = Mention.objects.create(
                source=source, start=0, end=5, surface="Serge", snippet="Serge wrote.", person=serge
            )
            text = serializers.serialize("json", [serge, *aliases, source, mention])
            raise Rollback
    except Rollback:
        pass
    assert not Person.objects.exists()
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "prosopography.json").write_text(text)
    settings.BASE_DIR = tmp_path
    return tmp_path / "fixtures"


def test_every_loaded_record_has_a_first_history_entry(fixture_dir):
    call_command("load_world", "--release", "2026.1", verbosity=0)
    reason = "loaded from prosopography.json of release 2026.1"
    assert Alias.history.count() == 3
    for model in (Person, Alias, Source, Mention):
        record = model.objects.first()
        entry = record.history.get()
        assert (entry.history_type, entry.history_change_reason, entry.history_user) == ("+", reason, None)
    assert Person.objects.get().history.get().birth == "1890"


def test_without_a_release_the_version_is_the_files_checksum(fixture_dir):
    call_command("load_world", verbosity=0)
    reason = Person.objects.get().history.get().history_change_reason
    assert reason.startswith("loaded from prosopography.json of release sha256:")
    assert len(reason.rsplit(":", 1)[1]) == 12


def test_the_first_edit_can_be_reverted_to_the_loaded_value(
    fixture_dir, curator, curator_client, admin_form_data
):
    call_command("load_world", "--release", "2026.1", verbosity=0)
    serge = Person.objects.get()
    url = reverse("admin:prosopography_person_change", args=[serge.pk])
    page = curator_client.get(url)
    response = curator_client.post(url, admin_form_data(page, description="Revolutionary, novelist."))
    assert response.status_code == 302
    assert serge.history.count() == 2

    loaded = serge.history.earliest()
    page = curator_client.get(reverse(REVERT_URL, args=[serge.pk, loaded.history_id]))
    assert page.status_code == 200
    response = curator_client.post(
        reverse(REVERT_URL, args=[serge.pk, loaded.history_id]),
        admin_form_data(page, revert_reason="The loaded description is the sourced one."),
    )
    assert response.status_code == 302
    serge.refresh_from_db()
    assert serge.description == "Writer."
    assert serge.history.count() == 3
    assert serge.history.latest().history_change_reason.endswith("the sourced one.")


def test_loading_again_with_force_records_a_change_not_a_creation(fixture_dir):
    call_command("load_world", "--release", "2026.1", verbosity=0)
    call_command("load_world", "--release", "2026.2", "--force", verbosity=0)
    entries = list(Person.objects.get().history.order_by("history_id"))
    assert [e.history_type for e in entries] == ["+", "~"]
    assert entries[1].history_change_reason.endswith("2026.2")


def test_an_empty_database_refusal_writes_no_history(fixture_dir, make_person):
    make_person("Someone already here")
    before = Person.history.count()
    call_command("load_world", verbosity=0)
    assert Person.history.count() == before


def test_the_baseline_is_written_in_bulk(fixture_dir):
    assert len(json.loads((fixture_dir / "prosopography.json").read_text())) == 6
    with CaptureQueriesContext(connection) as queries:
        call_command("load_world", verbosity=0)
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT") and "historical" in q["sql"]]
    assert len(inserts) == 4, "one insert per model (4), not one per record (6)"
