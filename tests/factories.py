"""The test suite's factories, in one place: `make` (a record created validated,
as the admin creates it), small factory fixtures (make_person, make_work ...), and
the three small worlds the tests read:

- `world`: one minimal, valid instance of every model the admin shows;
- `api_world` (with `crowd`, fifty of everything): Serge, Rirette and their world,
  for the API's resources;
- `build_world()`: the readers' pages' world (also built by the browser tests).

All are built through validation (`make`, i.e. full_clean), except `crowd`, saved
with `quick` for speed (valid by construction). tests/conftest.py imports the
fixtures, so every test module can use them by name."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from rest_framework.authtoken.models import Token, TokenProxy
from rest_framework.test import APIClient

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
    Rank,
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


def quick(model, m2m=None, **fields):
    obj = model.objects.create(**fields)
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    return obj


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


# ---------------------------------------------------------------- the API's world


@pytest.fixture
def api_curator(django_user_model):
    return django_user_model.objects.create_user(
        username="api-curator", password="a-long-curator-password", is_staff=True
    )


@pytest.fixture
def reader():
    return APIClient()


@pytest.fixture
def curator_api(api_curator):
    client = APIClient()
    client.force_authenticate(api_curator)
    return client


@pytest.fixture
def token_api(api_curator):
    """A curator authenticated by token, as a script would be."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=api_curator).key}")
    return client


TEXT = "Victor Serge met Rirette Maîtrejean in Paris; they married in 1915."


