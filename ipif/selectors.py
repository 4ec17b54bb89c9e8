"""Bounded reads for the IPIF views: a constant number of SQL queries per request,
whatever the page size.

Statements of every kind are one UNION ALL of small per-kind SELECTs (statements.KINDS),
each already filtered, giving uniform rows; the database sorts, counts and pages the
union, and only the page's records are then loaded, one query per kind present (plus
their prefetches and one history query per kind). Factoids are the same union taken
through the cited passages, grouped by (passage, person).

Filters are read as the spec's AND of conditions on a statement; a factoid, person or
source matches when one of its statements does. Conditions on the evidence (the source,
the passage, the quote) are asked of the same passage in factoid rows, and of any of
the statement's passages in statement rows.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import DateField, F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from bibliography.models import Work
from prosopography.models import ExternalIdentifier, Organisation, Person, Place, Source

from . import ids
from .params import WILDCARD
from .statements import BY_CODE, KINDS

NOTHING = None  # a kind that cannot match: left out of the union


def persons_named(text):
    return Person.objects.filter(Q(name__icontains=text) | Q(aliases__name__icontains=text)).values("pk")


def persons_like(text):
    """The `p` filter: a person's direct properties, its id and its URIs (this site's,
    external identifiers'), or failing those its label."""
    pk = ids.person_id(text)
    if pk is not None:
        return Q(pk=pk)
    identified = ExternalIdentifier.objects.filter(
        content_type__model="person", content_type__app_label="prosopography", value__icontains=text
    ).values("object_id")
    return Q(pk__in=identified) | Q(name__icontains=text)


def _evidence(kind, q):
    """Conditions on the evidence, relative to the kind's model, or NOTHING."""
    cond = Q()
    if q.source is False or q.factoid is False:
        return NOTHING
    if not (q.factoid or q.source or q.s or q.f or "statementText" in q.text):
        return cond
    if kind.work:
        if "statementText" in q.text:
            return NOTHING
        if q.factoid:
            if q.factoid[0] > 0:
                return NOTHING
            cond &= Q(_work=-q.factoid[0])
        if q.source:
            if q.source > 0:
                return NOTHING
            cond &= Q(_work=-q.source)
        for text in filter(None, (q.s, q.f)):
            cond &= Q(work__title__icontains=text) | Q(edition__work__title__icontains=text)
        return cond
    if not kind.citations:
        return NOTHING
    c = kind.citations
    if q.factoid:
        if q.factoid[0] < 0:
            return NOTHING
        cond &= Q(**{c: q.factoid[0]})
    if q.source:
        if q.source < 0:
            return NOTHING
        cond &= Q(**{f"{c}__source": q.source})
    if q.s:
        cond &= (
            Q(**{f"{c}__source__title__icontains": q.s})
            | Q(**{f"{c}__source__description__icontains": q.s})
            | Q(**{f"{c}__source__file_name__icontains": q.s})
        )
    if q.f:
        cond &= (
            Q(**{f"{c}__locator__icontains": q.f})
            | Q(**{f"{c}__source__title__icontains": q.f})
            | Q(**{f"{kind.person}__name__icontains": q.f})
        )
    text = q.text.get("statementText")
    if text == WILDCARD:
        cond &= Q(**{f"{c}__isnull": False})
    elif text:
        cond &= Q(**{f"{c}__quote__icontains": text})
    return cond


