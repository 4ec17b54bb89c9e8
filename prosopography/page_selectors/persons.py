"""The person page: everything it shows, the summary at a glance, the places of a life
for the map, and the helpers the organisation and place pages share with it (the
chronological order of events, an event's row, a record's external identifiers).
"""

import json
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from common import hooks
from common.dates import describe_date, describe_period

from ..models import Claim, Event, ExternalIdentifier, Membership, Rank, Relationship
from .mentions import mentions_by_source, paginate_mentions
from .readings import _citations, facts_for_page, readings_about_ties


def chronological(items, lower, upper):
    """Items with a date first, in the order of their earliest possible day (or, for
    an open start such as "../1943", their latest); undated items after them. Python
    sorts here, so that SQLite and PostgreSQL (which place NULLs differently) agree."""
    dated = [i for i in items if lower(i) or upper(i)]
    undated = [i for i in items if not (lower(i) or upper(i))]
    dated.sort(key=lambda i: (lower(i) or upper(i), upper(i) or lower(i)))
    return dated, undated


def identifiers_of(record):
    ct = ContentType.objects.get_for_model(type(record))
    return list(ExternalIdentifier.objects.filter(content_type=ct, object_id=record.pk))


def person_page(person, mentions_page=1):
    """Everything a person's page shows, in a constant number of queries."""
    aliases = list(person.aliases.exclude(name=person.name).order_by("type", "name"))
    events = list(
        Event.objects.filter(participants__person=person)
        .exclude(rank=Rank.DEPRECATED)
        .select_related("place")
        .prefetch_related(_citations())
        .distinct()
        .order_by("date_lower", "key")
    )
    relationships = (
        Relationship.objects.filter(Q(subject=person) | Q(object=person))
        .exclude(rank=Rank.DEPRECATED)
        .exclude(subject=person, object=person)
        .select_related("subject", "object", "type", "type__inverse")
        .prefetch_related(_citations())
        .order_by("start_lower", "id")
    )
    by_kind = OrderedDict()
    tie_labels = {}
    for rel in relationships:
        outgoing = rel.subject_id == person.pk
        label = rel.type.label if outgoing or not rel.type.inverse else rel.type.inverse.label
        tie_labels[(Relationship, rel.pk)] = f"{label} {rel.object if outgoing else rel.subject}"
        by_kind.setdefault(rel.type.get_kind_display(), []).append(
            {
                "label": label,
                "other": rel.object if outgoing else rel.subject,
                "period": describe_period(rel.start, rel.end),
                "certainty": rel.certainty,
                "citations": list(rel.citations.all()),
            }
        )
    memberships = list(
        Membership.objects.filter(person=person)
        .exclude(rank=Rank.DEPRECATED)
        .select_related("organisation")
        .prefetch_related(_citations())
    )
    claims = list(
        Claim.objects.filter(person=person)
        .select_related("place", "value_person")
        .prefetch_related(_citations())
    )
    page_facts = facts_for_page(claims)
    tie_labels.update(
        {(Membership, m.pk): " ".join(filter(None, [m.role, m.organisation.name])) for m in memberships}
    )
    dated, undated = chronological(events, *EVENT_BOUNDS)
    mentions_shown = person.mentions.shown()
    mentions = paginate_mentions(mentions_shown, mentions_page)
    added = {key: value for hook in hooks.get("person_page") for key, value in hook(person).items()}
    return {
        "aliases": aliases,
        "birth": describe_date(person.birth),
        "death": describe_date(person.death),
        "events": [_event_row(e) for e in dated],
        "undated_events": [_event_row(e) for e in undated],
        "relationships": by_kind,
        "memberships": [
            {"membership": m, "period": describe_period(m.start, m.end), "citations": list(m.citations.all())}
            for m in memberships
        ],
        "facts": page_facts + readings_about_ties(tie_labels),
        "merged_ids": list(person.merged_records.values_list("pk", flat=True)),
        "identifiers": identifiers_of(person),
        "mentions": mentions,
        "mention_groups": mentions_by_source(mentions, mentions_shown),
        "glance": _at_a_glance(person, aliases, dated, memberships, page_facts, added),
        "map_places": (places := map_places(person, dated, undated)),
        # For the map's script, in a data attribute (escaped there like any text).
        "map_json": json.dumps(places, ensure_ascii=False),
        # What later apps add (the bibliography: the person's works); see common/hooks.py.
        **added,
    }


