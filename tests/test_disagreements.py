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


# ---------------------------------------------------------------- every disagreement accounted for


def _world():
    from prosopography.ingest import curated

    return curated.load(LIST.parent)


@pytest.mark.slow
def test_every_disagreement_becomes_readings_or_is_reported_with_a_reason():
    """Nothing is dropped silently: each disagreement is either taken (and at least
    two of its sides are readings, with their quotes) or listed with a reason."""
    items = yaml.safe_load(LIST.read_text(encoding="utf-8"))
    world = _world()
    found = world.disagreements
    left = {entry["index"]: entry["reason"] for entry in found["left"]}
    assert len(left) == found["left_for_curators"] == len(found["left"])
    assert found["taken"] + found["left_for_curators"] == len(items)
    assert sum(found["taken_by_kind"].values()) == found["taken"]
    assert all(reason.strip() for reason in left.values())

    quoted = {(c["source"], c.get("quote")) for c in world.claims}
    quoted |= {(r["source"], r["quote"]) for r in world.readings}
    quoted |= {(r["source"], r["quote"]) for e in world.events.values() for r in e["readings"]}
    for number, item in enumerate(items):
        if number in left:
            continue
        sides = [(r["source"], r["quote"]) for r in item["readings"]]
        assert sum(side in quoted for side in sides) >= 2, (number, item["subject"]["name"])
    # Most of the list is held as readings now; what is left is explained.
    assert found["taken"] >= 100, found["taken"]


def test_a_disagreement_whose_subject_is_not_identified_stays_on_the_worklist(tmp_path):
    from prosopography.ingest.curated import World, add_disagreements

    path = tmp_path / "disagreements.yaml"
    quote = {"source": "x.txt", "quote": "a passage long enough to cite"}
    path.write_text(
        yaml.safe_dump(
            [
                {
                    "subject": {"kind": "relationship", "key": "", "name": "A - B"},
                    "property": "relationship_type",
                    "readings": [{"value": "wife", **quote}, {"value": "sister", **quote}],
                },
                {
                    "subject": {"kind": "person", "key": "a", "name": "A"},
                    "property": "genre",
                    "readings": [{"value": "novel", **quote}, {"value": "memoir", **quote}],
                },
                {
                    "subject": {"kind": "person", "key": "a", "name": "A"},
                    "property": "age",
                    "readings": [{"value": "3", **quote}, {"value": "about four", **quote}],
                },
                {
                    "subject": {"kind": "person", "key": "a", "name": "A"},
                    "property": "age",
                    "readings": [{"value": "56", **quote}, {"value": "57", **quote}],
                },
            ]
        )
    )
    world = World(persons={"a": {"key": "a"}})
    add_disagreements(world, path, lambda kind, key: key)
    reasons = [entry["reason"] for entry in world.disagreements["left"]]
    assert world.disagreements["taken"] == 1 and len(reasons) == 3
    assert "not identified" in reasons[0]
    assert "not in the vocabulary" in reasons[1]
    assert "fewer than two sides" in reasons[2]
    assert [r["value"] for r in world.readings] == ["56", "57"]


def test_readings_of_a_tie_are_in_the_committed_fixtures_and_contested():
    """Liuba Russakova: Serge's first wife (the Notebooks review) or his second (the
    thesis, the biography): readings of the tie's kind, each with its passages."""
    import json

    records = json.loads((LIST.parents[1] / "prosopography.json").read_text(encoding="utf-8"))
    claims = [
        r["fields"]
        for r in records
        if r["model"] == "prosopography.claim" and r["fields"]["attribute"] == "relationship_type"
    ]
    ties = {r["pk"]: r["fields"] for r in records if r["model"] == "prosopography.relationship"}
    liuba = [c for c in claims if c["subject_type"] == ["prosopography", "relationship"]]
    values = {c["value_text"] for c in liuba if ties[c["subject_id"]]["type"] == ["spouse"]}
    assert {"first wife", "second wife"} <= values
    assert all(c["citations"] for c in liuba)
    assert facts.compare_texts("Second wife.", "second  wife") == facts.SAME
    assert facts.compare_texts("first wife", "second wife") == facts.CONFLICTS


