"""Merging duplicates (services.merge), refusing bad merges, and undoing them
exactly (services.undo_merge). Records are never deleted: the merged one keeps its
id and points at the survivor."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from bibliography.models import Contribution, Edition, Work
from prosopography import services
from prosopography.models import (
    Alias,
    Claim,
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
    Rank,
    Relationship,
)


def links(person):
    """Everything that points at a person, as {relation: set of pks}."""
    ct = ContentType.objects.get_for_model(Person)
    return {
        "aliases": set(person.aliases.values_list("pk", flat=True)),
        "relationships_out": set(person.relationships_out.values_list("pk", flat=True)),
        "relationships_in": set(person.relationships_in.values_list("pk", flat=True)),
        "memberships": set(person.memberships.values_list("pk", flat=True)),
        "mentions": set(person.mentions.values_list("pk", flat=True)),
        "candidate_mentions": set(person.candidate_mentions.values_list("pk", flat=True)),
        "event_roles": set(person.event_roles.values_list("pk", flat=True)),
        "claims": set(person.claims.values_list("pk", flat=True)),
        "contributions": set(person.contributions.values_list("pk", flat=True)),
        "works_about": set(person.works_about.values_list("pk", flat=True)),
        "identifiers": set(
            ExternalIdentifier.objects.filter(content_type=ct, object_id=person.pk).values_list(
                "pk", flat=True
            )
        ),
    }


@pytest.fixture
def duplicate_pair(make_person, make_organisation, make_source, make_work, rel_type):
    """A survivor with links of its own, and a duplicate linked in every way a person can be."""
    survivor = make_person("Victor Serge", aliases=["Victor Serge"])
    duplicate = make_person("V. Serge")
    rirette, trotsky = make_person("Rirette Maîtrejean"), make_person("Leon Trotsky")
    Alias.objects.create(person=duplicate, name="V. S.", type=NameType.INITIALS)
    Alias.objects.create(person=duplicate, name="Le Rétif", type=NameType.PSEUDONYM)
    Relationship.objects.create(subject=duplicate, type=rel_type("spouse"), object=rirette)
    Relationship.objects.create(subject=trotsky, type=rel_type("comrade"), object=duplicate)
    Relationship.objects.create(subject=survivor, type=rel_type("correspondent"), object=trotsky)
    Membership.objects.create(person=duplicate, organisation=make_organisation("Left Opposition"))
    source = make_source(length=100)
    Mention.objects.create(
        source=source,
        start=0,
        end=8,
        surface="V. Serge",
        snippet="…",
        person=duplicate,
        status=MentionStatus.CONFIRMED,
    )
    ambiguous = Mention.objects.create(
        source=source, start=20, end=25, surface="Serge", snippet="…", status=MentionStatus.UNRESOLVED
    )
    ambiguous.candidates.set([duplicate, trotsky])
    event = Event.objects.create(key="serge-arrest-1933", type="arrest", date="1933-03-08")
    EventParticipant.objects.create(event=event, person=duplicate)
    Claim.objects.create(person=duplicate, attribute=Claim.Attribute.DEATH_DATE, date="1947-11-17")
    work = make_work()
    Contribution.objects.create(person=duplicate, work=work, credited_as="V. Serge")
    make_work("Portrait de Serge").about.add(duplicate)
    ExternalIdentifier.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=duplicate.pk,
        scheme="viaf",
        value="27066848",
    )
    return duplicate, survivor


def test_merge_moves_every_link_to_the_survivor(duplicate_pair, curator):
    duplicate, survivor = duplicate_pair
    before_dup, before_surv = links(duplicate), links(survivor)
    assert all(before_dup.values()), "the fixture links the duplicate in every way"

    log = services.merge(duplicate, survivor, user=curator, reason="Initials of the same man.")

    duplicate.refresh_from_db()
    after_dup, after_surv = links(duplicate), links(survivor)
    assert not any(after_dup.values()), after_dup
    for relation in before_dup:
        assert after_surv[relation] == before_surv[relation] | before_dup[relation], relation
    assert Mention.objects.get(surface="Serge").candidates.filter(pk=survivor.pk).exists()
    assert Contribution.objects.get().credited_as == "V. Serge", "the credited name is kept"

    assert Person.objects.filter(pk=duplicate.pk).exists(), "merged, never deleted"
    assert duplicate.merged_into == survivor
    assert (log.merged_id, log.survivor_id, log.user, log.reason) == (
        duplicate.pk,
        survivor.pk,
        curator,
        "Initials of the same man.",
    )
    assert log.content_type.model_class() is Person
    # The log names every moved row, which is what undo_merge relies on.
    assert set(log.moved["prosopography.alias.person"]) == before_dup["aliases"]
    assert set(log.moved["prosopography.relationship.subject"]) == before_dup["relationships_out"]
    assert set(log.moved["prosopography.relationship.object"]) == before_dup["relationships_in"]
    assert MergeLog.objects.get() == log


def test_merge_is_recorded_in_history_with_user_and_reason(duplicate_pair, curator):
    duplicate, survivor = duplicate_pair
    services.merge(duplicate, survivor, user=curator, reason="Same man.")
    last = duplicate.history.first()
    assert last.merged_into_id == survivor.pk
    assert last.history_user == curator
    assert "Same man." in last.history_change_reason
    moved_alias = Alias.objects.get(name="V. S.").history.first()
    assert (moved_alias.person_id, moved_alias.history_user) == (survivor.pk, curator)


def test_merge_deprecates_a_tie_between_the_two_duplicates(make_person, rel_type, curator):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge")
    tie = Relationship.objects.create(subject=duplicate, type=rel_type("comrade"), object=survivor)
    services.merge(duplicate, survivor, user=curator, reason="Same man.")
    tie.refresh_from_db()
    assert (tie.subject, tie.object, tie.rank) == (survivor, survivor, Rank.DEPRECATED)


def test_merge_of_duplicates_sharing_a_name_form(make_person, curator):
    """Duplicates usually share a name form: the merge must not trip over it."""
    survivor = make_person("Victor Serge", aliases=["Victor Serge", "Le Rétif"])
    duplicate = make_person("Victor Serge", aliases=["Victor Serge", "Kibaltchiche"])
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    assert sorted(survivor.aliases.values_list("name", flat=True)) == [
        "Kibaltchiche",
        "Le Rétif",
        "Victor Serge",
    ]
    services.undo_merge(log, user=curator)
    assert sorted(duplicate.aliases.values_list("name", flat=True)) == ["Kibaltchiche", "Victor Serge"]
    assert sorted(survivor.aliases.values_list("name", flat=True)) == ["Le Rétif", "Victor Serge"]


def test_merge_of_duplicates_sharing_an_identifier(make_person, curator):
    ct = ContentType.objects.get_for_model(Person)
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge")
    for person in (survivor, duplicate):
        ExternalIdentifier.objects.create(
            content_type=ct, object_id=person.pk, scheme="wikidata", value="Q380393"
        )
    log = services.merge(duplicate, survivor, user=curator, reason="Same Wikidata item.")
    assert ExternalIdentifier.objects.filter(content_type=ct, object_id=survivor.pk).count() == 1
    services.undo_merge(log, user=curator)
    assert ExternalIdentifier.objects.filter(content_type=ct, object_id=duplicate.pk).count() == 1
    assert ExternalIdentifier.objects.filter(content_type=ct, object_id=survivor.pk).count() == 1


def test_merge_of_duplicates_both_candidates_for_a_mention(make_person, make_source, curator):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge")
    mention = Mention.objects.create(
        source=make_source(length=100),
        start=0,
        end=5,
        surface="Serge",
        snippet="…",
        status=MentionStatus.UNRESOLVED,
    )
    mention.candidates.set([survivor, duplicate])
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    assert mention.candidates.filter(pk=survivor.pk).exists()
    services.undo_merge(log, user=curator)
    assert set(mention.candidates.all()) == {survivor, duplicate}


# ---------------------------------------------------------------- refused merges


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_merge_without_reason_is_refused(duplicate_pair, reason):
    duplicate, survivor = duplicate_pair
    before = links(duplicate)
    with pytest.raises(ValidationError) as excinfo:
        services.merge(duplicate, survivor, reason=reason)
    assert excinfo.value.message_dict == {"reason": ["Say why these records are the same."]}
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and links(duplicate) == before
    assert not MergeLog.objects.exists()


def test_merge_into_itself_is_refused(make_person):
    serge = make_person()
    with pytest.raises(ValidationError, match="cannot be merged into itself"):
        services.merge(serge, Person.objects.get(pk=serge.pk), reason="Oops.")
    assert not MergeLog.objects.exists()


@pytest.mark.parametrize("order", ["same", "reversed"])
def test_merge_of_records_marked_distinct_is_refused(make_person, order):
    father, son = make_person("Vladimir Kibalchich"), make_person("Vlady Kibalchich")
    services.mark_distinct(*((father, son) if order == "same" else (son, father)), reason="Father and son.")
    with pytest.raises(ValidationError, match="recorded that these two are different"):
        services.merge(son, father, reason="Same name.")
    son.refresh_from_db()
    assert son.merged_into is None
    assert not MergeLog.objects.exists()


def test_merge_of_a_record_already_merged_is_refused(make_person):
    first, second, third = make_person("A B"), make_person("A. B."), make_person("C D")
    services.merge(second, first, reason="Same.")
    with pytest.raises(ValidationError, match="already been merged"):
        services.merge(second, third, reason="Same.")
    with pytest.raises(ValidationError, match="was itself merged"):
        services.merge(third, second, reason="Same.")


def test_merge_of_records_of_different_kinds_is_refused(make_person, make_organisation):
    with pytest.raises(ValidationError, match="same kind"):
        services.merge(make_organisation("Serge"), make_person("Serge"), reason="Same name.")


def test_a_failed_merge_changes_nothing(duplicate_pair, monkeypatch):
    duplicate, survivor = duplicate_pair
    before = links(duplicate)

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(MergeLog.objects, "create", fail)
    with pytest.raises(RuntimeError):
        services.merge(duplicate, survivor, reason="Same man.")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert links(duplicate) == before


# ---------------------------------------------------------------- undo


def test_undo_merge_puts_every_link_back(duplicate_pair, make_person, rel_type, curator):
    duplicate, survivor = duplicate_pair
    tie = Relationship.objects.create(
        subject=survivor, type=rel_type("comrade"), object=duplicate, note="Met in Brussels."
    )
    before_dup, before_surv = links(duplicate), links(survivor)
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")

    returned = services.undo_merge(log, user=curator)

    assert returned == duplicate
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert links(duplicate) == before_dup
    assert links(survivor) == before_surv
    tie.refresh_from_db()
    assert (tie.subject, tie.object) == (survivor, duplicate)
    assert (tie.rank, tie.note) == (Rank.NORMAL, "Met in Brussels."), "the tie is a fact again"
    log.refresh_from_db()
    assert log.undone is not None and log.undone_by == curator


def test_undo_merge_twice_is_refused(duplicate_pair, curator):
    log = services.merge(*duplicate_pair, user=curator, reason="Same man.")
    services.undo_merge(log, user=curator)
    with pytest.raises(ValidationError, match="already been undone"):
        services.undo_merge(log, user=curator)


def test_undone_records_can_be_merged_again(duplicate_pair, curator):
    duplicate, survivor = duplicate_pair
    services.undo_merge(services.merge(duplicate, survivor, reason="Same man."))
    duplicate.refresh_from_db()
    services.merge(duplicate, survivor, user=curator, reason="Same man, really.")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert MergeLog.objects.filter(undone__isnull=True).count() == 1


def test_earlier_merges_follow_the_survivor_and_come_back_on_undo(make_person, curator):
    survivor, duplicate, older = make_person("Victor Serge"), make_person("V. Serge"), make_person("V.S.")
    services.merge(older, duplicate, reason="Initials.")
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    older.refresh_from_db()
    assert older.merged_into == survivor, "no chains of redirects"
    services.undo_merge(log, user=curator)
    older.refresh_from_db()
    assert older.merged_into == duplicate


# ---------------------------------------------------------------- other kinds of records


def test_merge_organisations(make_organisation, make_person, curator):
    survivor = make_organisation("Left Opposition")
    duplicate = make_organisation("Opposition de gauche")
    OrganisationName.objects.create(organisation=duplicate, name="Opposition de gauche", language="fr")
    membership = Membership.objects.create(person=make_person(), organisation=duplicate)
    log = services.merge(duplicate, survivor, user=curator, reason="French name.")
    membership.refresh_from_db()
    assert membership.organisation == survivor
    assert list(survivor.names.values_list("name", flat=True)) == ["Opposition de gauche"]
    services.undo_merge(log, user=curator)
    membership.refresh_from_db()
    assert membership.organisation == duplicate
    assert Organisation.objects.get(pk=duplicate.pk).merged_into is None


def test_merge_works(make_work, make_person, curator):
    survivor, duplicate = make_work("Memoirs of a Revolutionary"), make_work("Mémoires d'un révolutionnaire")
    edition = Edition.objects.create(work=duplicate, title="Mémoires d'un révolutionnaire", date="1951")
    contribution = Contribution.objects.create(person=make_person(), work=duplicate)
    services.merge(duplicate, survivor, user=curator, reason="Original and translation titles.")
    edition.refresh_from_db()
    contribution.refresh_from_db()
    assert edition.work == survivor and contribution.work == survivor
    assert Work.objects.get(pk=duplicate.pk).merged_into == survivor