def map_places(person, events, undated=()):
    """The places of a life that have coordinates, in the order they are first met
    (birth, the dated events, death, then undated events), each with what happened
    there (dates in words) and the provenance of its coordinates. Read from what the
    page already holds: no query."""
    places = OrderedDict()

    def add(place, what):
        if place is None or place.latitude is None or place.longitude is None:
            return
        entry = places.setdefault(
            place.pk,
            {
                "name": place.name,
                "url": place.get_absolute_url(),
                "lat": float(place.latitude),
                "lon": float(place.longitude),
                "source": place.coordinates_source or "entered by a curator",
                "source_id": place.coordinates_source_id,
                "what": [],
            },
        )
        entry["what"].append(what)

    add(person.birth_place, " ".join(filter(None, ["born", describe_date(person.birth)])))
    for event in list(events) + list(undated):
        add(event.place, " ".join(filter(None, [event.get_type_display(), describe_date(event.date)])))
    add(person.death_place, " ".join(filter(None, ["died", describe_date(person.death)])))
    return [{"order": n, **entry} for n, entry in enumerate(places.values(), start=1)]


EVENT_BOUNDS = (lambda e: e.date_lower, lambda e: e.date_upper)


def _event_row(event):
    return {"event": event, "date": describe_date(event.date), "citations": list(event.citations.all())}


GLANCE_NAMES = 6
GLANCE_PLACES = 10
GLANCE_ROLES = 4


def _at_a_glance(person, aliases, events, memberships, page_facts, added):
    """The summary at the top of a person's page, from what the page already read
    (no query): other names that matter most, birth and death as the sources' readings
    give them (the record's own values where no reading is recorded), places of life in
    the order first met (towns before countries), main roles."""
    by_attribute = {f["attribute"]: f for f in page_facts}

    def said(attribute, fallback):
        fact = by_attribute.get(attribute)
        if fact is None:
            return {"text": fallback, "contested": False}
        return {"text": fact["shown"] or fallback, "contested": fact["contested"]}

    born = [
        said("birth_date", describe_date(person.birth)),
        said("birth_place", person.birth_place.name if person.birth_place else ""),
    ]
    died = [
        said("death_date", describe_date(person.death)),
        said("death_place", person.death_place.name if person.death_place else ""),
    ]
    names = []
    for kind in ("birth", "pseudonym", "married"):
        names += [a for a in aliases if a.type == kind][: GLANCE_NAMES // 2]
    names = names[:GLANCE_NAMES]
    places = []
    for place in [person.birth_place] + [e.place for e in events] + [person.death_place]:
        if place is not None and place not in places:
            places.append(place)
    places.sort(key=lambda place: place.kind in ("country", "region"))  # stable: time order kept
    roles = [
        f"{count} work{'s' if count != 1 else ''} as {role}"
        for role, count in added.get("work_counts", {}).items()
    ][:2]
    for m in memberships:
        role = f"{m.role}, {m.organisation.name}" if m.role else m.organisation.name
        if role not in roles and len(roles) < GLANCE_ROLES:
            roles.append(role)
    return {
        "born": [part for part in born if part["text"]],
        "died": [part for part in died if part["text"]],
        "names": names,
        "places": places[:GLANCE_PLACES],
        "more_places": max(0, len(places) - GLANCE_PLACES),
        "roles": roles,
    }
