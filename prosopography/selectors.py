"""Bounded reads of one person's lists, for the API's person detail.

A person's detail embeds the first `DETAIL_LIMIT` ties, memberships and events with
the total of each (and, for ties, the count per kind); the rest are in the paginated
nested lists (/persons/7/relationships/ ...). So the detail of the hub with 1,191
ties costs the same queries and about the same bytes as a person with 21.

Each list is read with one query for `limit + 1` rows (and one for their citations);
only when there are more than `limit` is a count query run, so a person with few
ties pays nothing for the bound.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When

from .models import Citation, EventParticipant, Membership, Relationship

#: How many ties, memberships and events a person's detail embeds.
DETAIL_LIMIT = 20

CITED = Prefetch("citations", queryset=Citation.objects.select_related("source"))


@dataclass
class Bounded:
    rows: list
    total: int
    by_kind: dict = field(default_factory=dict)

    @property
    def truncated(self):
        return self.total > len(self.rows)


def _first(queryset, limit):
    """The first `limit` rows and whether there are more (one query)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def person_ties(person, limit=DETAIL_LIMIT):
    """The person's ties both ways, outgoing first, then by kind, type and the other
    person's sort name; their total and their count per kind."""
    both = Q(subject_id=person.pk) | Q(object_id=person.pk)
    ties = (
        Relationship.objects.filter(both)
        .annotate(
            outgoing=Case(
                When(subject_id=person.pk, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            other_name=Case(
                When(subject_id=person.pk, then=F("object__sort_name")), default=F("subject__sort_name")
            ),
        )
        .select_related("type__inverse", "subject", "object")
        .prefetch_related(CITED)
        .order_by("-outgoing", "type__kind", "type__slug", "other_name", "id")
    )
    rows, more = _first(ties, limit)
    if more:
        by_kind = dict(
            Relationship.objects.filter(both)
            .order_by()
            .values_list("type__kind")
            .annotate(n=Count("id"))
            .values_list("type__kind", "n")
        )
    else:
        by_kind = dict(Counter(rel.type.kind for rel in rows))
    return Bounded(rows, sum(by_kind.values()), dict(sorted(by_kind.items())))


def person_memberships(person, limit=DETAIL_LIMIT):
    memberships = (
        Membership.objects.filter(person_id=person.pk)
        .select_related("organisation")
        .prefetch_related(CITED)
        .order_by("start_lower", "id")
    )
    rows, more = _first(memberships, limit)
    total = Membership.objects.filter(person_id=person.pk).count() if more else len(rows)
    return Bounded(rows, total)


def person_events(person, limit=DETAIL_LIMIT):
    roles = (
        EventParticipant.objects.filter(person_id=person.pk)
        .select_related("event__place")
        .prefetch_related(Prefetch("event__citations", queryset=Citation.objects.select_related("source")))
        .order_by("event__date_lower", "event__key", "id")
    )
    rows, more = _first(roles, limit)
    total = EventParticipant.objects.filter(person_id=person.pk).count() if more else len(rows)
    return Bounded(rows, total)
