"""Reads for the readers' pages: everything a person's or organisation's page shows,
fetched in a fixed number of queries whatever the size of the record.

Each function returns plain dictionaries and lists ready for a template, so the
views stay thin and the templates never trigger a query of their own.
"""

import json
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from common import hooks
from common.dates import describe_date, describe_period

from . import facts
from .models import (
    Citation,
    Claim,
    Event,
    EventParticipant,
    EventType,
    ExternalIdentifier,
    Membership,
    Mention,
    Organisation,
    Person,
    Place,
    Rank,
    Relationship,
    Source,
)
from .models.evidence import SHOWN_STATUSES

MENTIONS_PER_PAGE = 25


def _citations():
    """Citations with their source in the same prefetch query."""
    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


def paginate_mentions(queryset, page_number):
    paginator = Paginator(
        queryset.select_related("source").order_by("source__file_name", "start"), MENTIONS_PER_PAGE
    )
    return paginator.get_page(page_number)


def mentions_by_source(page, queryset):
    """The mentions of one page grouped by source, in the page's order: each source's
    title once, with how often the record is mentioned there in all (one query)."""
    source_ids = {m.source_id for m in page.object_list}
    totals = dict(
        queryset.filter(source_id__in=source_ids)
        .order_by()
        .values_list("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    groups = OrderedDict()
    for mention in page.object_list:
        group = groups.setdefault(
            mention.source_id,
            {"source": mention.source, "total": totals.get(mention.source_id, 0), "items": []},
        )
        group["items"].append(mention)
    return list(groups.values())


def source_page_of_paragraph(mentions, paragraph, per_page):
    """The page of a source's mentions (`source_mentions`, filtered or not) that shows
    the first mention in `paragraph`, so that a link to a passage lands on it."""
    before = mentions.filter(paragraph__lt=paragraph).count()
    return before // per_page + 1


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


def reading_value(claim):
    """A claim's value as a reader says it."""
    return describe_date(claim.date) if claim.date else str(claim.value)


def readings_about(record):
    """The claims about any record reached through the generic link (a work, an
    organisation, a tie), with what the page shows prefetched."""
    ct = ContentType.objects.get_for_model(type(record))
    return list(
        Claim.objects.filter(subject_type=ct, subject_id=record.pk)
        .select_related("place", "value_person")
        .prefetch_related(_citations())
    )


def readings_about_ties(labels):
    """The facts that readings state about a person's ties and memberships (the
    kind of a tie, its dates, a role ...), each labelled with the tie: `labels`
    maps (model, id) to the tie as the page names it ("spouse Liuba Russakova").
    One query for the claims and their citations, none when there are no ties."""
    if not labels:
        return []
    wanted = Q(pk__in=[])
    for model in {model for model, _ in labels}:
        ids = [pk for kind, pk in labels if kind is model]
        wanted |= Q(subject_type=ContentType.objects.get_for_model(model), subject_id__in=ids)
    claims = list(
        Claim.objects.filter(wanted)
        .select_related("place", "value_person")
        .prefetch_related(_citations())
        .order_by("subject_type_id", "subject_id", "attribute", "id")
    )
    by_tie = OrderedDict()
    model_of = {ContentType.objects.get_for_model(model).pk: model for model, _ in labels}
    for claim in claims:
        by_tie.setdefault((model_of[claim.subject_type_id], claim.subject_id), []).append(claim)
    found = []
    for tie, tie_claims in by_tie.items():
        for fact in facts_for_page(tie_claims):
            found.append({**fact, "label": f"{labels[tie]}: {fact['label']}"})
    return found


def facts_for_page(claims):
    # Claims of a subject, with place, person and citations prefetched by the caller.
    """The facts the claims state, as the page shows them: each with its readings
    side by side, whether the sources really disagree (prosopography.facts), what
    a reader is shown, and the one-line explanation of a disagreement."""
    places = [c.attribute for c in claims if c.place_id]
    # The place hierarchy (one query) only where two places may need comparing.
    within = facts.place_hierarchy() if len(places) > len(set(places)) else {}
    return [_fact_for_page(fact) for fact in facts.claim_facts(claims, within)]


def _fact_for_page(fact):
    """One fact (prosopography.facts.Fact) as the template _facts.html shows it."""
    agreeing = {id(r) for pair in fact.refinements for r in pair}
    return {
        "label": fact.label,
        "attribute": fact.readings[0].attribute if fact.readings else "",
        "contested": fact.contested,
        "ranked": fact.ranked,
        "shown": reading_value(fact.shown) if fact.shown else "",
        "explanation": facts.explain(fact, reading_value, _sources_of) if fact.contested else "",
        "readings": [
            {
                "value": reading_value(c),
                "rank": c.rank,
                "rank_reason": c.rank_reason,
                "refines": id(c) in agreeing,
                "citations": list(c.citations.all()),
            }
            for c in fact.readings
        ],
    }


def contested_index(attribute="", person=None):
    """Every fact the sources disagree about, for the contested page: a list of
    {"subject", "url", "fact"}, optionally only of one property and of one person
    (the facts about the person and about the events the person took part in).
    A constant number of queries: the claims, their citations, their subjects (one
    per kind of record) and the place hierarchy."""
    claims = Claim.objects.select_related("place", "value_person", "person", "event").prefetch_related(
        _citations(), "subject_record"
    )
    if attribute:
        claims = claims.filter(attribute=attribute)
    if person is not None:
        claims = claims.filter(Q(person=person) | Q(event__participants__person=person)).distinct()
    entries = []
    for fact in facts.contested_facts(claims):
        subject = fact.readings[0].subject
        url = subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else ""
        entries.append({"subject": subject, "url": url, "fact": _fact_for_page(fact)})
    return entries


def _sources_of(claim):
    return {c.source.file_name for c in claim.citations.all()}


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


# What a source's mentions can be filtered by: the record named (by id), and the status.
SOURCE_ENTITY_KINDS = ("person", "organisation", "place", "work")
# Readers see machine-found and confirmed mentions (SHOWN_STATUSES); the review
# queue's unresolved and rejected ones only those who may view mentions in the admin.
REVIEW_STATUSES = ("unresolved", "rejected")
SOURCE_NAMED_LIMIT = 30


def source_mentions(source, statuses=SHOWN_STATUSES, entity=None):
    """A source's mentions in the order of the text, of these statuses, naming
    `entity` ((kind, id), one of SOURCE_ENTITY_KINDS) if given."""
    mentions = source.mentions.filter(status__in=statuses)
    if entity:
        kind, pk = entity
        mentions = mentions.filter(**{f"{kind}_id": pk})
    mentions = mentions.select_related("person", "organisation", "place", "work")
    return mentions.order_by("paragraph", "start", "id")


def source_named(source, statuses=SHOWN_STATUSES, limit=SOURCE_NAMED_LIMIT):
    """The records a source names most often (at most `limit`, in one query): dicts
    with kind, id, name and count, to filter the source's mentions by."""
    rows = (
        source.mentions.filter(status__in=statuses)
        .exclude(person=None, organisation=None, place=None, work=None)
        .values(
            "person_id",
            "person__name",
            "organisation_id",
            "organisation__name",
            "place_id",
            "place__name",
            "work_id",
            "work__title",
        )
        .annotate(count=Count("id"))
        .order_by("-count", "person__name", "organisation__name", "place__name", "work__title")[:limit]
    )
    named = []
    for row in rows:
        for kind in SOURCE_ENTITY_KINDS:
            if row[f"{kind}_id"]:
                name = row["work__title"] if kind == "work" else row[f"{kind}__name"]
                named.append({"kind": kind, "id": row[f"{kind}_id"], "name": name, "count": row["count"]})
    return named


def source_entity(kind, pk):
    """The record a source page is filtered by (None if there is none with this id)."""
    model = Mention._meta.get_field(kind).related_model  # Work without importing the bibliography
    return model._base_manager.filter(pk=pk).first()


def mention_counts(person_ids):
    """How often each of these persons is mentioned (for lists), in one query."""
    rows = (
        Mention.objects.shown().filter(person_id__in=person_ids).values("person_id").annotate(n=Count("id"))
    )
    return {row["person_id"]: row["n"] for row in rows}
