"""Merges that cannot tangle (issue 19).

Before: merging A into B and B into A at the same moment left both merged in 9 of
10 rounds (cycles, records merged into themselves); the same merge twice at once
wrote two merge logs; undoing a merge silently moved back a relationship a curator
had re-pointed since. Now a merge locks both records in id order and reads them
again under the lock, a database constraint forbids a record merged into itself,
and undo refuses when a moved link was changed after the merge.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from bibliography.models import Work
from prosopography import services
from prosopography.models import MergeLog, Organisation, Person, Relationship


def test_stale_instances_cannot_merge_a_record_already_merged(make_person):
    a, b, c = make_person("A"), make_person("B"), make_person("C")
    stale_a, stale_b = Person.objects.get(pk=a.pk), Person.objects.get(pk=b.pk)
    services.merge(a, b, reason="Same.")
    # The instances passed in still say "not merged": the service reads them again.
    with pytest.raises(ValidationError, match="already been merged"):
        services.merge(stale_a, c, reason="Same.")
    with pytest.raises(ValidationError, match="was itself merged"):
        services.merge(c, stale_a, reason="Same.")
    with pytest.raises(ValidationError, match="already been merged"):
        services.merge(stale_a, stale_b, reason="Same.")
    assert MergeLog.objects.count() == 1


@pytest.mark.parametrize("model", [Person, Organisation, Work])
def test_the_database_refuses_a_record_merged_into_itself(model, db):
    fields = {"title": "X"} if model is Work else {"name": "X"}
    record = model.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(merged_into=record.pk)


def test_undo_refuses_when_a_moved_link_was_repointed(make_person, rel_type, curator):
    duplicate, survivor, rirette, other = (make_person(n) for n in ("V. S.", "V. Serge", "Rirette", "X"))
    tie = Relationship.objects.create(subject=duplicate, type=rel_type("spouse"), object=rirette)
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    tie.refresh_from_db()
    assert tie.subject == survivor
    tie.subject = other  # a colleague re-points the tie after the merge
    tie.save()
    with pytest.raises(ValidationError, match="changed after it"):
        services.undo_merge(log, user=curator)
    tie.refresh_from_db()
    log.refresh_from_db()
    assert tie.subject == other and log.undone is None
    assert Person.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk


def test_undo_refuses_when_a_link_was_repointed_and_back(make_person, rel_type, curator):
    duplicate, survivor, rirette, other = (make_person(n) for n in ("V. S.", "V. Serge", "Rirette", "X"))
    tie = Relationship.objects.create(subject=duplicate, type=rel_type("spouse"), object=rirette)
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    tie.refresh_from_db()
    tie.subject = other
    tie.save()
    tie.subject = survivor  # a curator's decision that the survivor is the subject
    tie.save()
    with pytest.raises(ValidationError, match="changed after it"):
        services.undo_merge(log, user=curator)


def test_undo_still_works_when_a_moved_link_was_edited_elsewhere(make_person, rel_type, curator):
    duplicate, survivor, rirette = (make_person(n) for n in ("V. S.", "V. Serge", "Rirette"))
    tie = Relationship.objects.create(subject=duplicate, type=rel_type("spouse"), object=rirette)
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    tie.refresh_from_db()
    tie.note = "Married in 1915."  # does not touch the moved link
    tie.save()
    services.undo_merge(log, user=curator)
    tie.refresh_from_db()
    assert (tie.subject_id, tie.note) == (duplicate.pk, "Married in 1915.")


def _at_once(*calls):
    """Run each call in its own thread (own connection), all released together;
    return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as error:  # noqa: BLE001 (the outcome is what is tested)
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_opposite_merges_at_once_leave_one_merge_and_no_cycle():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL; SQLite serialises writers")
    for round_ in range(5):
        a = Person.objects.create(name=f"A{round_}")
        b = Person.objects.create(name=f"B{round_}")

        def merge(merged_pk, survivor_pk):
            return lambda: services.merge(
                Person.objects.get(pk=merged_pk), Person.objects.get(pk=survivor_pk), reason="Same."
            )

        outcomes = _at_once(merge(a.pk, b.pk), merge(b.pk, a.pk), merge(a.pk, b.pk))
        logs = [o for o in outcomes if isinstance(o, MergeLog)]
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert (len(logs), len(refused)) == (1, 2), outcomes
        a.refresh_from_db()
        b.refresh_from_db()
        merged = [p for p in (a, b) if p.merged_into_id]
        assert len(merged) == 1, "exactly one of the two is merged: no cycle"
        assert merged[0].merged_into_id != merged[0].pk
        assert MergeLog.objects.filter(merged_id__in=[a.pk, b.pk]).count() == 1
