"""What the reconciliation service reads from the database, in a fixed, small
number of queries per batch whatever its size: one pass over the name forms of
each entity type for all queries of the batch together, then one query per kind
of evidence a condition needs (memberships, places, identifiers, authors).

Narrowing is done in SQL on word prefixes of the normalised name forms (the same
on SQLite and PostgreSQL; on PostgreSQL a trigram word-similarity test is added,
served by the trigram index on alias names, to catch spellings whose first
letters differ); the scoring itself is Python (reconcile.matching).
"""

import functools
import json
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Func, IntegerField, Q, Value

from bibliography.models import Contribution, Edition, Work
from common.text import normalize
from prosopography.models import (
    Alias,
    DistinctRecords,
    ExternalIdentifier,
    Membership,
    Organisation,
    OrganisationName,
    Person,
    Place,
    PlaceName,
)

from . import matching

MAX_FORMS = 5000  # a safety cap on the name forms read for one batch
MAX_NAME_LENGTH = 300  # longer query strings are cut: no name is that long
MAX_WORDS = 8  # words of one query used to narrow the search


class Normalized(Func):
    """SQL twin of common.text.normalize, for columns that have no stored
    normalised copy (preferred names, work and edition titles). PostgreSQL:
    unaccent and a regular expression; SQLite: the Python function itself."""

    output_field = CharField()
    function = "serge_normalize"

    def as_postgresql(self, compiler, conn, **extra):
        return self.as_sql(
            compiler,
            conn,
            template="btrim(regexp_replace(lower(unaccent(%(expressions)s)), '[^a-z0-9]+', ' ', 'g'))",
            **extra,
        )


@functools.lru_cache(maxsize=100_000)
def _cached_normalize(text):
    return normalize(text)


@functools.lru_cache(maxsize=256)
def _spec(spec):
    data = json.loads(spec)
    return tuple(data["keys"]), frozenset(data["exact"])


def _sqlite_word_prefix(text, spec):
    """SQLite: whether the normalised text equals one of the exact forms or has a
    word starting with one of the keys. One Python call per row (an OR of LIKEs
    on a normalising function would call it once per row and per key)."""
    keys, exact = _spec(spec)
    norm = _cached_normalize(text or "")
    if norm in exact:
        return 1
    padded = f" {norm}"
    return int(any(f" {key}" in padded for key in keys))


def _prepare_connection():
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("serge_normalize", 1, _cached_normalize, deterministic=True)
        connection.connection.create_function("serge_word_prefix", 2, _sqlite_word_prefix, deterministic=True)


class WordPrefix(Func):
    """SQLite only: serge_word_prefix(column, '{"keys": [...], "exact": [...]}')."""

    function = "serge_word_prefix"
    output_field = IntegerField()


def _matching_names(queryset, column, keys, exact):
    """Rows whose `column`, normalised, equals an exact form or has a word starting with a key."""
    if connection.vendor == "sqlite":
        spec = json.dumps({"keys": list(keys), "exact": list(exact)}, sort_keys=True)
        return (
            queryset.annotate(hit=WordPrefix(column, Value(spec)))
            .filter(hit=1)
            .annotate(norm=Normalized(column))
        )
    return queryset.annotate(norm=Normalized(column)).filter(_prefix_q("norm", keys, exact))


@dataclass(frozen=True)
class EntityType:
    """One type of entity the service reconciles against, and where its names live."""

    id: str
    name: str
    prefix: str  # in entity ids and in the site's URLs: "persons/1" -> /persons/1/
    model: type
    title_field: str
    fields: tuple  # read for descriptions and conditions
    forms_model: type
    forms_fk: str
    forms_name: str = "name"
    forms_normalized: bool = True
    forms_type: bool = True
    mergeable: bool = True


TYPES = {
    "person": EntityType(
        "person",
        "Person",
        "persons",
        Person,
        "name",
        (
            "description",
            "birth",
            "death",
            "birth_lower",
            "birth_upper",
            "death_lower",
            "death_upper",
            "birth_place_id",
            "death_place_id",
        ),
        Alias,
        "person",
    ),
    "organisation": EntityType(
        "organisation",
        "Organisation",
        "organisations",
        Organisation,
        "name",
        (
            "description",
            "kind",
            "start",
            "end",
            "start_lower",
            "start_upper",
            "end_lower",
            "end_upper",
            "place_id",
        ),
        OrganisationName,
        "organisation",
    ),
    "place": EntityType(
        "place",
        "Place",
        "places",
        Place,
        "name",
        ("description", "kind", "within_id"),
        PlaceName,
        "place",
        mergeable=False,
    ),
    "work": EntityType(
        "work",
        "Work",
        "works",
        Work,
        "title",
        ("description", "type", "first_published", "first_published_lower", "first_published_upper"),
        Edition,
        "work",
        forms_name="title",
        forms_normalized=False,
        forms_type=False,
    ),
}
BY_PREFIX = {t.prefix: t for t in TYPES.values()}


