"""A small world for the IPIF tests: the readings a historian would look for.

Victor Serge, married to Rirette Maîtrejean (a relationship, cited), a sympathiser of
the Bonnot gang (a membership, cited), arrested in Paris in January 1912 (an event),
born in 1890 according to his memoirs and in 1891 according to a police file (a
contested date: two readings, two passages), known as “Le Rétif” (a pseudonym), the
author of his memoirs (a credit, whose source is the work).
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from bibliography.models import Contribution, Work
from prosopography.models import (
    Alias,
    Citation,
    Claim,
    Event,
    EventParticipant,
    ExternalIdentifier,
    Membership,
    NameType,
    Organisation,
    Person,
    Place,
    Rank,
    Relationship,
    RelationshipType,
    Source,
)

from .factories import make


def cite(source, quote, locator):
    return make(Citation, source=source, quote=quote, locator=locator)


@pytest.fixture
def ipif_world(db):
    paris = make(Place, name="Paris")
    serge = make(Person, name="Victor Serge", birth="1890-12-30", death="1947-11-17")
    rirette = make(Person, name="Rirette Maîtrejean", birth="1887")
    bystander = make(Person, name="Raymond Callemin")
    pseudonym = make(Alias, person=serge, name="Le Rétif", type=NameType.PSEUDONYM, period="1909/1912")
    gang = make(Organisation, name="Bonnot gang", kind="gang")
    memoirs = make(
        Source, file_name="memoirs.txt", title="Memoirs of a Revolutionary", checksum="a" * 64, length=9999
    )
    police = make(Source, file_name="police.txt", title="Sûreté file 1912", checksum="b" * 64, length=9999)

    married = cite(memoirs, "Rirette and I lived together in the rue Fessart.", "p. 31")
    sympathy = cite(memoirs, "I was close to the illegalists of the Bonnot gang.", "p. 40")
    born = cite(memoirs, "I was born in Brussels on 30 December 1890.", "p. 1")
    file = cite(police, "Kibalchich, Victor, born 1891 in Brussels.", "f. 12")

    relationship = make(
        Relationship,
        subject=serge,
        type=RelationshipType.objects.get(slug="spouse"),
        object=rirette,
        start="1910~",
        end="1915",
        m2m={"citations": [married]},
    )
    membership = make(
        Membership,
        person=serge,
        organisation=gang,
        role="sympathiser",
        start="1911",
        end="1912",
        m2m={"citations": [sympathy]},
    )
    arrest = make(
        Event,
        key="serge-arrest-1912",
        type="arrest",
        date="1912-01-31",
        place=paris,
        m2m={"citations": [file]},
    )
    participation = make(EventParticipant, event=arrest, person=serge, role="subject")
    birth_1890 = make(
        Claim,
        person=serge,
        attribute=Claim.Attribute.BIRTH_DATE,
        date="1890-12-30",
        rank=Rank.PREFERRED,
        m2m={"citations": [born]},
    )
    birth_1891 = make(
        Claim, person=serge, attribute=Claim.Attribute.BIRTH_DATE, date="1891", m2m={"citations": [file]}
    )
    work = make(Work, title="Mémoires d'un révolutionnaire", language="fr", type="memoir")
    credit = make(Contribution, person=serge, work=work, role="author", credited_as="Victor Serge")
    make(
        ExternalIdentifier,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=serge.pk,
        scheme="wikidata",
        value="Q380393",
    )
    return {
        "serge": serge,
        "rirette": rirette,
        "bystander": bystander,
        "pseudonym": pseudonym,
        "gang": gang,
        "paris": paris,
        "memoirs": memoirs,
        "police": police,
        "married": married,
        "sympathy": sympathy,
        "born": born,
        "file": file,
        "relationship": relationship,
        "membership": membership,
        "arrest": arrest,
        "participation": participation,
        "birth_1890": birth_1890,
        "birth_1891": birth_1891,
        "work": work,
        "credit": credit,
    }
