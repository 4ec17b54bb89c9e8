"""Sourced readings: refinement is not conflict, the one "contested" rule, and
weighing readings with a reason (issue: every fact as sourced readings)."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from prosopography import facts, services
from prosopography.models import Citation, Claim, Rank

from .factories import make

# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "a, b, relation",
    [
        ("1933", "1933", facts.SAME),
        ("1933", "1933-03", facts.REFINES),  # nested: the second says more
        ("1933-03-08", "1933", facts.REFINES),
        ("1933-03", "1933-03-08", facts.REFINES),
        ("1912/1913", "1913/1914", facts.OVERLAPS),  # share 1913, neither inside the other
        ("1915", "1917", facts.CONFLICTS),  # disjoint
        ("1936-08-25", "1936-09-05", facts.CONFLICTS),
        ("1936/..", "1940", facts.REFINES),  # open interval holds any later date
        ("../1930", "1940", facts.CONFLICTS),
        ("1912~", "1912-06", facts.REFINES),
        ("[1912,1913]", "1913", facts.REFINES),
    ],
)
def test_date_readings_relate_as_intervals(a, b, relation):
    assert facts.compare_dates(a, b) == relation


def test_places_nest_in_the_curated_hierarchy():
    within = {"brussels": "belgium", "belgium": None, "mexico-city": "mexico", "paris": "france"}
    assert facts.compare_places("brussels", "belgium", within) == facts.REFINES
    assert facts.compare_places("mexico", "mexico-city", within) == facts.REFINES
    assert facts.compare_places("paris", "brussels", within) == facts.CONFLICTS
    assert facts.compare_places("paris", "paris", within) == facts.SAME


# ---------------------------------------------------------------- facts in the database


@pytest.fixture
def serge_readings(db, make_person, make_place, make_source):
    serge = make_person("Victor Serge")
    source = make_source()
    belgium = make_place("Belgium", kind="country")
    brussels = make_place("Brussels", within=belgium)
    paris = make_place("Paris")

    def claim(attribute, date="", place=None, quote="a passage of the source"):
        citation = make(Citation, source=source, quote=quote)
        return make(
            Claim, m2m={"citations": [citation]}, person=serge, attribute=attribute, date=date, place=place
        )

    return {
        "serge": serge,
        "birth_year": claim("birth_date", "1890"),
        "birth_day": claim("birth_date", "1890-12-30"),
        "country": claim("birth_place", place=belgium),
        "city": claim("birth_place", place=brussels),
        "death_1947": claim("death_date", "1947-11-17"),
        "death_1946": claim("death_date", "1946"),
        "paris": paris,
    }


def test_refinements_are_agreement_and_the_most_precise_reading_is_shown(serge_readings):
    r = serge_readings
    by_label = {f.label: f for f in facts.claim_facts(Claim.objects.all(), facts.place_hierarchy())}
    birth, place, death = by_label["date of birth"], by_label["place of birth"], by_label["date of death"]
    assert not birth.contested and birth.shown == r["birth_day"]
    assert not place.contested and place.shown == r["city"]
    assert death.contested and death.shown is None
    (contested,) = facts.contested_facts()
    assert set(contested.readings) == {r["death_1947"], r["death_1946"]}


def test_a_deprecated_reading_no_longer_contests_and_the_rank_needs_a_reason(serge_readings, curator):
    r = serge_readings
    with pytest.raises(ValidationError):
        services.rank_reading(r["death_1946"], Rank.DEPRECATED, reason="  ", user=curator)
    services.rank_reading(r["death_1946"], Rank.DEPRECATED, reason="a misprint in 004", user=curator)
    assert facts.contested_facts() == []
    latest = r["death_1946"].history.first()
    assert latest.rank == Rank.DEPRECATED and latest.history_user == curator
    assert latest.history_change_reason == "ranked deprecated: a misprint in 004"


def test_preferring_one_reading_sets_back_the_other_preferred(serge_readings, curator):
    r = serge_readings
    services.rank_reading(r["death_1946"], Rank.PREFERRED, reason="first choice", user=curator)
    services.rank_reading(r["death_1947"], Rank.PREFERRED, reason="the death certificate", user=curator)
    r["death_1946"].refresh_from_db()
    assert r["death_1946"].rank == Rank.NORMAL
    (death,) = facts.contested_facts()
    assert death.shown == r["death_1947"] and death.ranked


# ---------------------------------------------------------------- API and page


def test_statements_api_filters_contested_readings_in_bounded_queries(
    client, serge_readings, django_assert_max_num_queries
):
    r = serge_readings
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/statements/?person={r['serge'].pk}&contested=true")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {r["death_1947"].pk, r["death_1946"].pk}
    every = client.get("/api/v1/statements/?property=birth_place").json()["results"]
    assert {row["contested"] for row in every} == {False} and len(every) == 2
    detail = client.get(f"/api/v1/persons/{r['serge'].pk}/").json()["facts"]
    assert detail["birth_place"]["contested"] is False and detail["death_date"]["contested"] is True


def test_statements_refuse_ids_that_are_not_record_ids(client, db):
    for bad in ("99999999999999999999999", "1.5", "-3", "abc"):
        response = client.get(f"/api/v1/statements/?person={bad}&source={bad}")
        assert response.status_code == 400, bad
        assert "person" in response.json() and "source" in response.json()


def test_person_page_flags_only_real_disagreements(client, serge_readings):
    serge = serge_readings["serge"]
    html = client.get(serge.get_absolute_url()).content.decode()
    assert html.count("contested: the sources disagree") == 1
    assert "date of death" in html and "1946" in html


def test_contested_page_lists_real_disagreements_by_property_and_person(
    client, serge_readings, make_person, django_assert_max_num_queries
):
    r = serge_readings
    other = make_person("Liuba Russakova")
    source = r["death_1947"].citations.get().source
    for year in ("1984", "1985"):
        citation = make(Citation, source=source, quote=f"she died in {year}")
        make(Claim, m2m={"citations": [citation]}, person=other, attribute="death_date", date=year)

    with django_assert_max_num_queries(8):
        html = client.get("/contested/").content.decode()
    assert html.count('class="fact contested"') == 2, "two contested facts, no refinement"
    assert "<h3>date of birth" not in html and "<h3>place of birth" not in html
    assert "Victor Serge" in html and "Liuba Russakova" in html and "she died in 1984" in html

    only_serge = client.get(f"/contested/?person={r['serge'].pk}").content.decode()
    assert only_serge.count('class="fact contested"') == 1 and "Liuba" not in only_serge.split("<h1")[1]
    none = client.get("/contested/?property=birth_place").content.decode()
    assert 'class="fact contested"' not in none and "No contested facts" in none
    assert client.get("/contested/?property=<script>&person=x").status_code == 200


# ---------------------------------------------------------------- the committed data


def test_no_contested_fact_in_the_committed_fixtures_is_a_refinement():
    """Every fact in fixtures/prosopography.json (readings of one property of one
    record: a person, an event, a work, a tie ...) that the one rule calls contested
    holds two readings that cannot both be true, whatever the kind of value; facts
    whose readings only refine one another (1933 / 1933-03, Belgium / Brussels,
    "about 80" / 85, "Second wife" / "second wife.") are never contested."""
    from prosopography import properties

    records = json.loads(
        Path(__file__).resolve().parents[1].joinpath("fixtures/prosopography.json").read_text()
    )
    within = {r["pk"]: r["fields"].get("within") for r in records if r["model"] == "prosopography.place"}
    groups = {}
    for r in records:
        if r["model"] == "prosopography.claim":
            f = r["fields"]
            subject = (f["person"], f["event"], tuple(f.get("subject_type") or ()), f.get("subject_id"))
            groups.setdefault((subject, f["attribute"]), []).append(f)
    value_field = {properties.DATE: "date", properties.PLACE: "place", properties.PERSON: "value_person"}
    contested = refinements = 0
    for (_, attribute), readings in groups.items():
        kind = properties.kind_of(attribute)
        values = [f.get(value_field.get(kind, "value_text")) for f in readings]
        assert all(v not in ("", None) for v in values), (attribute, values)
        compare, _ = facts.rule(kind, within)
        relations = {compare(a, b) for i, a in enumerate(values) for b in values[i + 1 :]}
        fake = [type("R", (), {"rank": Rank.NORMAL, "value": v})() for v in values]
        fact = facts.assess(attribute, fake, lambda x: x.value, compare, lambda v: 0)
        assert fact.contested == (facts.CONFLICTS in relations), (attribute, values)
        if fact.contested:
            contested += 1
            # A real disagreement: some pair neither nests nor overlaps.
            assert any(compare(a, b) == facts.CONFLICTS for a in values for b in values), (attribute, values)
        elif len(values) > 1:
            refinements += 1
    # Readings of every kind are counted, not only curated dates and places.
    kinds = {properties.kind_of(attribute) for (_, attribute) in groups}
    assert {properties.DATE, properties.PLACE, properties.TEXT, properties.NUMBER} <= kinds
    assert contested >= 70 and refinements >= 40, (contested, refinements)


@pytest.mark.parametrize(
    "a, b, relation",
    [
        ("85", "85", facts.SAME),
        ("250,000", "250000", facts.SAME),
        ("128", "114", facts.CONFLICTS),
        ("80~", "85", facts.REFINES),  # about 80 days, then 85 days: the second says more
        ("80~", "88~", facts.OVERLAPS),
        ("80~", "100", facts.CONFLICTS),
        ("4+", "5", facts.REFINES),
        ("4+", "3", facts.CONFLICTS),
        ("2.5", "2.5", facts.SAME),
    ],
)
def test_number_readings_relate_as_intervals(a, b, relation):
    assert facts.compare_numbers(a, b) == relation


def test_text_readings_agree_when_their_normalised_forms_are_equal():
    assert facts.compare_texts("Second Wife.", "second  wife") == facts.SAME
    assert facts.compare_texts("Maîtrejean", "Maitrejean") == facts.SAME
    assert facts.compare_texts("first wife", "second wife") == facts.CONFLICTS
    assert facts.verdict("text", ["second wife", "Second wife."]) == "refinement"
    assert facts.verdict("number", ["80~", "85"]) == "refinement"
    assert facts.verdict("date", ["1915", "1917"]) == "contested"


def test_a_contested_fact_is_explained_with_each_value_once():
    from types import SimpleNamespace

    readings = [
        SimpleNamespace(rank=Rank.NORMAL, value=value, source=source)
        for value, source in [("21", "001"), ("21", "001"), ("25", "000"), ("25", "001")]
    ]
    fact = facts.assess("how long", readings, lambda r: r.value, facts.compare_equal, lambda v: 0)
    line = facts.explain(fact, lambda r: r.value, lambda r: {r.source})
    assert line == "how long: 21 (001) against 25 (000, 001)"
