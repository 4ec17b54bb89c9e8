"""The data model: EDTF dates and their sortable bounds, validation with messages
tied to the right field, name normalisation, the relationship vocabulary, and the
project-level checks (migrations in step with models, production settings)."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from bibliography.models import Contribution, Edition, Work, WorkRelation
from common import dates
from common.text import make_slug, normalize
from prosopography import services
from prosopography.models import (
    Alias,
    Citation,
    Claim,
    DistinctRecords,
    EventParticipant,
    Membership,
    Mention,
    MentionStatus,
    NameType,
    Organisation,
    Person,
    Relationship,
    RelationshipType,
)

BASE_DIR = Path(__file__).resolve().parents[1]
D = datetime.date

# Validating a record checks its database constraints too (a merged record is never
# merged into itself), which Django does with a query: every test may use the database.
pytestmark = pytest.mark.django_db


def validation_errors(obj):
    """The error dict full_clean raises (the derived slug aside, as in the admin)."""
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean(exclude=["slug"])
    return excinfo.value.message_dict


# ---------------------------------------------------------------- EDTF dates


@pytest.mark.parametrize("value", ["1912-13-45", "around 1930", "1912-02-30", "30/12/1890", "1912??x"])
def test_malformed_birth_date_is_refused_on_its_field(value):
    errors = validation_errors(Person(name="Victor Serge", birth=value))
    assert list(errors) == ["birth"], "reported once, on the field the curator must fix"
    assert errors["birth"] == [f"“{value}” is not a valid EDTF date. " + dates.EDTF_HELP]


def test_malformed_dates_on_several_fields_each_get_a_message(make_person, make_organisation):
    errors = validation_errors(Person(name="Victor Serge", birth="soon", death="later"))
    assert set(errors) == {"birth", "death"}
    membership = Membership(person=make_person(), organisation=make_organisation(), start="1920", end="never")
    assert set(validation_errors(membership)) == {"end"}


@pytest.mark.parametrize(
    "value, lower, upper",
    [
        ("1890-12-30", D(1890, 12, 30), D(1890, 12, 30)),
        ("1912?", D(1912, 1, 1), D(1912, 12, 31)),
        ("1912~", D(1912, 1, 1), D(1912, 12, 31)),
        ("1912/1913", D(1912, 1, 1), D(1913, 12, 31)),
        ("193X", D(1930, 1, 1), D(1939, 12, 31)),
        ("[1912,1913]", D(1912, 1, 1), D(1913, 12, 31)),
        ("1933-03", D(1933, 3, 1), D(1933, 3, 31)),
        ("1912-02", D(1912, 2, 1), D(1912, 2, 29)),
        ("1912-02-29", D(1912, 2, 29), D(1912, 2, 29)),
        ("1913-02", D(1913, 2, 1), D(1913, 2, 28)),
        ("1936/..", D(1936, 1, 1), None),
    ],
)
def test_valid_birth_date_is_accepted_and_fills_sortable_bounds(db, value, lower, upper):
    person = Person(name="Victor Serge", birth=value)
    person.full_clean(exclude=["slug"])
    person.save()
    person.refresh_from_db()
    assert (person.birth, person.birth_lower, person.birth_upper) == (value, lower, upper)


def test_changing_or_clearing_a_date_refreshes_its_bounds(make_person):
    person = make_person(birth="1890")
    person.birth = "1890-12-30"
    person.save()
    assert (person.birth_lower, person.birth_upper) == (D(1890, 12, 30), D(1890, 12, 30))
    person.birth = ""
    person.save()
    person.refresh_from_db()
    assert (person.birth_lower, person.birth_upper) == (None, None)


def test_persons_sort_by_birth_bounds(make_person):
    late = make_person("B Late", birth="193X")
    early = make_person("A Early", birth="1912/1913")
    exact = make_person("C Exact", birth="1920-05-01")
    assert list(Person.objects.order_by("birth_lower")) == [early, exact, late]
    born_1913 = Person.objects.filter(birth_lower__lte=D(1913, 6, 1), birth_upper__gte=D(1913, 6, 1))
    assert list(born_1913) == [early]


def test_death_before_birth_is_refused():
    errors = validation_errors(Person(name="Victor Serge", birth="1890", death="1880"))
    assert errors == {"death": ["The date of death lies before the date of birth."]}


def test_uncertain_dates_that_may_overlap_are_not_refused():
    Person(name="Victor Serge", birth="1890/1895", death="1893?").full_clean(exclude=["slug"])


# ---------------------------------------------------------------- relationships, memberships


def test_relationship_with_oneself_is_refused(make_person, rel_type):
    serge = make_person()
    errors = validation_errors(Relationship(subject=serge, type=rel_type("comrade"), object=serge))
    assert errors == {NON_FIELD_ERRORS: ["A person cannot have a relationship with themself."]}


@pytest.mark.parametrize(
    "start, end", [("1930", "1920"), ("1930-05-02", "1930-05-01"), ("1930/1931", "1929?")]
)
def test_relationship_ending_before_it_starts_is_refused(make_person, rel_type, start, end):
    rel = Relationship(
        subject=make_person("A B"), type=rel_type("spouse"), object=make_person("C D"), start=start, end=end
    )
    assert validation_errors(rel) == {"end": ["The end date lies before the start date."]}


@pytest.mark.parametrize(
    "start, end", [("1930", "1930"), ("1930", "1929/1931"), ("", "1920"), ("1930", ""), ("1930", "1936/..")]
)
def test_relationship_periods_that_can_hold_are_accepted(make_person, rel_type, start, end):
    Relationship(
        subject=make_person("A B"), type=rel_type("spouse"), object=make_person("C D"), start=start, end=end
    ).full_clean()


def test_membership_ending_before_it_starts_is_refused(make_person, make_organisation):
    membership = Membership(
        person=make_person(),
        organisation=make_organisation(),
        role="member",
        start="1923-03",
        end="1923-02-28",
    )
    assert validation_errors(membership) == {"end": ["The end date lies before the start date."]}


def test_organisation_dissolved_before_founded_is_refused():
    errors = validation_errors(Organisation(name="Left Opposition", start="1923", end="1922"))
    assert errors == {"end": ["The end date lies before the start date."]}


def test_relationship_vocabulary_is_installed_with_inverses(db):
    types = {t.slug: t for t in RelationshipType.objects.select_related("inverse")}
    assert {"parent", "child", "spouse", "comrade"} <= set(types)
    assert types["parent"].inverse == types["child"]
    assert types["child"].inverse == types["parent"]
    assert types["spouse"].symmetric and types["comrade"].symmetric
    assert not types["parent"].symmetric
    assert all(t.inverse_id for t in types.values())


# ---------------------------------------------------------------- evidence


@pytest.fixture
def source(make_source):
    return make_source(length=100)


def mention(source, start, end, surface, **fields):
    fields.setdefault("status", MentionStatus.UNRESOLVED)
    return Mention(source=source, start=start, end=end, surface=surface, snippet="…", **fields)


@pytest.mark.parametrize(
    "start, end, message",
    [
        (90, 120, "The span ends at 120, past the end of the source (100 characters)."),
        (0, 101, "The span ends at 101, past the end of the source (100 characters)."),
        (40, 40, "The end offset must come after the start offset."),
        (50, 45, "The end offset must come after the start offset."),
    ],
)
def test_mention_outside_its_source_is_refused(source, start, end, message):
    surface = "x" * max(end - start, 1)
    assert validation_errors(mention(source, start, end, surface)) == {"end": [message]}


def test_mention_surface_must_match_its_span(source):
    errors = validation_errors(mention(source, 10, 15, "Victor Serge"))
    assert errors == {"surface": ["The surface text must be exactly the span's length."]}


def test_mention_at_the_very_end_of_its_source_is_accepted(source):
    mention(source, 95, 100, "Serge").full_clean()


def test_resolved_mention_needs_exactly_one_target(source, make_person, make_place):
    errors = validation_errors(mention(source, 0, 5, "Serge", status=MentionStatus.CONFIRMED))
    assert errors == {"status": ["A resolved or confirmed mention needs a target."]}
    two = mention(source, 0, 5, "Serge", person=make_person(), place=make_place())
    assert validation_errors(two) == {NON_FIELD_ERRORS: ["A mention refers to one record only."]}


def test_citation_quote_must_fit_its_source(source):
    errors = validation_errors(Citation(source=source, start=10, end=12, quote="too long a quote"))
    assert errors == {"quote": ["The quote must be exactly the span's length."]}
    errors = validation_errors(Citation(source=source, start=90, end=110, quote="x" * 20))
    assert list(errors) == ["end"]
    Citation(source=source, quote="A quote whose place is only given by page.", locator="p. 12").full_clean()


# ---------------------------------------------------------------- other invariants


def test_claim_must_fit_its_subject(make_person, make_place):
    serge = make_person()
    errors = validation_errors(Claim(person=serge, attribute=Claim.Attribute.BIRTH_DATE))
    assert errors == {"date": ["A date claim needs a date."]}
    errors = validation_errors(Claim(person=serge, attribute=Claim.Attribute.EVENT_DATE, date="1933"))
    assert list(errors) == ["attribute"]
    errors = validation_errors(Claim(person=serge, attribute=Claim.Attribute.BIRTH_PLACE))
    assert errors == {"place": ["A place claim needs a place."]}
    Claim(person=serge, attribute=Claim.Attribute.BIRTH_PLACE, place=make_place()).full_clean()


def test_event_participant_is_a_person_or_an_organisation(world, make_organisation):
    event = world[EventParticipant].event
    neither = EventParticipant(event=event)
    assert NON_FIELD_ERRORS in validation_errors(neither)
    both = EventParticipant(event=event, person=world[Person], organisation=make_organisation())
    assert NON_FIELD_ERRORS in validation_errors(both)


def test_bibliographic_invariants(make_person, make_work):
    work = make_work()
    assert NON_FIELD_ERRORS in validation_errors(Contribution(person=make_person(), role="author"))
    assert NON_FIELD_ERRORS in validation_errors(WorkRelation(subject=work, object=work, type="part-of"))
    assert list(validation_errors(Edition(work=work, title="x", volume="3"))) == ["periodical"]
    errors = validation_errors(Work(title="Carnets", written="1944", first_published="1940"))
    assert errors == {"first_published": ["The end date lies before the start date."]}


def test_distinct_records_are_stored_one_way_round(world):
    pair = world[DistinctRecords]
    again = services.mark_distinct(
        Person.objects.get(pk=pair.second_id), Person.objects.get(pk=pair.first_id), reason="again"
    )
    assert again.pk == pair.pk
    assert pair.first_id < pair.second_id
    with pytest.raises(ValidationError):
        services.mark_distinct(world[Person], world[Person])


def test_alias_is_unique_per_person_and_type(make_person):
    serge = make_person()
    Alias.objects.create(person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    with pytest.raises(ValidationError):
        Alias(person=serge, name="Le Rétif", type=NameType.PSEUDONYM).full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Alias.objects.create(person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    Alias.objects.create(person=serge, name="Le Rétif", type=NameType.VARIANT)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Maîtrejean", "maitrejean"),
        ("MAITREJEAN", "maitrejean"),
        ("Le Rétif", "le retif"),
        ("A.G.", "a g"),
        ("Кибальчич", "kibal chich"),
    ],
)
def test_normalize(name, expected):
    assert normalize(name) == expected


def test_alias_and_slug_are_derived_on_save(make_person):
    person = make_person("Rirette Maîtrejean", aliases=["Anna Estorgès"])
    assert person.slug == make_slug("Rirette Maîtrejean") == "rirette-maitrejean"
    assert person.sort_name == "Maîtrejean, Rirette"
    assert person.aliases.get().normalized == "anna estorges"


# ---------------------------------------------------------------- project checks


@pytest.mark.django_db
def test_migrations_are_in_step_with_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run_manage(*args, **env_changes):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env_changes)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without_secrets(missing):
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(64), "DJANGO_ALLOWED_HOSTS": "example.org"}
    del env[missing]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable." in result.stderr
