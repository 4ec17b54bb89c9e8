"""Shared fixtures: users and clients, small factories, a complete object graph
(one valid instance of every model the admin shows), and a helper that turns an
admin page's form back into POST data."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from rest_framework.authtoken.models import Token, TokenProxy

from bibliography.models import Contribution, Edition, Holding, Periodical, Work, WorkRelation
from prosopography import services
from prosopography.models import (
    Alias,
    Citation,
    Claim,
    DistinctRecords,
    Event,
    EventParticipant,
    ExternalIdentifier,
    Membership,
    Mention,
    MentionStatus,
    MergeLog,
    NameType,
    Organisation,
    OrganisationName,
    Person,
    Place,
    PlaceName,
    Relationship,
    RelationshipType,
    Source,
)


def make(model, m2m=None, **fields):
    """Create a record the way the admin does: validated, then saved. The slug is
    derived from the name on save (read-only in the admin), so it is not validated."""
    obj = model(**fields)
    obj.full_clean(exclude=["slug"])
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    return obj


# ---------------------------------------------------------------- users, clients


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser(
        username="curator", email="curator@example.org", password="a-long-curator-password"
    )


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def anon_client():
    """A client of its own, so that it stays anonymous beside `curator_client`."""
    return Client()


# ---------------------------------------------------------------- factories


@pytest.fixture
def make_place(db):
    def _make(name="Brussels", **fields):
        return make(Place, name=name, **fields)

    return _make


@pytest.fixture
def make_person(db):
    def _make(name="Victor Serge", aliases=(), **fields):
        person = make(Person, name=name, **fields)
        for alias in aliases:
            make(Alias, person=person, name=alias, type=NameType.VARIANT)
        return person

    return _make


@pytest.fixture
def make_organisation(db):
    def _make(name="Bonnot gang", **fields):
        return make(Organisation, name=name, **fields)

    return _make


@pytest.fixture
def make_source(db):
    counter = iter(range(1, 10_000))

    def _make(length=1000, **fields):
        n = next(counter)
        fields.setdefault("file_name", f"source-{n}.txt")
        fields.setdefault("title", f"Source {n}")
        return make(Source, length=length, checksum="0" * 64, **fields)

    return _make


@pytest.fixture
def make_work(db):
    def _make(title="Memoirs of a Revolutionary", **fields):
        return make(Work, title=title, **fields)

    return _make


@pytest.fixture
def rel_type(db):
    """A relationship type from the vocabulary the data migration installs."""

    def _get(slug):
        return RelationshipType.objects.get(slug=slug)

    return _get


# ---------------------------------------------------------------- a complete world


@pytest.fixture
def world(db, curator):
    """One minimal, valid instance of every model, linked as in real data.

    Returns {model class: instance}. The admin smoke tests take the instance to
    open from here, so a model newly registered in the admin must be added too.
    """
    place = make(Place, name="Brussels")
    make(PlaceName, place=place, name="Bruxelles", language="fr")
    serge = make(Person, name="Victor Serge", birth="1890-12-30", death="1947-11-17", birth_place=place)
    make(Alias, person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    rirette = make(Person, name="Rirette Maîtrejean", birth="1887")
    make(Alias, person=rirette, name="Anna Estorges", type=NameType.BIRTH)
    gang = make(Organisation, name="Bonnot gang", kind="gang", start="1911", end="1912", place=place)
    make(OrganisationName, organisation=gang, name="la bande à Bonnot", language="fr")
    archive = make(Organisation, name="Beinecke Library", kind="archive")

    text = "Victor Serge met Rirette."
    source = make(Source, file_name="memoirs.txt", title="Memoirs", checksum="a" * 64, length=len(text))
    mention = make(
        Mention,
        source=source,
        start=0,
        end=12,
        surface=text[0:12],
        snippet=text,
        person=serge,
        status=MentionStatus.CONFIRMED,
        m2m={"candidates": [serge]},
    )
    citation = make(
        Citation, source=source, start=0, end=len(text), quote=text, locator="p. 1", mention=mention
    )
    spouse = RelationshipType.objects.get(slug="spouse")
    relationship = make(
        Relationship,
        subject=serge,
        type=spouse,
        object=rirette,
        start="1910~",
        end="1915",
        m2m={"citations": [citation]},
    )
    membership = make(
        Membership,
        person=serge,
        organisation=gang,
        role="sympathiser",
        start="1911",
        end="1912",
        m2m={"citations": [citation]},
    )
    event = make(
        Event,
        key="serge-arrest-1912",
        type="arrest",
        date="1912-01-31",
        place=place,
        m2m={"citations": [citation]},
    )
    participant = make(EventParticipant, event=event, person=serge, role="subject")
    claim = make(
        Claim,
        person=serge,
        attribute=Claim.Attribute.BIRTH_DATE,
        date="1890-12-30",
        m2m={"citations": [citation]},
    )
    identifier = make(
        ExternalIdentifier,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=serge.pk,
        scheme="wikidata",
        value="Q380393",
    )

    duplicate = make(Person, name="V. Serge")
    log = services.merge(duplicate, serge, user=curator, reason="Same man, initials only.")
    kibalchich = make(Person, name="Vladimir Kibalchich")
    vlady = make(Person, name="Vlady Kibalchich")
    distinct = services.mark_distinct(kibalchich, vlady, reason="Father and son.")

    periodical = make(Periodical, title="L'Anarchie", place=place, language="fr")
    work = make(
        Work,
        title="Mémoires d'un révolutionnaire",
        language="fr",
        type="memoir",
        written="1942/1943",
        first_published="1951",
        m2m={"about": [serge]},
    )
    sequel = make(Work, title="Carnets", language="fr", type="diary")
    edition = make(
        Edition,
        work=work,
        title="Mémoires d'un révolutionnaire",
        language="fr",
        place=place,
        date="1951",
        periodical=periodical,
        volume="1",
    )
    contribution = make(Contribution, person=serge, work=work, role="author", credited_as="Victor Serge")
    relation = make(WorkRelation, subject=sequel, type="sequel-to", object=work)
    holding = make(Holding, work=work, repository=archive, item_count=12, shelfmark="GEN MSS 238")

    group = Group.objects.create(name="curators")
    token = TokenProxy.objects.get(pk=Token.objects.create(user=curator).pk)

    return {
        Group: group,
        type(curator): curator,
        TokenProxy: token,
        Person: serge,
        Organisation: gang,
        Place: place,
        RelationshipType: spouse,
        Relationship: relationship,
        Membership: membership,
        Event: event,
        Claim: claim,
        Source: source,
        Mention: mention,
        Citation: citation,
        ExternalIdentifier: identifier,
        DistinctRecords: distinct,
        MergeLog: log,
        EventParticipant: participant,
        Work: work,
        Edition: edition,
        Periodical: periodical,
        Contribution: contribution,
        WorkRelation: relation,
        Holding: holding,
    }


# ---------------------------------------------------------------- admin forms


def _post_value(bound_field):
    value = bound_field.value()
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else None
    return str(value)


def _form_values(form):
    data = {}
    for bound_field in form:
        value = _post_value(bound_field)
        if value is not None:
            data[bound_field.html_name] = value
    return data


@pytest.fixture
def admin_form_data():
    """POST data reproducing what an admin add/change page currently shows (main
    form, and each inline formset with its existing rows), updated with `changes`."""

    def _data(response, **changes):
        data = _form_values(response.context["adminform"].form)
        for inline in response.context.get("inline_admin_formsets", []):
            formset = inline.formset
            data.update(_form_values(formset.management_form))
            data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
            for form in formset.initial_forms:
                data.update(_form_values(form))
        data.update(changes)
        return data

    return _data
