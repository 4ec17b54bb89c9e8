"""Reads for the readers' pages: everything a person's or organisation's page shows,
fetched in a fixed number of queries whatever the size of the record.

Each function returns plain dictionaries and lists ready for a template, so the
views stay thin and the templates never trigger a query of their own.
"""

from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from .models import (
    Alias,
    Citation,
    Claim,
    Event,
    ExternalIdentifier,
    Membership,
    Mention,
    MentionStatus,
    Organisation,
    OrganisationName,
    Person,
    Rank,
    Relationship,
    Source,
)
from .text import make_slug, normalize

MENTIONS_PER_PAGE = 25
# Mentions a reader sees: the pipeline's resolved ones and the curators' confirmed ones.
SHOWN_MENTIONS = [MentionStatus.MACHINE, MentionStatus.CONFIRMED]

_QUALIFIERS = {"?": "uncertain", "~": "approximate", "%": "uncertain, approximate"}


def describe_date(value):
    """An EDTF date as a reader says it: "1912?" -> "1912 (uncertain)",
    "1912/1913" -> "between 1912 and 1913", "193X" -> "some year in 193X"."""
    value = (value or "").strip()
    if not value:
        return ""
    if value.startswith("[") and value.endswith("]"):
        return "one of " + ", ".join(describe_date(part) for part in value[1:-1].split(","))
    if "/" in value:
        start, end = (describe_date(part) if part not in ("", "..") else "" for part in value.split("/", 1))
        if start and end:
            return f"between {start} and {end}"
        return f"from {start}" if start else f"until {end}" if end else "unknown"
    if value[-1] in _QUALIFIERS:
        return f"{value[:-1]} ({_QUALIFIERS[value[-1]]})"
    if "X" in value:
        return f"some time in {value} (unspecified digits)"
    return value


def describe_period(start, end):
    start, end = describe_date(start), describe_date(end)
    if start and end:
        return f"{start} – {end}"
    return f"from {start}" if start else f"until {end}" if end else ""


def _citations():
    """Citations with their source in the same prefetch query."""
    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


def resolve(model, pk):
    """The record with this id, and the survivor if it was merged (following chains
    of merges). Raises model.DoesNotExist for an unknown id."""
    record = model.objects.get(pk=pk)
    survivor, seen = record, {record.pk}
    while survivor.merged_into_id and survivor.merged_into_id not in seen:
        seen.add(survivor.merged_into_id)
        survivor = model.objects.get(pk=survivor.merged_into_id)
    return record, survivor


def paginate_mentions(queryset, page_number):
    paginator = Paginator(
        queryset.select_related("source").order_by("source__file_name", "start"), MENTIONS_PER_PAGE
    )
    return paginator.get_page(page_number)


def _identifiers(record):
    ct = ContentType.objects.get_for_model(type(record))
    return list(ExternalIdentifier.objects.filter(content_type=ct, object_id=record.pk))