def entity_key(entity_type, pk):
    return f"{entity_type.prefix}/{pk}"


def parse_key(key):
    """("person", 1) for "persons/1"; None if the string is not one of our ids."""
    prefix, _, pk = str(key).strip().strip("/").partition("/")
    if prefix in BY_PREFIX and pk.isdigit():
        return BY_PREFIX[prefix].id, int(pk)
    return None


def _prefix_q(column, keys, exact):
    """PostgreSQL: equal to an exact form, or a word starting with a key, as one
    regular expression (so that a normalising expression is computed once a row,
    not once per key)."""
    parts = []
    if exact:
        parts.append("^(" + "|".join(re.escape(e) for e in exact) + ")$")
    if keys:
        parts.append("(^| )(" + "|".join(re.escape(k) for k in keys) + ")")
    return Q(**{f"{column}__regex": "|".join(parts)}) if parts else Q(pk__in=[])


def _trigram_q(column, words):
    q = Q(pk__in=[])
    for word in words:
        q |= Q(**{f"{column}__trigram_word_similar": word})
    return q


def fuzzy_available(type_id):
    """Trigram search: PostgreSQL (pg_trgm, migration prosopography 0004), on stored normalised forms."""
    return connection.vendor == "postgresql" and TYPES[type_id].forms_normalized


def fuzzy_name_forms(type_id, words):
    """The same shape as name_forms, for name forms with a word similar in
    trigrams to one of `words` (PostgreSQL only): spellings whose first letters
    differ from the query's. One query, run only for queries that found nothing."""
    t = TYPES[type_id]
    fk = t.forms_fk
    forms = t.forms_model.objects.filter(_trigram_q("normalized", words))
    if t.mergeable:
        forms = forms.filter(**{f"{fk}__merged_into__isnull": True})
    values = [f"{fk}_id", t.forms_name, "normalized", f"{fk}__{t.title_field}"]
    values += [f"{fk}__{f}" for f in t.fields]
    found = {}
    for row in forms.values(*values, "type")[:MAX_FORMS]:
        pk = row[f"{fk}_id"]
        if pk not in found:
            fields = {f: row[f"{fk}__{f}"] for f in t.fields}
            fields[t.title_field] = row[f"{fk}__{t.title_field}"]
            fields["pk"] = pk
            found[pk] = {"fields": fields, "forms": []}
        found[pk]["forms"].append((row[t.forms_name], tuple(row["normalized"].split()), row["type"]))
    return found


def name_forms(type_id, keys, exact):
    """{pk: {"fields": {...}, "forms": [(name, tokens, name type)]}} for every live
    entity of the type with a name form starting a word with one of `keys` or
    equal to one of `exact` (normalised full queries). Two queries."""
    _prepare_connection()
    t = TYPES[type_id]
    found = {}
    live = Q(merged_into__isnull=True) if t.mergeable else Q()
    main = _matching_names(t.model.objects.filter(live), t.title_field, keys, exact).values(
        "pk", t.title_field, "norm", *t.fields
    )[:MAX_FORMS]
    for row in main:
        entry = found.setdefault(row["pk"], {"fields": row, "forms": []})
        entry["forms"].append((row[t.title_field], tuple(row["norm"].split()), "preferred"))
    fk = t.forms_fk
    forms = t.forms_model.objects.all()
    if t.mergeable:
        forms = forms.filter(**{f"{fk}__merged_into__isnull": True})
    if t.forms_normalized and connection.vendor == "sqlite":
        # One Python call per row, whatever the number of keys (SQLite limits the
        # depth of an OR of LIKEs to 1000 terms).
        column = "normalized"
        spec = json.dumps({"keys": list(keys), "exact": list(exact)}, sort_keys=True)
        forms = forms.annotate(hit=WordPrefix(column, Value(spec))).filter(hit=1)
    elif t.forms_normalized:
        column = "normalized"
    else:
        column = "norm"
        forms = _matching_names(forms, t.forms_name, keys, exact)
    values = [f"{fk}_id", t.forms_name, column, f"{fk}__{t.title_field}", *(f"{fk}__{f}" for f in t.fields)]
    if t.forms_type:
        values.append("type")
    if t.forms_normalized and connection.vendor != "sqlite":
        rows = forms.filter(_prefix_q(column, keys, exact)).values(*values)
    else:
        rows = forms.values(*values)
    for row in rows[:MAX_FORMS]:
        pk = row[f"{fk}_id"]
        if pk not in found:
            fields = {f: row[f"{fk}__{f}"] for f in t.fields}
            fields[t.title_field] = row[f"{fk}__{t.title_field}"]
            fields["pk"] = pk
            found[pk] = {"fields": fields, "forms": []}
        found[pk]["forms"].append((row[t.forms_name], tuple(row[column].split()), row.get("type", "variant")))
    return found


