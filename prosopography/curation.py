"""Reads for the curators' workspace (the admin): finding records by any name form
with an index, the queue of work waiting, and suggested duplicate persons.

The admin (prosopography/admin/) only calls these; the rules live here."""

from collections import defaultdict
from itertools import combinations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse

from common import dates, hooks, search
from common.text import normalize

from . import facts
from .models import (
    Citation,
    Claim,
    DistinctRecords,
    Event,
    Membership,
    Mention,
    MentionStatus,
    Organisation,
    Person,
    Place,
    Relationship,
    Source,
)

# A query of more digits than this is no id (and would overflow the column).
_MAX_ID_DIGITS = 18


def find_by_name(queryset, term, names, fk):
    """`queryset` narrowed to the records whose name or any other name form contains
    `term`, accents, case and punctuation ignored; a number also finds the record of
    that id. `names` is the queryset of name forms (with a stored `normalized`
    column), `fk` their link to the record.

    Two subqueries, each answered by a trigram index on PostgreSQL (name forms: 0006;
    persons' names: 0014, on `serge_normalize`, the site search's own function);
    nothing else is joined, so no row is repeated and no DISTINCT is needed, and
    mentions are never read."""
    q = normalize(term)
    raw = (term or "").strip()
    condition = Q(pk__in=[])
    if q:
        search.prepare_connection()
        by_name = queryset.model._base_manager.annotate(n=search.Normalized("name")).filter(n__contains=q)
        condition = Q(pk__in=by_name.values("pk")) | Q(pk__in=names.filter(normalized__contains=q).values(fk))
    if raw.isdigit() and len(raw) <= _MAX_ID_DIGITS:
        condition |= Q(pk=int(raw))
    return queryset.filter(condition)


# ---------------------------------------------------------------- evidence

UNCITED_MESSAGE = (
    "Cite the passage that supports this (a citation of its source). Readers see it as a sourced "
    "fact; a statement with no source is not entered here."
)

# What a fact says, per kind: changing any of these by hand needs a citation.
_SAYING_FIELDS = {
    Relationship: {"subject", "type", "object", "start", "end"},
    Membership: {"person", "organisation", "role", "start", "end"},
    Claim: {"person", "event", "attribute", "date", "place", "value_person", "value_text"},
    Event: {"type", "date", "place", "description"},
}

# A person's own dates, shown on the person's page, and the readings that support them.
PERSON_DATES = {"birth": Claim.Attribute.BIRTH_DATE, "death": Claim.Attribute.DEATH_DATE}


def needs_citation(fact, changed_fields):
    """Whether a fact entered or changed by hand must cite a passage: a new tie,
    reading or event, or one whose content (not its rank or certainty) changed."""
    saying = _SAYING_FIELDS.get(type(fact))
    if saying is None:
        return False
    return fact.pk is None or bool(saying & set(changed_fields))


def changed_fields(fact):
    """The fields of what `fact` says whose value differs from its stored row (all of
    them for a fact not stored yet): for a form that does not know what changed (the
    citations inline of an event sees the event, not its form)."""
    saying = _SAYING_FIELDS.get(type(fact), set())
    if fact.pk is None:
        return sorted(saying)
    columns = {name: type(fact)._meta.get_field(name).attname for name in saying}
    stored = type(fact)._base_manager.filter(pk=fact.pk).values(*columns.values()).first()
    if stored is None:
        return sorted(saying)
    return sorted(name for name, column in columns.items() if stored[column] != getattr(fact, column))


def uncited_person_dates(person, readings):
    """The fields among a person's birth and death dates whose value, new or changed,
    no cited reading supports. `readings` are (attribute, date, cited) of readings
    being entered with it; stored readings with a citation count too. A date that
    was already there is not questioned."""
    stored = Person.objects.filter(pk=person.pk).values(*PERSON_DATES).first() if person.pk else None
    missing = []
    for field, attribute in PERSON_DATES.items():
        value = getattr(person, field)
        if not value or (stored and stored[field] == value):
            continue
        if any(a == attribute and d == value and cited for a, d, cited in readings):
            continue
        if (
            person.pk
            and Claim.objects.filter(
                person=person, attribute=attribute, date=value, citations__isnull=False
            ).exists()
        ):
            continue
        missing.append(field)
    return missing