def _statement(kind, q):
    """Conditions on the statement itself, relative to the kind's model, or NOTHING."""
    cond = Q()
    if q.statement is False or q.person is False:
        return NOTHING
    if q.statement:
        if q.statement[0] != kind.name:
            return NOTHING
        cond &= Q(pk=q.statement[1])
    if q.person:
        cond &= Q(**{kind.person: q.person})
    if q.factoid:
        cond &= Q(**{kind.person: q.factoid[1]})
    if q.p:
        cond &= Q(**{f"{kind.person}__in": Person.objects.filter(persons_like(q.p)).values("pk")})

    def optional(path, value, matching, text=False):
        """A property the kind may not have: `*` asks only that it be there."""
        if value is None:
            return Q()
        if not path:
            return NOTHING
        if value == WILDCARD:
            return ~Q(**{path: ""}) if text else Q(**{f"{path}__isnull": False})
        return matching(path, value)

    def by_place(path, value):
        places = Place.objects.filter(Q(name__icontains=value) | Q(names__name__icontains=value)).values("pk")
        return Q(**{f"{path}__in": places})

    def by_organisation(path, value):
        pk = ids.organisation_id(value)
        if pk is not None:
            return Q(**{path: pk})
        orgs = Organisation.objects.filter(Q(name__icontains=value) | Q(names__name__icontains=value))
        return Q(**{f"{path}__in": orgs.values("pk")})

    def by_person(path, value):
        pk = ids.person_id(value) if "/" in value or value.isdigit() else None
        return Q(**{path: pk}) if pk is not None else Q(**{f"{path}__in": persons_named(value)})

    checks = [
        optional(kind.role, q.text.get("role"), lambda p, v: Q(**{f"{p}__icontains": v}), text=True),
        optional(kind.place, q.text.get("place"), by_place),
        optional(kind.member_of, q.text.get("memberOf"), by_organisation),
        optional(kind.relates_to, q.text.get("relatesToPerson"), by_person),
    ]
    name = q.text.get("name")
    if name == WILDCARD:
        checks.append(optional(kind.name_form, name, None, text=True))
    elif name:
        checks.append(Q(**{f"{kind.person}__in": persons_named(name)}))
    if any(check is NOTHING for check in checks):
        return NOTHING
    for check in checks:
        cond &= check
    if q.dated or q.date_from or q.date_to:
        if not kind.lower:
            return NOTHING
        cond &= Q(_lo__isnull=False) | Q(_hi__isnull=False)
        if q.date_from:
            cond &= Q(_hi__isnull=True) | Q(_hi__gte=q.date_from)
        if q.date_to:
            cond &= Q(_lo__isnull=True) | Q(_lo__lte=q.date_to)
    return cond


def _full_text(kind, text, factoid_rows):
    """`st`: the pattern anywhere in the statement, its quote included."""
    if text == WILDCARD:
        return Q()
    cond = Q()
    for path in kind.text:
        cond |= Q(**{f"{path}__icontains": text})
    if kind.citations:
        quote = Q(**{f"{kind.citations}__quote__icontains": text})
        if not factoid_rows:
            quote = Q(pk__in=kind.model.objects.filter(quote).values("pk"))
        cond |= quote
    return cond


def filtered(kind, q, factoid_rows, extra=None):
    """The kind's queryset with every condition of q (and `extra`, in the same
    filter() call, so on the same passage), or NOTHING."""
    statement = _statement(kind, q)
    evidence = _evidence(kind, q)
    if statement is NOTHING or evidence is NOTHING:
        return NOTHING
    qs = kind.queryset()
    cond = statement
    if "st" in q.text:
        cond &= _full_text(kind, q.text["st"], factoid_rows)
    if factoid_rows:
        # One filter() call: the passage's conditions and its id are one and the same join.
        if kind.citations:
            cond &= Q(**{f"{kind.citations}__isnull": False})
        return qs.filter(cond & evidence & (extra or Q()))
    if evidence:
        qs = qs.filter(pk__in=kind.queryset().filter(evidence).values("pk"))
    return qs.filter(cond)


# ---------------------------------------------------------------- the unions

STATEMENT_COLUMNS = ("k", "oid", "person", "lo", "created", "modified")
FACTOID_COLUMNS = ("k", "oid", "src", "person", "source", "created", "modified")


def statement_rows(kind, q):
    qs = filtered(kind, q, factoid_rows=False)
    if qs is NOTHING:
        return NOTHING
    return qs.values(
        k_=Value(kind.code),
        oid_=F("pk"),
        person_=F(kind.person),
        lo_=F("_lo") if kind.lower else Cast(Value(None), DateField()),  # typed: PostgreSQL unions by type
        created_=F("_created"),
        modified_=F("_modified"),
    )