def entities_by_id(type_id, pks):
    """The same shape as name_forms, for entities asked for by id (one query)."""
    t = TYPES[type_id]
    rows = t.model.objects.filter(pk__in=pks).values("pk", t.title_field, *t.fields)
    return {
        row["pk"]: {
            "fields": row,
            "forms": [(row[t.title_field], tuple(normalize(row[t.title_field]).split()), "preferred")],
        }
        for row in rows
    }


def distinct_pairs(type_id, pks):
    """Curated "not the same" pairs among the candidates, as pairs of entity keys."""
    if not pks or type_id not in ("person", "organisation"):
        return set()
    t = TYPES[type_id]
    content_type = ContentType.objects.get_for_model(t.model)
    rows = DistinctRecords.objects.filter(content_type=content_type, first_id__in=pks, second_id__in=pks)
    return {
        tuple(sorted((entity_key(t, a), entity_key(t, b))))
        for a, b in rows.values_list("first_id", "second_id")
    }


# ---------------------------------------------------------------- evidence for conditions


def memberships(person_ids):
    """{person id: [(organisation id, {normalised names})]} in two queries."""
    rows = list(
        Membership.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "organisation_id", "organisation__name"
        )
    )
    names = {}
    for _, org_id, name in rows:
        names.setdefault(org_id, {normalize(name)})
    for org_id, name in OrganisationName.objects.filter(organisation_id__in=names).values_list(
        "organisation_id", "normalized"
    ):
        names[org_id].add(name)
    result = {}
    for person_id, org_id, _ in rows:
        result.setdefault(person_id, []).append((org_id, names[org_id]))
    return result


def place_names(place_ids):
    """{place id: {normalised names}} in two queries."""
    names = {
        pk: {normalize(name)} for pk, name in Place.objects.filter(pk__in=place_ids).values_list("pk", "name")
    }
    for pk, name in PlaceName.objects.filter(place_id__in=place_ids).values_list("place_id", "normalized"):
        names.setdefault(pk, set()).add(name)
    return names


def identifiers(type_id, pks):
    """{pk: [(scheme, value, url)]} in one query (content types are cached by Django)."""
    t = TYPES[type_id]
    content_type = ContentType.objects.get_for_model(t.model)
    result = {}
    for identifier in ExternalIdentifier.objects.filter(content_type=content_type, object_id__in=pks):
        result.setdefault(identifier.object_id, []).append(
            (identifier.scheme, identifier.value, identifier.url)
        )
    return result


def authors(work_ids):
    """{work id: [(person id, person name, credited as)]} in one query."""
    result = {}
    rows = Contribution.objects.filter(
        work_id__in=work_ids, role__in=[Contribution.Role.AUTHOR, Contribution.Role.COAUTHOR]
    ).values_list("work_id", "person_id", "person__name", "credited_as")
    for work_id, person_id, name, credited in rows:
        result.setdefault(work_id, []).append((person_id, name, credited))
    return result


def retrieval_terms(query_names):
    """The prefixes, exact forms and whole words to narrow on, for a batch's names."""
    keys, exact, words = set(), set(), set()
    for name in query_names:
        toks = matching.tokens(name[:MAX_NAME_LENGTH])[:MAX_WORDS]
        if not toks:
            continue
        exact.add(" ".join(toks))
        keys.update(matching.retrieval_keys(toks))
        words.update(t for t in toks if len(t) >= 4)
    return sorted(keys), sorted(exact), sorted(words)