# ---------------------------------------------------------------- the work waiting


def unranked_contested_facts():
    """Contested facts (prosopography.facts) whose readings no curator has weighed."""
    return [fact for fact in facts.contested_facts() if not fact.ranked]


def _version(*models):
    """What the tables say about their last change: count and latest `modified` (or
    largest id) of each; any write a curator makes changes it."""
    parts = []
    for model in models:
        latest = "modified" if any(f.name == "modified" for f in model._meta.fields) else "pk"
        parts.append(tuple(model._base_manager.aggregate(n=Count("pk"), last=Max(latest)).values()))
    return repr(parts)


def _cached(name, version, compute):
    """`compute()` once per version of the data it reads (the queue's counts read every
    reading and every person: seconds at 100,000 persons, on each visit otherwise)."""
    key = f"curation:{name}:{hash(version)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 24 * 3600)
    return value


def unranked_contested_count():
    return _cached("unranked", _version(Claim, Place), lambda: len(unranked_contested_facts()))


def duplicate_pairs():
    """The ids of the suggested duplicate pairs (suggested_duplicates), cached per
    version of the persons and of the distinct statements."""
    return _cached(
        "duplicates",
        _version(Person, DistinctRecords),
        lambda: [(a.pk, b.pk) for a, b in suggested_duplicates()],
    )


def review_queue():
    """What waits for a curator, as (label, count, admin URL name, query string)."""

    def url(name, query):
        return f"{reverse(name)}?{query}" if query else reverse(name)

    return [
        {
            "label": "Unresolved mentions (several candidates)",
            "count": Mention.objects.filter(status=MentionStatus.UNRESOLVED).count(),
            "url": url("admin:prosopography_mention_changelist", "status__exact=unresolved"),
        },
        {
            "label": "Contested facts not yet ranked",
            "count": unranked_contested_count(),
            "url": url("admin:prosopography_claim_changelist", "contested=unranked"),
        },
        {
            "label": "Suspected duplicate persons",
            "count": len(duplicate_pairs()),
            "url": url("admin:prosopography_person_duplicates", ""),
        },
    ]


# ---------------------------------------------------------------- duplicates


def _surname(sort_name, name):
    """The normalised surname: the part of the sort name before its comma, else the
    last word of the name."""
    if "," in sort_name:
        return normalize(sort_name.split(",", 1)[0])
    words = normalize(name).split()
    return words[-1] if words else ""


def _given_initial(sort_name, name):
    given = sort_name.split(",", 1)[1] if "," in sort_name else " ".join(name.split()[:-1])
    given = normalize(given)
    return given[:1]


def _compatible(a_low, a_high, b_low, b_high):
    return dates.overlaps(a_low, a_high, b_low, b_high)  # an unknown bound is open


# Surnames shared by more persons than this are too common to compare pairwise
# (a synthetic database, or “Smith”); the curator searches them by hand.
MAX_GROUP = 40
MAX_SUGGESTIONS = 500