def factoid_rows(kind, q, extra=None):
    if not (kind.citations or kind.work):
        return NOTHING
    qs = filtered(kind, q, factoid_rows=True, extra=extra)
    if qs is NOTHING:
        return NOTHING
    if kind.work:
        qs = qs.filter(_work__isnull=False)
        src = source = -F("_work")
    else:
        src, source = F(kind.citations), F(f"{kind.citations}__source")
    return qs.values(
        k_=Value(kind.code),
        oid_=F("pk"),
        src_=src,
        person_=F(kind.person),
        source_=source,
        created_=F("_created"),
        modified_=F("_modified"),
    )


def union(querysets, columns):
    """One SQL text (and its parameters) for the union of the querysets, whose columns
    are renamed to `columns`; None when nothing can match."""
    parts, params = [], []
    for qs in querysets:
        if qs is NOTHING:
            continue
        try:
            sql, part_params = qs.query.sql_with_params()
        except EmptyResultSet:
            continue
        names = ", ".join(f"{quote(name + '_')} AS {name}" for name in columns)
        parts.append(f"SELECT {names} FROM ({sql}) AS part")
        params.extend(part_params)
    if not parts:
        return None, []
    return " UNION ALL ".join(parts), params


def quote(name):
    return connection.ops.quote_name(name)


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# ---------------------------------------------------------------- statements

STATEMENT_SORTS = {
    "createdWhen": "created",
    "modifiedWhen": "modified",
    "@id": "k",
    "sortdate": "lo",
    "date": "lo",
}


def _order(q, sorts, tiebreak):
    column = sorts[q.sort]
    direction = "DESC" if q.descending else "ASC"
    # NULLs last either way, as on both databases alike.
    return f"ORDER BY CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} {direction}, {tiebreak}"


def statement_page(q):
    """(total, [(code, pk)]) of the statements that match, one page of them."""
    sql, params = union([statement_rows(kind, q) for kind in KINDS], STATEMENT_COLUMNS)
    if sql is None:
        return 0, []
    (total,) = fetch(f"SELECT COUNT(*) FROM ({sql}) AS u", params)[0]
    rows = fetch(
        f"SELECT k, oid FROM ({sql}) AS u {_order(q, STATEMENT_SORTS, 'k, oid')} LIMIT %s OFFSET %s",
        [*params, q.size, q.offset],
    )
    return total, rows


def load_statements(keys):
    """{(code, pk): record} for the keys, one query (and its prefetches) per kind."""
    wanted = {}
    for code, pk in keys:
        wanted.setdefault(code, set()).add(pk)
    found = {}
    for code, pks in wanted.items():
        kind = BY_CODE[code]
        qs = kind.model.objects.filter(pk__in=pks).select_related(kind.person, *kind.select)
        for record in qs.prefetch_related(*kind.prefetch):
            found[(code, record.pk)] = record
    return found


def history(keys):
    """{(code, pk): [(date, type, username)] oldest first}, one query per kind."""
    wanted = {}
    for code, pk in keys:
        wanted.setdefault(code, set()).add(pk)
    rows = {}
    for code, pks in wanted.items():
        model = BY_CODE[code].model.history.model
        for pk, when, user in (
            model.objects.filter(id__in=pks)
            .order_by("history_date")
            .values_list("id", "history_date", "history_user__username")
        ):
            rows.setdefault((code, pk), []).append((when, user))
    return rows


def record_history(model, pks):
    """{pk: [(date, username)]} of records of one model, one query."""
    rows = {}
    for pk, when, user in (
        model.history.model.objects.filter(id__in=pks)
        .order_by("history_date")
        .values_list("id", "history_date", "history_user__username")
    ):
        rows.setdefault(pk, []).append((when, user))
    return rows


# ---------------------------------------------------------------- factoids

