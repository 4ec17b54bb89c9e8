"""Reconciliation, independent of the protocol version: a batch of queries in,
ranked candidates out; data extension; entity suggestions.

The views translate the 0.2 and 1.0-draft wire formats into `Query` objects and
back; the bulk CSV command and the admin page call `reconcile_batch` directly.
"""

from dataclasses import dataclass, field

from common.text import normalize

from . import matching, selectors
from .matching import BadValue, Candidate
from .properties import AUTHORITIES, PROPERTIES
from .selectors import TYPES

DEFAULT_LIMIT = 5
MAX_LIMIT = 25


@dataclass
class Condition:
    pid: str
    values: list
    required: bool = False
    quantifier: str = "any"  # any, all, none


@dataclass
class Query:
    name: str = ""
    types: list = field(default_factory=lambda: list(TYPES))
    limit: int = DEFAULT_LIMIT
    conditions: list = field(default_factory=list)
    ids: list = field(default_factory=list)  # entity keys that candidates must have


def check_type(type_id):
    if type_id not in TYPES:
        raise BadValue(f"Unknown type “{type_id}”: use one of {', '.join(TYPES)}.")
    return type_id


def check_condition(types, condition):
    """The types among `types` that this condition can apply to (a query without a
    type is narrowed to them); BadValue if none, or if a value is unreadable."""
    applicable = [t for t in types if (PROPERTIES[t].get(condition.pid) or (None, None))[1]]
    if not applicable:
        usable = sorted({pid for t in types for pid, (_, how) in PROPERTIES[t].items() if how})
        raise BadValue(
            f"Unknown property “{condition.pid}” for type {', '.join(types)}: "
            f"properties that can narrow a match are {', '.join(usable)}."
        )
    if condition.quantifier not in ("any", "all", "none"):
        raise BadValue(f"Unknown matchQuantifier “{condition.quantifier}”: use any, all or none.")
    if PROPERTIES[applicable[0]][condition.pid][1].startswith("date"):
        for value in condition.values:
            matching.date_bounds(value)  # raises BadValue with a clear message
    return applicable


def _value_key(value):
    """A condition value as (our entity key or None, normalised text)."""
    if isinstance(value, dict):
        key = value.get("id")
        parsed = selectors.parse_key(key) if key else None
        return (key if parsed else None), normalize(value.get("name") or ("" if parsed else str(key or "")))
    parsed = selectors.parse_key(value)
    return (str(value).strip().strip("/") if parsed else None), normalize(str(value))


def _names_match(text, names):
    if not text:
        return False
    toks = text.split()
    return any(name == text or matching.name_similarity(toks, name.split()) >= 0.9 for name in names)


class Evidence:
    """The facts conditions are checked against, loaded once for all candidates of a batch."""

    def __init__(self, type_id, entities, pids):
        self.type_id = type_id
        self.entities = entities
        pks = list(entities)
        kinds = {PROPERTIES[type_id][pid][1] for pid in pids}
        self.memberships = selectors.memberships(pks) if "organisation" in kinds else {}
        place_ids = set()
        for kind in kinds:
            if kind.startswith("place:"):
                column = kind.split(":", 1)[1]
                place_ids.update(e["fields"].get(column) for e in entities.values())
        place_ids.discard(None)
        self.places = selectors.place_names(place_ids) if place_ids else {}
        self.identifiers = selectors.identifiers(type_id, pks) if "identifier" in kinds else {}
        self.authors = selectors.authors(pks) if "author" in kinds else {}

    def check_value(self, pk, pid, value):
        """True if the entity has this value, False if it shows another, None if unknown."""
        how = PROPERTIES[self.type_id][pid][1]
        fields = self.entities[pk]["fields"]
        if how.startswith("date:"):
            base = how.split(":", 1)[1]
            return matching.dates_compatible(
                matching.date_bounds(value), fields.get(f"{base}_lower"), fields.get(f"{base}_upper")
            )
        key, text = _value_key(value)
        if how.startswith("place:"):
            place_id = fields.get(how.split(":", 1)[1])
            if place_id is None:
                return None
            if key:
                return key == f"places/{place_id}"
            return _names_match(text, self.places.get(place_id, ()))
        if how == "organisation":
            orgs = self.memberships.get(pk, [])
            if key:
                return any(key == f"organisations/{org_id}" for org_id, _ in orgs) or None
            return any(_names_match(text, names) for _, names in orgs) or None
        if how == "author":
            people = self.authors.get(pk, [])
            if not people:
                return None
            if key:
                return any(key == f"persons/{person_id}" for person_id, _, _ in people)
            return any(
                _names_match(text, {normalize(name), normalize(credited)}) for _, name, credited in people
            )
        if how == "identifier":
            values = [v for scheme, v, _ in self.identifiers.get(pk, []) if scheme == pid]
            if not values:
                return None
            wanted = str(value.get("id") if isinstance(value, dict) else value).strip().rsplit("/", 1)[-1]
            return wanted.replace(" ", "") in values
        raise BadValue(f"Property “{pid}” cannot narrow a match.")

    def check(self, pk, condition):
        results = [self.check_value(pk, condition.pid, v) for v in condition.values]
        if condition.quantifier == "none":
            if any(r is True for r in results):
                return False
            return True if results and all(r is False for r in results) else None
        if condition.quantifier == "all":
            if any(r is False for r in results):
                return False
            return True if results and all(r is True for r in results) else None
        if any(r is True for r in results):
            return True
        return False if results and all(r is False for r in results) else None


