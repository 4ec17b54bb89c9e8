"""The build refuses one event key used for different events in different curated
files (issue 10: `serge-meeting-1936` once held both Muste's July visit in Brussels
and the November visit to Gide in Paris)."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from prosopography.ingest import curated

CURATED = Path(settings.BASE_DIR) / "fixtures" / "curated"


def curated_copy(tmp_path, files):
    """The project's sources.yaml and ids.yaml, no curators' decisions, and the files given."""
    for name in ("sources.yaml", "ids.yaml"):
        shutil.copy(CURATED / name, tmp_path / name)
    (tmp_path / "curation.yaml").write_text("same_as: {}\n", encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


PLACES = [
    {"key": "belgium", "name": "Belgium", "kind": "country"},
    {"key": "brussels", "name": "Brussels", "kind": "city", "within": "belgium"},
    {"key": "paris", "name": "Paris", "kind": "city"},
]
PERSONS = [
    {"key": k, "name": k, "names": [{"name": k, "type": "preferred"}]}
    for k in ("serge-victor", "gide-andre", "muste-aj")
]


def event(date, place, *others):
    return {
        "key": "serge-meeting-1936",
        "type": "meeting",
        "date": date,
        "place": place,
        "participants": [{"person": "serge-victor", "role": "subject"}]
        + [{"person": p, "role": "companion"} for p in others],
        "quote": "a quote",
    }


def files(first, second):
    source = "001_29ff760426a99548.txt"
    return {
        "100_a.yaml": {"source": source, "persons": PERSONS, "places": PLACES, "events": [first]},
        "101_b.yaml": {"source": source, "events": [second]},
    }


def test_one_key_for_two_events_is_refused_naming_both_files(tmp_path):
    world = curated_copy(
        tmp_path, files(event("1936-11", "paris", "gide-andre"), event("1936-07", "brussels", "muste-aj"))
    )
    with pytest.raises(curated.CurationError) as raised:
        curated.load(world)
    message = str(raised.value)
    assert "serge-meeting-1936" in message
    assert "100_a.yaml" in message and "101_b.yaml" in message
    assert "date 1936-11 / 1936-07" in message
    assert "place paris / brussels" in message
    assert "participants gide-andre / muste-aj" in message


@pytest.mark.parametrize(
    "first, second",
    [
        # Refinements: a month within a year, a city within its country.
        (event("1936", "belgium", "muste-aj"), event("1936-07", "brussels", "muste-aj")),
        # Sources disagreeing about one event's date (one difference) are readings, kept.
        (event("1936-06", "brussels", "muste-aj"), event("1936-07", "brussels", "muste-aj")),
        # Different companions named at the same date and place: one meeting.
        (event("1936-07", "brussels", "gide-andre"), event("1936-07", "brussels", "muste-aj")),
    ],
)
def test_readings_of_one_event_are_merged(tmp_path, first, second):
    world = curated.load(curated_copy(tmp_path, files(first, second)))
    assert len(world.events["serge-meeting-1936"]["readings"]) == 2


@pytest.mark.slow
def test_the_curated_files_use_no_key_for_two_events():
    world = curated.load(CURATED)  # raises CurationError naming the files otherwise
    assert "serge-meeting-1936-muste" in world.events
    gide = world.events["serge-meeting-1936"]
    assert {r["place"] for r in gide["readings"]} == {"paris"}
