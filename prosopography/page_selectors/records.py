"""The organisation and place pages, and the indexes of persons, organisations, places
(with their sorts) and sources.
"""

import json
from collections import OrderedDict

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from common import hooks
from common.dates import describe_date, describe_period

from ..models import (
    Event,
    EventParticipant,
    EventType,
    Membership,
    Mention,
    Organisation,
    Person,
    Place,
    Rank,
    Source,
)
from ..models.evidence import SHOWN_STATUSES
from .mentions import mentions_by_source, paginate_mentions
from .persons import EVENT_BOUNDS, _event_row, chronological, identifiers_of
from .readings import _citations


def organisation_page(organisation, mentions_page=1):
    """Everything an organisation's page shows, in a constant number of queries."""
    memberships = list(
        Membership.objects.filter(organisation=organisation)
        .exclude(rank=Rank.DEPRECATED)
        .select_related("person")
        .prefetch_related(_citations())
        .order_by("start_lower", "person__sort_name")
    )
    events = list(
        Event.objects.filter(participants__organisation=organisation)
        .exclude(rank=Rank.DEPRECATED)
        .select_related("place")
        .prefetch_related(_citations())
        .distinct()
        .order_by("date_lower", "key")
    )
    mentions_shown = organisation.mentions.shown()
    mentions = paginate_mentions(mentions_shown, mentions_page)
    return {
        "names": list(organisation.names.order_by("name")),
        "period": describe_period(organisation.start, organisation.end),
        "memberships": [
            {"membership": m, "period": describe_period(m.start, m.end), "citations": list(m.citations.all())}
            for m in memberships
        ],
        # In date order, undated last (as on a person's page).
        "events": [_event_row(e) for part in chronological(events, *EVENT_BOUNDS) for e in part],
        "editions": list(organisation.editions.select_related("work").order_by("date_lower", "id")[:200]),
        "merged_ids": list(organisation.merged_records.values_list("pk", flat=True)),
        "identifiers": identifiers_of(organisation),
        "mentions": mentions,
        "mention_groups": mentions_by_source(mentions, mentions_shown),
    }


def place_page(place, mentions_page=1):
    """Everything a place's page shows, in a constant number of queries whatever the
    place's size: its name forms, where it lies and what lies in it, the events that
    happened there (in date order, undated last, each with who took part), the persons
    born, dead or living there (a residence event), the organisations based there and
    how often the sources mention it."""
    participants = Prefetch(
        "participants",
        queryset=EventParticipant.objects.select_related("person", "organisation").order_by("id"),
    )
    events = list(
        Event.objects.filter(place=place)
        .exclude(rank=Rank.DEPRECATED)
        .prefetch_related(_citations(), participants)
        .order_by("date_lower", "key")
    )
    dated, undated = chronological(events, *EVENT_BOUNDS)
    persons = Person.objects.current().order_by("sort_name", "id")
    born = list(persons.filter(birth_place=place))
    died = list(persons.filter(death_place=place))
    living = OrderedDict()
    for event in dated + undated:
        if event.type != EventType.RESIDENCE:
            continue
        for participant in event.participants.all():
            person = participant.person
            if person is not None and person.merged_into_id is None:
                living.setdefault(person.pk, {"person": person, "dates": []})["dates"].append(
                    describe_date(event.date)
                )
    # Where it lies, up to three levels (a prison in a city in a country), in one query.
    chain = Place.objects.select_related("within__within__within").get(pk=place.pk)
    within = []
    for _ in range(3):
        chain = chain.within
        if chain is None or chain.pk == place.pk or chain in within:
            break
        within.append(chain)
    geocoded = place.latitude is not None and place.longitude is not None
    map_places = (
        [
            {
                "order": 1,
                "name": place.name,
                "lat": float(place.latitude),
                "lon": float(place.longitude),
                "what": [],
            }
        ]
        if geocoded
        else []
    )
    mentions_shown = place.mentions.shown()
    mentions = paginate_mentions(mentions_shown, mentions_page)
    added = {key: value for hook in hooks.get("place_page") for key, value in hook(place).items()}
    return {
        "names": list(place.names.order_by("type", "name")),
        "within_chain": within,
        "contains": list(place.contains.order_by("name", "id")[:PLACES_CONTAINED_SHOWN]),
        "events": [_event_row(e) for e in dated],
        "undated_events": [_event_row(e) for e in undated],
        "born": born,
        "died": died,
        "living": list(living.values()),
        "organisations": list(Organisation.objects.current().filter(place=place).order_by("name", "id")),
        "mentions": mentions,
        "mention_groups": mentions_by_source(mentions, mentions_shown),
        "identifiers": identifiers_of(place),
        "geocoded": geocoded,
        "coordinates_source": place.coordinates_source or "entered by a curator",
        "map_places": map_places,
        "map_json": json.dumps(map_places, ensure_ascii=False),
        # What later apps add (the bibliography: periodicals and editions published there).
        **added,
    }


PLACES_CONTAINED_SHOWN = 200
PLACE_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "events": ("-event_count", "name", "id"),
    "persons": ("-person_count", "name", "id"),
    "mentions": ("-mention_count", "name", "id"),
}


def _count_of(queryset, field):
    """How many rows of `queryset` point at the outer place through `field`, as a
    subquery (three counts joined in one query would multiply one another)."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def places_index(sort="name"):
    """Places with how many events happened there, persons were born or died there,
    and how often the sources mention them; sorted by `sort` (a key of PLACE_SORTS)."""
    persons = Person.objects.current()
    return (
        Place.objects.select_related("within")
        .annotate(
            event_count=_count_of(Event.objects.exclude(rank=Rank.DEPRECATED), "place"),
            person_count=_count_of(persons, "birth_place") + _count_of(persons, "death_place"),
            mention_count=_count_of(Mention.objects.shown(), "place"),
        )
        .order_by(*PLACE_SORTS.get(sort, PLACE_SORTS["name"]))
    )


def persons_index(letter=""):
    """Persons in surname order, optionally those whose sort name starts with `letter`."""
    persons = Person.objects.current().select_related("birth_place")
    if letter:
        persons = persons.filter(sort_name__istartswith=letter)
    return persons.order_by("sort_name", "id")


def organisations_index():
    return Organisation.objects.current().annotate(member_count=Count("memberships")).order_by("name", "id")


def sources_index():
    return Source.objects.annotate(
        mention_count=Count("mentions", filter=Q(mentions__status__in=SHOWN_STATUSES))
    ).order_by("file_name")