def _contested(claims):
    """Group claims by attribute; a fact is contested when more than one distinct
    non-deprecated reading of it exists."""
    facts = OrderedDict()
    for claim in claims:
        facts.setdefault(claim.attribute, []).append(claim)
    result = []
    for readings in facts.values():
        live = {(c.date, c.place_id) for c in readings if c.rank != Rank.DEPRECATED}
        result.append(
            {
                "label": readings[0].get_attribute_display(),
                "contested": len(live) > 1,
                "readings": [
                    {
                        "value": describe_date(c.date) if c.date else str(c.place or ""),
                        "rank": c.rank,
                        "citations": list(c.citations.all()),
                    }
                    for c in readings
                ],
            }
        )
    return result


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
    for rel in relationships:
        outgoing = rel.subject_id == person.pk
        label = rel.type.label if outgoing or not rel.type.inverse else rel.type.inverse.label
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
    claims = list(Claim.objects.filter(person=person).select_related("place").prefetch_related(_citations()))
    from bibliography.models import Contribution  # the bibliography app builds on this one

    contributions = list(
        Contribution.objects.filter(person=person)
        .select_related("work", "edition", "edition__work")
        .order_by("role", "order", "id")
    )
    works_by_role = OrderedDict()
    for contribution in contributions:
        work = contribution.work or contribution.edition.work
        works_by_role.setdefault(contribution.get_role_display(), []).append(
            {
                "work": work,
                "edition": contribution.edition,
                "credited_as": contribution.credited_as,
            }
        )
    return {
        "aliases": aliases,
        "birth": describe_date(person.birth),
        "death": describe_date(person.death),
        "events": [
            {"event": e, "date": describe_date(e.date), "citations": list(e.citations.all())} for e in events
        ],
        "relationships": by_kind,
        "memberships": [
            {"membership": m, "period": describe_period(m.start, m.end), "citations": list(m.citations.all())}
            for m in memberships
        ],
        "facts": _contested(claims),
        "works_by_role": works_by_role,
        "works_about": list(person.works_about.filter(merged_into__isnull=True)),
        "merged_ids": list(person.merged_records.values_list("pk", flat=True)),
        "identifiers": _identifiers(person),
        "mentions": paginate_mentions(person.mentions.filter(status__in=SHOWN_MENTIONS), mentions_page),
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
    return {
        "names": list(organisation.names.order_by("name")),
        "period": describe_period(organisation.start, organisation.end),
        "memberships": [
            {"membership": m, "period": describe_period(m.start, m.end), "citations": list(m.citations.all())}
            for m in memberships
        ],
        "events": [
            {"event": e, "date": describe_date(e.date), "citations": list(e.citations.all())} for e in events
        ],
        "editions": list(organisation.editions.select_related("work").order_by("date_lower", "id")[:200]),
        "merged_ids": list(organisation.merged_records.values_list("pk", flat=True)),
        "identifiers": _identifiers(organisation),
        "mentions": paginate_mentions(organisation.mentions.filter(status__in=SHOWN_MENTIONS), mentions_page),
    }


def persons_index(letter=""):
    """Persons in surname order, optionally those whose sort name starts with `letter`."""
    persons = Person.objects.filter(merged_into__isnull=True).select_related("birth_place")
    if letter:
        persons = persons.filter(sort_name__istartswith=letter)
    return persons.order_by("sort_name", "id")


def organisations_index():
    return (
        Organisation.objects.filter(merged_into__isnull=True)
        .annotate(member_count=Count("memberships"))
        .order_by("name", "id")
    )


def sources_index():
    return Source.objects.annotate(
        mention_count=Count("mentions", filter=Q(mentions__status__in=SHOWN_MENTIONS))
    ).order_by("file_name")


def source_mentions(source):
    return (
        source.mentions.filter(status__in=SHOWN_MENTIONS)
        .select_related("person", "organisation", "place", "work")
        .order_by("start")
    )


def search(query, limit=50):
    """Persons, organisations and works whose name, other name form or title matches
    `query`, ignoring accents and case ("maitrejean" finds "Maîtrejean")."""
    from bibliography.models import Work

    key, slug_key = normalize(query), make_slug(query)
    if not key:
        return {"persons": [], "organisations": [], "works": []}
    person_ids = Alias.objects.filter(normalized__contains=key).values("person_id")
    persons = (
        Person.objects.filter(merged_into__isnull=True)
        .filter(Q(slug__contains=slug_key) | Q(pk__in=person_ids))
        .order_by("sort_name")[:limit]
    )
    organisation_ids = OrganisationName.objects.filter(normalized__contains=key).values("organisation_id")
    organisations = (
        Organisation.objects.filter(merged_into__isnull=True)
        .filter(Q(slug__contains=slug_key) | Q(pk__in=organisation_ids))
        .order_by("name")[:limit]
    )
    # A work's slug is its accent-free title, so it serves as the normalised title.
    works = Work.objects.filter(merged_into__isnull=True, slug__contains=slug_key).order_by("title")[:limit]
    return {"persons": list(persons), "organisations": list(organisations), "works": list(works)}


def mention_counts(person_ids):
    """How often each of these persons is mentioned (for lists), in one query."""
    rows = (
        Mention.objects.filter(person_id__in=person_ids, status__in=SHOWN_MENTIONS)
        .values("person_id")
        .annotate(n=Count("id"))
    )
    return {row["person_id"]: row["n"] for row in rows}