FACTOID_SORTS = {"createdWhen": "created", "modifiedWhen": "modified", "@id": "src"}


def factoid_union(q):
    return union([factoid_rows(kind, q) for kind in KINDS], FACTOID_COLUMNS)


def factoid_page(q):
    """(total, [(src, person, created, modified)]) of the factoids that match."""
    sql, params = factoid_union(q)
    if sql is None:
        return 0, []
    grouped = (
        "SELECT src, person, MIN(created) AS created, MAX(modified) AS modified "
        f"FROM ({sql}) AS u GROUP BY src, person"
    )
    (total,) = fetch(f"SELECT COUNT(*) FROM ({grouped}) AS g", params)[0]
    rows = fetch(
        f"SELECT src, person, created, modified FROM ({grouped}) AS g "
        f"{_order(q, FACTOID_SORTS, 'src, person')} LIMIT %s OFFSET %s",
        [*params, q.size, q.offset],
    )
    return total, rows


def factoid_members(pairs=None, persons=None, sources=None, works=None):
    """{(src, person): [(code, pk, source)]}: every statement of the factoids asked for,
    unfiltered (a factoid reference never applies the request's filters). One query."""
    from .params import Query

    parts = []
    for kind in KINDS:
        if not (kind.citations or kind.work):
            continue
        cond = Q()
        if pairs is not None:
            srcs = {src for src, _ in pairs}
            cond &= Q(**{f"{kind.person}__in": {person for _, person in pairs}})
            if kind.work:
                cond &= Q(_work__in={-s for s in srcs if s < 0})
            else:
                cond &= Q(**{f"{kind.citations}__in": {s for s in srcs if s > 0}})
        if persons is not None:
            cond &= Q(**{f"{kind.person}__in": persons})
        if sources is not None or works is not None:
            if kind.work:
                cond &= Q(_work__in=works or [])
            else:
                cond &= Q(**{f"{kind.citations}__source__in": sources or []})
        parts.append(factoid_rows(kind, Query(), extra=cond))
    sql, params = union(parts, FACTOID_COLUMNS)
    members = {}
    if sql is None:
        return members
    for code, pk, src, person, source in fetch(
        f"SELECT k, oid, src, person, source FROM ({sql}) AS u ORDER BY src, person, k, oid", params
    ):
        if pairs is None or (src, person) in pairs:
            members.setdefault((src, person), []).append((code, pk, source))
    return members


# ---------------------------------------------------------------- persons and sources

PERSON_SORTS = {"createdWhen": "created", "modifiedWhen": "modified", "@id": "id", "label": "sort_name"}
SOURCE_SORTS = {"createdWhen": "created", "modifiedWhen": "modified", "@id": "id", "label": "title"}


def _sorted(qs, q, sorts):
    field = sorts[q.sort]
    return qs.order_by(
        F(field).desc(nulls_last=True) if q.descending else F(field).asc(nulls_last=True), "pk"
    )


def persons(q):
    qs = Person.objects.filter(merged_into__isnull=True)
    if q.narrows_statements:
        sql, params = union([statement_rows(kind, q) for kind in KINDS], STATEMENT_COLUMNS)
        if sql is None:
            return Person.objects.none()
        qs = qs.filter(pk__in=RawSQL(f"SELECT person FROM ({sql}) AS u", params))
    return _sorted(qs, q, PERSON_SORTS)


def sources(q):
    """(documents, works) that match: with statement filters, those that are the
    source of a matching factoid; without, every document and every cited work."""
    documents = Source.objects.all()
    works = Work.objects.filter(merged_into__isnull=True)
    if q.narrows_statements:
        sql, params = factoid_union(q)
        if sql is None:
            return Source.objects.none(), Work.objects.none()
        documents = documents.filter(
            pk__in=RawSQL(f"SELECT source FROM ({sql}) AS u WHERE source > 0", params)
        )
        works = works.filter(pk__in=RawSQL(f"SELECT -source FROM ({sql}) AS u WHERE source < 0", params))
    return documents, works
