"""The documents' disagreements (fixtures/curated/disagreements.yaml): every side
quotes its document verbatim, and those the database can hold become readings."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from prosopography import facts

LIST = Path(__file__).resolve().parents[1] / "fixtures" / "curated" / "disagreements.yaml"


def test_every_side_of_every_disagreement_is_quoted_verbatim():
    if not Path(settings.SEEDS_DIR).is_dir():
        pytest.skip("the source documents are not here")
    texts = {p.name: p.read_text(encoding="utf-8") for p in Path(settings.SEEDS_DIR).glob("*.txt")}
    items = yaml.safe_load(LIST.read_text(encoding="utf-8"))
    assert len(items) >= 100
    for item in items:
        assert len(item["readings"]) >= 2, item["note"]
        for reading in item["readings"]:
            quote = reading["quote"]
            assert "\n" not in quote and 20 <= len(quote) <= 300, quote
            assert quote in texts[reading["source"]], (reading["source"], quote)


def test_the_prison_release_disagreement_is_a_contested_fact_in_the_data():
    """1915 (the biography) against 1917 (the thesis and the Notebooks review): kept
    as two readings of the event, each with its source, and contested by the one rule."""
    import json

    records = json.loads((LIST.parents[1] / "prosopography.json").read_text(encoding="utf-8"))
    events = {r["fields"]["key"]: r["pk"] for r in records if r["model"] == "prosopography.event"}
    release = events["serge-release-1917"]
    readings = [
        r["fields"]["date"]
        for r in records
        if r["model"] == "prosopography.claim"
        and r["fields"]["event"] == release
        and r["fields"]["attribute"] == "event_date"
    ]
    assert {"1915", "1917"} <= set(readings)
    assert facts.compare_dates("1915", "1917") == facts.CONFLICTS