def _name_hits(q, t, entities):
    """{pk: (name score, best form, its name type)} for the entities a query can mean."""
    qtokens = matching.tokens(q.name[: selectors.MAX_NAME_LENGTH])[: selectors.MAX_WORDS]
    hits = {}
    for pk, entity in entities.items():
        if q.ids and selectors.entity_key(t, pk) not in q.ids:
            continue
        if not qtokens:
            if q.ids:
                hits[pk] = (1.0, entity["fields"][t.title_field], "preferred")
            continue
        best, best_form, best_type = 0.0, "", ""
        for form, ftokens, ftype in entity["forms"]:
            score = matching.name_similarity(qtokens, list(ftokens))
            if score > best or (score == best and ftype == "preferred"):
                best, best_form, best_type = score, form, ftype
        if best >= 0.5:
            hits[pk] = (best, best_form, best_type)
    return hits


def reconcile_batch(queries):
    """Candidates for each query, best first, with `match` set (see matching.decide_matches).

    A fixed number of database queries per entity type, whatever the batch size:
    name forms narrowed by word prefixes; on PostgreSQL, one more (trigram) query
    for the queries that found nothing that way; the evidence conditions need."""
    results = [[] for _ in queries]
    pairs_of = [set() for _ in queries]
    for type_id in TYPES:
        wanted = [(i, q) for i, q in enumerate(queries) if type_id in q.types]
        if not wanted:
            continue
        t = TYPES[type_id]
        keys, exact, words = selectors.retrieval_terms(q.name for _, q in wanted if q.name)
        entities = selectors.name_forms(type_id, keys, exact) if (keys or exact) else {}
        id_pks = [
            parsed[1]
            for _, q in wanted
            for parsed in map(selectors.parse_key, q.ids)
            if parsed and parsed[0] == type_id and parsed[1] not in entities
        ]
        if id_pks:
            entities.update(selectors.entities_by_id(type_id, id_pks))
        hits = {i: _name_hits(q, t, entities) for i, q in wanted}
        if selectors.fuzzy_available(type_id):
            # Only for queries of one type: an untyped query that finds no
            # organisation has usually found its person.
            lacking = [q.name for i, q in wanted if q.name and not hits[i] and len(q.types) == 1]
            _, _, fuzzy_words = selectors.retrieval_terms(lacking)
            if fuzzy_words:
                extra = selectors.fuzzy_name_forms(type_id, fuzzy_words)
                for pk, entity in extra.items():
                    entities.setdefault(pk, entity)
                for i, q in wanted:
                    if q.name and not hits[i] and len(q.types) == 1:
                        hits[i] = _name_hits(q, t, extra)
        pids = {c.pid for _, q in wanted for c in q.conditions}
        evidence = Evidence(type_id, entities, pids) if pids and entities else None
        candidate_pks = set()
        for i, q in wanted:
            for pk, (best, best_form, best_type) in hits[i].items():
                fields = entities[pk]["fields"]
                candidate = Candidate(
                    key=selectors.entity_key(t, pk),
                    type=type_id,
                    name=fields[t.title_field],
                    description=describe(type_id, fields),
                    name_score=best,
                    hit_form=best_form,
                    hit_type=best_type,
                )
                for condition in q.conditions:
                    result = evidence.check(pk, condition) if evidence else None
                    candidate.conditions.append((condition.pid, result))
                    if condition.required and result is not True:
                        candidate.excluded = True
                if not candidate.excluded:
                    results[i].append(candidate)
                    candidate_pks.add(pk)
        pairs = selectors.distinct_pairs(type_id, list(candidate_pks))
        for i, _ in wanted:
            pairs_of[i] |= pairs
    final = []
    for q, candidates, pairs in zip(queries, results, pairs_of, strict=True):
        single = len(matching.tokens(q.name)) == 1 and not q.ids
        matching.decide_matches(candidates, single, pairs)
        final.append(candidates[: q.limit])
    return final


def describe(type_id, fields):
    """A one-line identification: dates, then the first sentence of the description."""
    parts = []
    if type_id == "person":
        if fields.get("birth") or fields.get("death"):
            parts.append(f"{fields.get('birth') or '?'}–{fields.get('death') or '?'}")
    elif type_id == "organisation":
        parts.append(fields.get("kind") or "")
        if fields.get("start") or fields.get("end"):
            parts.append(f"{fields.get('start') or '?'}–{fields.get('end') or ''}")
    elif type_id == "work":
        parts.append(fields.get("type") or "")
        if fields.get("first_published"):
            parts.append(fields["first_published"])
    elif type_id == "place":
        parts.append(fields.get("kind") or "")
    text = (fields.get("description") or "").strip().split("\n", 1)[0]
    if text:
        sentence = text.split(". ", 1)[0].rstrip(".")
        parts.append(sentence if len(sentence) <= 140 else sentence[:139] + "…")
    return ". ".join(p for p in parts if p)


# ---------------------------------------------------------------- data extension


def identifier_links(type_id, pks):
    """{pk: [(label, value, url)]} for the authorities this service validates."""
    from prosopography.models import ExternalIdentifier

    labels = dict(ExternalIdentifier.Scheme.choices)
    return {
        pk: [(labels[s], v, u) for s, v, u in values if s in AUTHORITIES]
        for pk, values in selectors.identifiers(type_id, pks).items()
    }