@pytest.mark.slow
def test_the_report_counts_contested_facts_and_refinements_of_every_kind(settings):
    if not Path(settings.SEEDS_DIR).is_dir():
        pytest.skip("the source documents are not here")
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("pipeline_report", seeds=str(settings.SEEDS_DIR), stdout=out)
    text = out.getvalue()
    contested = next(line for line in text.splitlines() if line.startswith("Contested facts"))
    refinements = next(line for line in text.splitlines() if line.startswith("Refinements"))
    for kind in ("relationship_type", "count", "publication_date", "event_date"):
        assert f"{kind} " in contested, kind
    assert "duration 1" in refinements  # "about 80" and 85 days agree
    assert "left for curators" in text and "  #" in text


# ---------------------------------------------------------------- round trip of non-date readings


@pytest.fixture
def tie_readings(db, make_person, make_source, rel_type):
    from prosopography.models import Citation, Claim, Event, Relationship

    from .factories import make

    serge, liuba = make_person("Victor Serge"), make_person("Liuba Russakova")
    tie = make(Relationship, subject=serge, type=rel_type("spouse"), object=liuba)
    event = make(Event, key="serge-deposit-1936", type="other", date="1936-04")
    from prosopography.models import EventParticipant

    make(EventParticipant, event=event, person=serge, role="subject")
    source = make_source()

    def reading(subject, attribute, value, quote):
        citation = make(Citation, source=source, quote=quote)
        where = {"event": subject} if isinstance(subject, Event) else {"subject_record": subject}
        claim = Claim(attribute=attribute, value_text=value, **where)
        claim.full_clean()
        claim.save()
        claim.citations.set([citation])
        return claim

    return {
        "serge": serge,
        "tie": tie,
        "event": event,
        "first": reading(tie, "relationship_type", "first wife", "along with his first wife and children"),
        "second": reading(tie, "relationship_type", "Second wife", "Serge's second wife"),
        "again": reading(tie, "relationship_type", "second wife.", "married Serge in prison"),
        "three": reading(event, "count", "3", "three manuscripts"),
        "four": reading(event, "count", "4", "four manuscripts"),
        "about": reading(event, "duration", "80~", "some eighty days"),
        "exact": reading(event, "duration", "85", "eighty-five days"),
    }


def test_readings_of_a_tie_and_a_count_reach_the_person_page(
    client, tie_readings, django_assert_max_num_queries
):
    r = tie_readings
    client.get(r["serge"].get_absolute_url())  # warm the content-type cache
    with django_assert_max_num_queries(40):
        html = client.get(r["serge"].get_absolute_url()).content.decode()
    assert "spouse of Liuba Russakova: kind of tie" in html
    assert "first wife" in html and "Second wife" in html and "along with his first wife" in html
    assert html.count("contested: the sources disagree") == 1  # the tie; second wife = second wife.
    assert "first wife (source-1.txt) against Second wife (source-1.txt)</p>" in html
    event_html = client.get(f"/api/v1/events/{r['event'].pk}/").status_code
    assert event_html == 200


def test_readings_of_a_tie_and_a_count_reach_the_statements_api(
    client, tie_readings, django_assert_max_num_queries
):
    r = tie_readings
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/statements/?relationship={r['tie'].pk}")
    rows = response.json()["results"]
    assert {row["id"] for row in rows} == {r["first"].pk, r["second"].pk, r["again"].pk}
    assert {row["property"] for row in rows} == {"relationship_type"}
    assert all(row["contested"] for row in rows)
    assert {row["subject"]["type"] for row in rows} == {"relationship"}

    with django_assert_max_num_queries(12):
        rows = client.get(f"/api/v1/statements/?event={r['event'].pk}&contested=true").json()["results"]
    assert {row["id"] for row in rows} == {r["three"].pk, r["four"].pk}  # 80~ and 85 agree
    values = {row["property"]: row["value"] for row in rows}
    assert "count" in values
    # Growing the data does not grow the queries.
    for n in range(5):
        tie = r["tie"]
        from prosopography.models import Claim

        Claim.objects.create(subject_record=tie, attribute="relationship_type", value_text=f"wife {n}")
    with django_assert_max_num_queries(12):
        assert len(client.get(f"/api/v1/statements/?relationship={r['tie'].pk}").json()["results"]) == 8