def suggested_duplicates(limit=MAX_SUGGESTIONS):
    """Pairs of current persons that may be one: the same normalised surname, given
    names that do not disagree on their initial, birth and death dates that could
    both be true; pairs a curator marked distinct are left out. A list of
    (first, second) Person pairs (two queries, then Python)."""
    rows = Person.objects.current().values_list(
        "id", "name", "sort_name", "birth_lower", "birth_upper", "death_lower", "death_upper"
    )
    groups = defaultdict(list)
    for row in rows.iterator(chunk_size=5000):
        surname = _surname(row[2], row[1])
        if len(surname) > 1:
            groups[surname].append(row)
    ct = ContentType.objects.get_for_model(Person)
    distinct = set(DistinctRecords.objects.filter(content_type=ct).values_list("first_id", "second_id"))
    pairs = []
    for members in groups.values():
        if len(members) < 2 or len(members) > MAX_GROUP:
            continue
        for a, b in combinations(sorted(members), 2):
            if (a[0], b[0]) in distinct:
                continue
            ia, ib = _given_initial(a[2], a[1]), _given_initial(b[2], b[1])
            if ia and ib and ia != ib:
                continue
            if _compatible(*a[3:5], *b[3:5]) and _compatible(*a[5:7], *b[5:7]):
                pairs.append((a[0], b[0]))
    pairs.sort()
    pairs = pairs[:limit]
    persons = Person.objects.in_bulk({pk for pair in pairs for pk in pair})
    return [(persons[a], persons[b]) for a, b in pairs]


# ---------------------------------------------------------------- recent changes by others

RECENT_ON_INDEX = 10
RECENT_ON_PAGE = 100
ACTIONS = {"+": "added", "~": "changed", "-": "deleted"}


def curated_models():
    """The models whose changes the queue shows: the prosopography's records and
    evidence, and those later apps add through the hook "curated_models" (the
    bibliography's works and editions)."""
    models = [Person, Organisation, Place, Relationship, Membership, Event, Claim, Mention, Source, Citation]
    for more in hooks.get("curated_models"):
        models += [m for m in more() if m not in models]
    return models


def _latest_history_ids(models, user, limit):
    """(model index, history id) of the `limit` latest changes, across the history
    tables of `models`, made by a signed-in curator other than `user`: one query, a
    UNION of each table's `limit` latest rows (each read backwards on its
    history_date index), sorted and cut once more."""
    parts, params = [], []
    for i, model in enumerate(models):
        rows = model.history.filter(history_user__isnull=False)
        if user is not None and user.pk is not None:
            rows = rows.exclude(history_user_id=user.pk)
        rows = rows.order_by("-history_date").values_list("history_id", "history_date")[:limit]
        sql, part_params = rows.query.sql_with_params()
        parts.append(f"SELECT {int(i)} AS kind, h{i}.* FROM ({sql}) h{i}")
        params += list(part_params)
    if not parts:
        return []
    sql = " UNION ALL ".join(parts) + " ORDER BY 3 DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [(kind, history_id) for kind, history_id, _ in cursor.fetchall()]


def _admin_url(model, pk):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def recent_changes(user, limit=RECENT_ON_INDEX):
    """The latest changes made by curators other than `user`, newest first, from the
    records' histories (django-simple-history): dicts of when, who, kind, record
    (its current name), url (its change page), action and reason.

    Bounded whatever the size of the histories: one query for the latest ids, then
    two per kind of record among them (the history rows with their curators; the
    records, with the links their names read)."""
    models = curated_models()
    latest = _latest_history_ids(models, user, limit)
    wanted = defaultdict(list)
    for kind, history_id in latest:
        wanted[kind].append(history_id)
    found = {}
    for kind, history_ids in wanted.items():
        model = models[kind]
        rows = list(model.history.filter(history_id__in=history_ids).select_related("history_user"))
        links = [f.name for f in model._meta.concrete_fields if f.many_to_one]
        records = model._base_manager.select_related(*links).in_bulk({row.id for row in rows})
        for row in rows:
            record = records.get(row.id)
            found[(kind, row.history_id)] = {
                "when": row.history_date,
                "who": row.history_user.get_username() if row.history_user else "",
                "kind": model._meta.verbose_name,
                "record": str(record) if record is not None else f"{model._meta.verbose_name} {row.id}",
                "url": _admin_url(model, row.id) if record is not None else None,
                "action": ACTIONS.get(row.history_type, row.history_type),
                "reason": row.history_change_reason or "",
            }
    return [found[key] for key in latest if key in found]
