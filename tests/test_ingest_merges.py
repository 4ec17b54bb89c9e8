"""Duplicate persons under variant spellings are merged, and every id keeps working:
the duplicate's id is a record merged into the survivor (issue 10)."""

import json
from pathlib import Path

import pytest
import yaml
from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MERGED = {  # duplicate id -> survivor id (ids from the issue)
    486: 172,  # Antonov-Ovseenko -> Antonov-Ovseyenko
    833: 202,  # H. H. Ticktin -> Hillel Ticktin
    802: 803,  # Shaginian -> Shaginyan
    739: 740,  # Philipps -> Phillips
    752: 751,  # Prychodko -> Prychodka (displayed as Prychodko)
    902: 465,  # Volin -> Boris Voline
    199: 243,  # Smith -> Andrew Smith
    679: 124,  # G. Lukacs -> Georg Lukacs
}


@pytest.fixture(scope="module")
def persons():
    records = json.loads((FIXTURES / "prosopography.json").read_text(encoding="utf-8"))
    return {r["pk"]: r["fields"] for r in records if r["model"] == "prosopography.person"}


@pytest.mark.parametrize("duplicate, survivor", sorted(MERGED.items()))
def test_duplicate_is_merged_into_survivor(persons, duplicate, survivor):
    assert persons[duplicate]["merged_into"] == survivor
    assert persons[survivor]["merged_into"] is None


def test_every_person_id_still_answers(persons):
    ids = yaml.safe_load((FIXTURES / "curated" / "ids.yaml").read_text())["persons"]
    withdrawn = (
        yaml.safe_load((FIXTURES / "curated" / "curation.yaml").read_text()).get("withdrawn") or {}
    ).get("persons") or {}
    missing = [key for key, pk in ids.items() if pk not in persons and key not in withdrawn]
    assert not missing


def test_merged_names_are_on_the_survivor():
    records = json.loads((FIXTURES / "prosopography.json").read_text(encoding="utf-8"))
    names = {
        r["fields"]["name"]
        for r in records
        if r["model"] == "prosopography.alias" and r["fields"]["person"] == 465
    }
    assert {"Boris Voline", "Volin"} <= names