@pytest.fixture
def api_world(db, api_curator):
    """Serge, Rirette and their world: names, contested birth date, a marriage with
    its citation, a membership, an arrest, a merged duplicate, works and editions."""
    paris = make(Place, name="Paris", kind="country")
    brussels = make(Place, name="Brussels")
    serge = make(
        Person,
        name="Victor Serge",
        birth="1890-12-30",
        death="1947-11-17",
        birth_place=brussels,
        description="Revolutionary and writer.",
    )
    make(Alias, person=serge, name="Victor Serge", type=NameType.PREFERRED)
    make(Alias, person=serge, name="Viktor Kibalchich", type=NameType.BIRTH)
    make(Alias, person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    rirette = make(Person, name="Rirette Maîtrejean", birth="1887?")
    make(Alias, person=rirette, name="Rirette Maîtrejean", type=NameType.PREFERRED)
    trotsky = make(Person, name="Leon Trotsky", birth="1879")
    anarchists = make(Organisation, name="L'Anarchie group", kind="group", start="1905", end="1914")
    opposition = make(Organisation, name="Left Opposition", kind="faction", start="1923")

    source = make(
        Source,
        file_name="memoirs.txt",
        title="Memoirs of a Revolutionary",
        checksum="a" * 64,
        length=len(TEXT),
    )
    mention = make(
        Mention,
        source=source,
        start=0,
        end=12,
        surface=TEXT[0:12],
        snippet=TEXT,
        paragraph=3,
        person=serge,
        status=MentionStatus.CONFIRMED,
    )
    make(
        Mention,
        source=source,
        start=17,
        end=35,
        surface=TEXT[17:35],
        snippet=TEXT,
        paragraph=3,
        person=rirette,
        status=MentionStatus.MACHINE,
    )
    citation = make(
        Citation, source=source, start=46, end=len(TEXT), quote=TEXT[46:], locator="p. 12", mention=mention
    )
    spouse = RelationshipType.objects.get(slug="spouse")
    parent = RelationshipType.objects.get(slug="parent")
    marriage = make(
        Relationship,
        subject=serge,
        type=spouse,
        object=rirette,
        start="1915",
        end="1917~",
        m2m={"citations": [citation]},
    )
    vlady = make(Person, name="Vlady Kibalchich", birth="1920")
    make(Relationship, subject=serge, type=parent, object=vlady)
    make(Relationship, subject=serge, type=RelationshipType.objects.get(slug="comrade"), object=trotsky)
    membership = make(
        Membership,
        person=serge,
        organisation=anarchists,
        role="editor",
        start="1911",
        end="1912",
        m2m={"citations": [citation]},
    )
    make(Membership, person=serge, organisation=opposition, role="member", start="1923")
    arrest = make(
        Event,
        key="serge-arrest-1912",
        type="arrest",
        date="1912-01-31",
        place=paris,
        m2m={"citations": [citation]},
    )
    make(EventParticipant, event=arrest, person=serge)
    exile = make(Event, key="serge-orenburg", type="exile", date="1933/1936")
    make(EventParticipant, event=exile, person=serge)
    make(
        Claim,
        person=serge,
        attribute=Claim.Attribute.BIRTH_DATE,
        date="1890-12-30",
        rank=Rank.PREFERRED,
        m2m={"citations": [citation]},
    )
    make(Claim, person=serge, attribute=Claim.Attribute.BIRTH_DATE, date="1890-12-31")
    make(Claim, person=serge, attribute=Claim.Attribute.DEATH_DATE, date="1947-11-17")
    make(Claim, person=serge, attribute=Claim.Attribute.DEATH_DATE, date="1947-11-18", rank=Rank.DEPRECATED)
    make(
        ExternalIdentifier,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=serge.pk,
        scheme="wikidata",
        value="Q380393",
    )
    duplicate = make(Person, name="V. Serge")
    services.merge(duplicate, serge, user=api_curator, reason="Initials only.")

    periodical = make(Periodical, title="L'Anarchie", language="fr")
    memoirs = make(
        Work,
        title="Mémoires d'un révolutionnaire",
        language="fr",
        type="memoir",
        written="1942/1943",
        first_published="1951",
        m2m={"about": [serge]},
    )
    midnight = make(
        Work, title="S'il est minuit dans le siècle", language="fr", type="novel", first_published="1939"
    )
    article = make(Work, title="Les bandits tragiques", language="fr", type="article", first_published="1912")
    duplicate_work = make(Work, title="Memoires (duplicate)", language="fr")
    services.merge(duplicate_work, memoirs, user=api_curator, reason="Same book.")
    make(Contribution, person=serge, work=memoirs, role="author", credited_as="Victor Serge")
    make(Contribution, person=serge, work=midnight, role="author", credited_as="Victor Serge")
    make(Contribution, person=serge, work=article, role="author", credited_as="Le Rétif")
    original = make(Edition, work=memoirs, title="Mémoires d'un révolutionnaire", language="fr", date="1951")
    english = make(
        Edition,
        work=memoirs,
        title="Memoirs of a Revolutionary",
        language="en",
        date="1963",
        translation_of=original,
    )
    make(Contribution, person=trotsky, edition=english, role="translator")  # (a fiction, for the test)
    make(Contribution, person=rirette, work=midnight, role="translator", credited_as="R. Maîtrejean")
    in_paper = make(
        Edition,
        work=article,
        title="Les bandits tragiques",
        language="fr",
        date="1912-02",
        periodical=periodical,
        issue="350",
    )
    return {
        "serge": serge,
        "rirette": rirette,
        "trotsky": trotsky,
        "vlady": vlady,
        "duplicate": duplicate,
        "anarchists": anarchists,
        "opposition": opposition,
        "source": source,
        "citation": citation,
        "marriage": marriage,
        "membership": membership,
        "arrest": arrest,
        "exile": exile,
        "periodical": periodical,
        "memoirs": memoirs,
        "midnight": midnight,
        "article": article,
        "duplicate_work": duplicate_work,
        "original": original,
        "english": english,
        "in_paper": in_paper,
        "paris": paris,
    }


@pytest.fixture
def crowd(db):
    """Fifty of everything, each linked like real records, so that a page of 5 and a
    page of 50 can be compared. Saved without validation, for speed: the records
    are valid by construction."""
    source = quick(Source, file_name="crowd.txt", title="Crowd", checksum="b" * 64, length=10_000)
    place = quick(Place, name="Moscow")
    group = quick(Organisation, name="Crowd group")
    periodical = quick(Periodical, title="Crowd review")
    friend = RelationshipType.objects.get(slug="friend")
    previous = None
    for n in range(50):
        person = quick(Person, name=f"Person Number{n}", birth=f"{1850 + n}", birth_place=place)
        quick(Alias, person=person, name=f"P. N{n}", type=NameType.INITIALS)
        citation = quick(Citation, source=source, quote="x", locator=f"p. {n}")
        quick(
            Mention,
            source=source,
            start=n * 10,
            end=n * 10 + 5,
            surface="abcde",
            snippet="abcde",
            person=person,
        )
        quick(Membership, person=person, organisation=group, m2m={"citations": [citation]})
        event = quick(
            Event,
            key=f"event-{n}",
            type="meeting",
            date=f"{1900 + n}",
            place=place,
            m2m={"citations": [citation]},
        )
        quick(EventParticipant, event=event, person=person)
        if previous:
            quick(Relationship, subject=previous, type=friend, object=person, m2m={"citations": [citation]})
        work = quick(Work, title=f"Work {n}", first_published=f"{1900 + n}", m2m={"about": [person]})
        quick(Contribution, person=person, work=work)
        edition = quick(Edition, work=work, title=f"Work {n}", periodical=periodical, date=f"{1900 + n}")
        quick(Contribution, person=person, edition=edition, role="translator")
        previous = person
    return {"person": previous}


# ---------------------------------------------------------------- the readers' pages' world


def build_world():
    """A small world: Serge, Rirette (spouse, cited), an organisation, an event, a
    contested birth date, mentions, a work with a translation, and a merged duplicate."""
    brussels = make(Place, name="Brussels")
    paris = make(Place, name="Paris")
    serge = make(
        Person,
        name="Victor Serge",
        birth="1890-12-30",
        death="1947-11-17",
        birth_place=brussels,
        description="Revolutionary and writer.",
    )
    make(Alias, person=serge, name="Victor Serge", type=NameType.PREFERRED)
    make(Alias, person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    rirette = make(Person, name="Rirette Maîtrejean", birth="1887?")
    make(Alias, person=rirette, name="Anna Estorges", type=NameType.BIRTH)
    source = make(
        Source, file_name="memoirs.txt", title="Memoirs of a Revolutionary", checksum="a" * 64, length=10_000
    )
    quote = "Rirette and I lived together on the Left Bank."
    citation = make(Citation, source=source, start=0, end=len(quote), quote=quote, locator="p. 31")
    spouse = RelationshipType.objects.get(slug="spouse")
    make(
        Relationship,
        subject=serge,
        type=spouse,
        object=rirette,
        start="1910~",
        end="1915",
        m2m={"citations": [citation]},
    )
    gang = make(Organisation, name="Bonnot gang", kind="gang", start="1911", end="1912")
    make(
        Membership,
        person=serge,
        organisation=gang,
        role="sympathiser",
        start="1911",
        m2m={"citations": [citation]},
    )
    arrest = make(
        Event,
        key="serge-arrest-1912",
        type="arrest",
        date="1912-01-31",
        place=paris,
        description="Arrested at the offices of l'Anarchie.",
        m2m={"citations": [citation]},
    )
    make(EventParticipant, event=arrest, person=serge)
    for date in ("1890-12-30", "1890-12-31"):
        make(
            Claim,
            person=serge,
            attribute=Claim.Attribute.BIRTH_DATE,
            date=date,
            m2m={"citations": [citation]},
        )
    for n in range(3):
        make(
            Mention,
            source=source,
            start=100 * n,
            end=100 * n + 5,
            surface="Serge",
            snippet=f"… Serge wrote, passage {n} …",
            paragraph=n,
            person=serge,
            status=MentionStatus.CONFIRMED,
        )
    duplicate = make(Person, name="V. Serge")
    services.merge(duplicate, serge, reason="Initials of the same man.")

    work = make(
        Work,
        title="Mémoires d'un révolutionnaire",
        language="fr",
        type="memoir",
        written="1942/1943",
        first_published="1951",
    )
    make(Contribution, person=serge, work=work, role="author", credited_as="Victor Serge")
    seuil = make(Organisation, name="Éditions du Seuil", kind="publisher")
    periodical = make(Periodical, title="Les Temps modernes", place=paris, language="fr")
    original = make(
        Edition,
        work=work,
        title="Mémoires d'un révolutionnaire",
        language="fr",
        publisher=seuil,
        place=paris,
        date="1951",
    )
    make(
        Edition,
        work=work,
        title="Extraits",
        language="fr",
        periodical=periodical,
        volume="6",
        issue="63",
        date="1951",
        pages="1-30",
    )
    english = make(
        Edition,
        work=work,
        title="Memoirs of a Revolutionary",
        language="en",
        date="1963",
        translation_of=original,
    )
    translator = make(Person, name="Peter Sedgwick")
    make(Contribution, person=translator, edition=english, role="translator")
    return {
        "serge": serge,
        "rirette": rirette,
        "duplicate": duplicate,
        "gang": gang,
        "work": work,
        "source": source,
        "citation": citation,
        "translator": translator,
        "periodical": periodical,
    }
