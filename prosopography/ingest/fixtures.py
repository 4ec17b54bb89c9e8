"""Turning the merged curated world and the mentions into Django fixture records.

Everything here is deterministic: records are emitted in a fixed order with
fixed primary keys, so that running the pipeline twice writes identical bytes.
Persons, organisations, places, events, sources, works and periodicals take their
primary keys from fixtures/curated/ids.yaml: those are the permanent public ids.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from common import dates
from common.text import PrintedForms, make_slug, normalize

from .. import facts
from ..properties import DATE, NUMBER, PLACE, TEXT, kind_of
from ..vocabulary import RELATIONSHIP_TYPES
from .curated import CurationError
from .mentions import co_mentions, snippet_bounds

YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
ID_KINDS = ("sources", "persons", "organisations", "places", "events", "works", "periodicals")
CERTAINTY_ORDER = {"certain": 0, "probable": 1, "possible": 2}
INVERSE = {slug: inverse for slug, _, inverse, _ in RELATIONSHIP_TYPES}
TYPE_ORDER = {slug: i for i, (slug, *_rest) in enumerate(RELATIONSHIP_TYPES)}
MODEL = {
    "persons": "prosopography.person",
    "organisations": "prosopography.organisation",
    "places": "prosopography.place",
}


def assign_ids(ids, kind, keys, allow_new, prominence=None):
    """Give every key its permanent id; new keys get the next free number (never
    a reused one), and only when the curator asks for it (--assign-ids). New
    records are numbered most-mentioned first, so that Serge is person 1."""
    registry = ids.setdefault(kind, {})
    prominence = prominence or {}
    missing = sorted((k for k in keys if k not in registry), key=lambda k: (-prominence.get(k, 0), k))
    if missing and not allow_new:
        raise CurationError(
            f"{len(missing)} new {kind} have no permanent id yet (e.g. {missing[:5]}); "
            "run build_fixtures --assign-ids to give them one."
        )
    next_id = max(registry.values(), default=0) + 1
    for key in missing:
        registry[key] = next_id
        next_id += 1
    return registry


def moved_records(ids, moved, kind, present):
    """(old id, survivor id, old key, survivor key) for every moved key that no longer
    has a record of its own: the fixtures keep a record under the old id, merged into
    the survivor."""
    registry = ids.get(kind, {})
    stubs = []
    for old, new in sorted((moved.get(kind) or {}).items()):
        if old in present or old not in registry:
            continue
        if new not in present:
            raise CurationError(f"curation.yaml moved {kind}: {old} -> {new}, but {new} is no record")
        stubs.append((registry[old], registry[new], old, new))
    return stubs


def check_no_id_dropped(ids, world, emitted):
    """Identifiers are forever: every id in ids.yaml is a record in the fixtures,
    a moved duplicate, or a withdrawn misreading listed in curation.yaml."""
    lost = []
    for kind, registry in ids.items():
        explained = set(world.withdrawn.get(kind) or {})
        lost += [
            f"{kind} {key} ({pk})"
            for key, pk in registry.items()
            if pk not in emitted.get(kind, set()) and key not in explained
        ]
    if lost:
        raise CurationError(
            f"{len(lost)} permanent ids would vanish: {', '.join(lost[:8])}. Record them in "
            "curation.yaml under `moved` (merged into another record) or `withdrawn` (a misreading)."
        )


def dump_ids(ids):
    lines = [
        "# Permanent public ids: append only. Never change, reuse or delete a line;",
        "# a record that disappears keeps its number reserved here.",
        "",
    ]
    for kind in ID_KINDS:
        if ids.get(kind):
            lines.append(f"{kind}:")
            for key, value in sorted(ids[kind].items(), key=lambda kv: kv[1]):
                # Quote keys YAML would read as something else (a number, a boolean).
                plain = re.fullmatch(r"[a-z][a-z0-9-]*", key) and key not in YAML_WORDS
                shown = key if plain else json.dumps(key)
                lines.append(f"  {shown}: {value}")
    return "\n".join(lines) + "\n"


class FixtureWriter:
    """Collects fixture records; `dumps` renders them byte-for-byte reproducibly."""

    def __init__(self, as_of):
        self.as_of = as_of
        self.records = []
        self.counters = defaultdict(int)

    def add(self, model, fields, pk=None, timestamps=False):
        if pk is None:
            self.counters[model] += 1
            pk = self.counters[model]
        if timestamps:
            fields = {**fields, "created": self.as_of, "modified": self.as_of}
        self.records.append({"model": model, "pk": pk, "fields": fields})
        return pk

    def dumps(self):
        return json.dumps(self.records, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def dated(fields, **values):
    """Add EDTF fields with their derived sortable bounds (loaddata bypasses save())."""
    for name, value in values.items():
        lower, upper = dates.bounds(value) if value else (None, None)
        fields[name] = value or ""
        fields[f"{name}_lower"] = lower.isoformat() if lower else None
        fields[f"{name}_upper"] = upper.isoformat() if upper else None
    return fields


class CitationIndex:
    """One Citation record per distinct passage, found by program in its document."""

    def __init__(self, writer, texts, source_ids):
        self.writer, self.texts, self.source_ids = writer, texts, source_ids
        self.pks = {}

    def cite(self, source, quote, where):
        text = self.texts[source]
        start = text.find(quote or "\0")
        if not quote or start == -1:
            raise CurationError(f"{where}: quote not found verbatim in {source}: {quote!r:.80}")
        key = (source, start, len(quote))
        if key not in self.pks:
            line = text.count("\n", 0, start) + 1
            self.pks[key] = self.writer.add(
                "prosopography.citation",
                {
                    "source": self.source_ids[source],
                    "start": start,
                    "end": start + len(quote),
                    "quote": quote,
                    "locator": f"line {line}",
                    "mention": None,
                },
            )
        return self.pks[key]


def _canonical_relationship(rel):
    """Write each tie one way round: "parent", not "child"; symmetric ties by key order."""
    subject, kind, obj = rel["subject"], rel["type"], rel["object"]
    inverse = INVERSE[kind]
    if inverse == kind:
        if obj < subject:
            subject, obj = obj, subject
    elif TYPE_ORDER[inverse] < TYPE_ORDER[kind]:
        subject, kind, obj = obj, inverse, subject
    return subject, kind, obj


def _group_readings(readings, period):
    """Readings of one fact grouped by their dates: undated readings support the
    first dated group (or form one); readings with different dates stay separate."""
    groups = defaultdict(list)
    for reading in readings:
        groups[period(reading)].append(reading)
    dated_keys = sorted(k for k in groups if any(k))
    if dated_keys and ("", "") in groups:
        groups[dated_keys[0]] = groups.pop(("", "")) + groups[dated_keys[0]]
    return sorted(groups.items())


def _best_certainty(readings):
    return min((r.get("certainty") or "certain" for r in readings), key=CERTAINTY_ORDER.get)


def _preferred_value(claims):
    """The reading most sources give; ties go to the more precise, then the first."""
    counts = defaultdict(int)
    for c in claims:
        counts[c["value"]] += 1
    return sorted(counts, key=lambda v: (-counts[v], -len(v), v))[0] if counts else ""


@dataclass
class PermanentIds:
    """The permanent ids (fixtures/curated/ids.yaml) of the records of one build, by kind."""

    sources: dict
    persons: dict
    organisations: dict
    places: dict
    events: dict

    def of(self, kind):
        """{key: id} of the kind a mention or a name form points to."""
        return {"persons": self.persons, "organisations": self.organisations, "places": self.places}[kind]


def build(world, texts, matches, allow_new_ids=False):
    """Return (fixture writer, report) for the prosopography.

    The steps run in a fixed order, because the order in which records are added
    decides the primary keys of the records without permanent ids (citations, names,
    claims, mentions): changing it would rewrite the committed fixtures."""
    writer = FixtureWriter(world.as_of)
    ids = assign_all_ids(world, matches, allow_new_ids)
    write_sources(writer, world, texts, ids)
    printed = PrintedForms(texts[name] for name in sorted(texts))
    write_places(writer, world, ids, printed)
    write_organisations(writer, world, ids, printed)
    claims = claims_by_person(world)
    write_persons(writer, world, ids, claims, printed)
    write_distinct_persons(writer, world, ids)
    citations = CitationIndex(writer, texts, ids.sources)
    ties = write_relationships(writer, world, ids, citations)
    ties.update(write_memberships(writer, world, ids, citations))
    contested = write_events(writer, world, ids, citations)
    contested += write_person_claims(writer, claims, ids, citations, place_hierarchy(world))
    mention_counts = write_mentions(writer, texts, matches, ids)
    write_co_mentions(writer, matches, ids)
    contested += write_other_readings(writer, world, ids, citations, ties)
    report = {"contested": contested, "mention_counts": mention_counts, "citations": len(citations.pks)}
    return writer, report


def assign_all_ids(world, matches, allow_new_ids):
    """Permanent ids for every record that has one.  Mentions are counted first, since
    new persons, organisations and places are numbered most-mentioned first."""
    ids = world.ids
    prominence = {kind: defaultdict(int) for kind in MODEL}
    for m in matches:
        if m.target:
            prominence[m.target[0]][m.target[1]] += 1
    return PermanentIds(
        sources=assign_ids(ids, "sources", world.sources, allow_new_ids),
        persons=assign_ids(ids, "persons", world.persons, allow_new_ids, prominence["persons"]),
        organisations=assign_ids(
            ids, "organisations", world.organisations, allow_new_ids, prominence["organisations"]
        ),
        places=assign_ids(ids, "places", world.places, allow_new_ids, prominence["places"]),
        events=assign_ids(ids, "events", world.events, allow_new_ids),
    )


def write_sources(writer, world, texts, ids):
    """The five documents, with the checksum the pipeline checked them against."""
    for file_name in sorted(world.sources, key=ids.sources.get):
        meta, text = world.sources[file_name], texts[file_name]
        writer.add(
            "prosopography.source",
            {
                "file_name": file_name,
                "title": meta["title"],
                "description": meta.get("description", ""),
                "checksum": meta["sha256"],
                "length": len(text),
            },
            pk=ids.sources[file_name],
            timestamps=True,
        )


def write_names(writer, ids, rec, model, fk, printed):
    """The name forms of a person, organisation or place: its preferred name first,
    then each other form once (a curated file may repeat the preferred one), each
    marked printed or not: a form no document prints is the curator's normalisation."""
    forms = [{"name": rec["name"], "type": "preferred"}] + rec["names"]
    seen = set()
    for form in forms:
        if form["name"] in seen:
            continue
        seen.add(form["name"])
        writer.add(
            model,
            {
                fk: ids.of(f"{fk}s")[rec["key"]],
                "name": form["name"],
                "normalized": normalize(form["name"]),
                "type": form["type"],
                "language": "",
                **({"period": "", "note": ""} if model == "prosopography.alias" else {}),
                "printed": form["name"] in printed,
            },
        )


def write_places(writer, world, ids, printed):
    """Places first, enclosing places before the places within them (the order of their
    ids), so that loaddata finds the place a `within` points to; their names after."""
    for key in sorted(world.places, key=ids.places.get):
        rec = world.places[key]
        writer.add(
            "prosopography.place",
            {
                "slug": make_slug(rec["name"]),
                "name": rec["name"],
                "kind": rec.get("kind") or "city",
                "within": ids.places[rec["within"]] if rec.get("within") else None,
                "latitude": None,
                "longitude": None,
                "description": rec.get("description", ""),
            },
            pk=ids.places[key],
            timestamps=True,
        )
    for key in sorted(world.places, key=ids.places.get):
        write_names(writer, ids, world.places[key], "prosopography.placename", "place", printed)


def write_organisations(writer, world, ids, printed):
    """Organisations with their names, then the records curators merged away: each keeps
    its id, as a stub pointing to its survivor, so that old links still resolve."""
    for key in sorted(world.organisations, key=ids.organisations.get):
        rec = world.organisations[key]
        writer.add(
            "prosopography.organisation",
            dated(
                {
                    "slug": make_slug(rec["name"]),
                    "name": rec["name"],
                    "kind": rec.get("kind") or "group",
                    "description": rec.get("description", ""),
                    "place": None,
                    "merged_into": None,
                },
                start=str(rec.get("start") or ""),
                end=str(rec.get("end") or ""),
            ),
            pk=ids.organisations[key],
            timestamps=True,
        )
        write_names(writer, ids, rec, "prosopography.organisationname", "organisation", printed)
    for pk, survivor, old_key, new_key in moved_records(
        world.ids, world.moved, "organisations", world.organisations
    ):
        rec = world.organisations[new_key]
        writer.add(
            "prosopography.organisation",
            dated(
                {
                    "slug": make_slug(rec["name"]),
                    "name": rec["name"],
                    "kind": rec.get("kind") or "group",
                    "description": f"Duplicate record (key {old_key}), merged into organisation {survivor}.",
                    "place": None,
                    "merged_into": survivor,
                },
                start="",
                end="",
            ),
            pk=pk,
            timestamps=True,
        )


def claims_by_person(world):
    """{person key: {property: [claims]}}: the readings of each fact about a person."""
    claims = defaultdict(lambda: defaultdict(list))
    for claim in world.claims:
        claims[claim["person"]][claim["property"]].append(claim)
    return claims


def write_persons(writer, world, ids, claims, printed):
    """Persons with their names.  Dates and places of birth and death are the reading
    most sources give (_preferred_value); every reading is kept as a claim later."""
    for key in sorted(world.persons, key=ids.persons.get):
        rec = world.persons[key]
        props = claims.get(key, {})
        birth_place = _preferred_value(props.get("birth_place", []))
        death_place = _preferred_value(props.get("death_place", []))
        name = rec["name"]
        parts = name.rsplit(" ", 1)
        writer.add(
            "prosopography.person",
            dated(
                {
                    "slug": make_slug(name),
                    "name": name,
                    "sort_name": rec.get("sort_name")
                    or (f"{parts[1]}, {parts[0]}" if len(parts) == 2 else name),
                    "description": rec.get("description", ""),
                    "birth_place": ids.places[birth_place] if birth_place else None,
                    "death_place": ids.places[death_place] if death_place else None,
                    "merged_into": None,
                },
                birth=_preferred_value(props.get("birth_date", [])),
                death=_preferred_value(props.get("death_date", [])),
            ),
            pk=ids.persons[key],
            timestamps=True,
        )
        write_names(writer, ids, rec, "prosopography.alias", "person", printed)
    for pk, survivor, old_key, _new_key in moved_records(world.ids, world.moved, "persons", world.persons):
        rec = world.persons[_new_key]
        writer.add(
            "prosopography.person",
            dated(
                {
                    "slug": make_slug(rec["name"]),
                    "name": rec["name"],
                    "sort_name": rec.get("sort_name") or rec["name"],
                    "description": f"Duplicate record (key {old_key}), merged into person {survivor}.",
                    "birth_place": None,
                    "death_place": None,
                    "merged_into": survivor,
                },
                birth="",
                death="",
            ),
            pk=pk,
            timestamps=True,
        )


def write_distinct_persons(writer, world, ids):
    """Pairs of persons curators declared distinct, so that no one proposes merging them."""
    for pair in sorted(tuple(sorted(p)) for p in world.distinct):
        first, second = sorted(ids.persons[k] for k in pair)
        writer.add(
            "prosopography.distinctrecords",
            {
                "content_type": ["prosopography", "person"],
                "first_id": first,
                "second_id": second,
                "reason": "Similar names, different people (curated files).",
                "created": world.as_of,
            },
        )


def cite_all(citations, readings, where):
    """The citation ids of the passages the readings quote (one citation per passage)."""
    return sorted({citations.cite(r["source"], r.get("quote"), where) for r in readings})


def write_relationships(writer, world, ids, citations):
    """One record per tie and reading of its dates; readings of one tie stated both
    ways ("A teacher of B", "B student of A") are one tie. Returns
    {("relationship", (subject, type, object)): the id of the tie's first record},
    the record that readings about the tie (its type ...) are attached to."""
    ties = defaultdict(list)
    for rel in world.relationships:
        ties[_canonical_relationship(rel)].append(rel)
    first_records = {}
    for (subject, kind, obj), readings in sorted(ties.items()):
        for (start, end), group in _group_readings(readings, lambda r: (r["start"], r["end"])):
            pk = writer.add(
                "prosopography.relationship",
                dated(
                    {
                        "subject": ids.persons[subject],
                        "type": [kind],
                        "object": ids.persons[obj],
                        "certainty": _best_certainty(group),
                        "rank": "normal",
                        "note": "",
                        "citations": cite_all(citations, group, f"relationship {subject} {kind} {obj}"),
                    },
                    start=start,
                    end=end,
                ),
                timestamps=True,
            )
            first_records.setdefault(("relationship", (subject, kind, obj)), pk)
    return first_records


def write_memberships(writer, world, ids, citations):
    """One record per person, organisation, role and reading of its dates; returns
    {("membership", (person, organisation, role)): the first record's id}."""
    roles = defaultdict(list)
    for mem in world.memberships:
        roles[(mem["person"], mem["organisation"], mem.get("role") or "member")].append(mem)
    first_records = {}
    for (person, org, role), readings in sorted(roles.items()):
        for (start, end), group in _group_readings(readings, lambda r: (r["start"], r["end"])):
            pk = writer.add(
                "prosopography.membership",
                dated(
                    {
                        "person": ids.persons[person],
                        "organisation": ids.organisations[org],
                        "role": role,
                        "certainty": _best_certainty(group),
                        "rank": "normal",
                        "note": "",
                        "citations": cite_all(citations, group, f"membership {person} {org}"),
                    },
                    start=start,
                    end=end,
                ),
                timestamps=True,
            )
            first_records.setdefault(("membership", (person, org, role)), pk)
    return first_records


def write_events(writer, world, ids, citations):
    """Events with their participants; the event shows the first dated reading, and
    where readings disagree each becomes a claim.  Returns the contested facts."""
    contested = []
    for key in sorted(world.events, key=ids.events.get):
        event = world.events[key]
        readings = event["readings"]
        place_values = sorted({r["place"] for r in readings if r["place"]})
        main = next((r for r in readings if r["date"]), readings[0])
        place = main["place"] or (place_values[0] if place_values else None)
        pk = writer.add(
            "prosopography.event",
            dated(
                {
                    "key": key,
                    "type": event["type"],
                    "place": ids.places[place] if place else None,
                    "description": event["description"],
                    "rank": "normal",
                    "citations": cite_all(citations, readings, f"event {key}"),
                },
                date=main["date"],
            ),
            pk=ids.events[key],
            timestamps=True,
        )
        for (kind, ref), role in event["participants"]:
            writer.add(
                "prosopography.eventparticipant",
                {
                    "event": pk,
                    "role": role,
                    "person": ids.persons[ref] if kind == "persons" else None,
                    "organisation": ids.organisations[ref] if kind == "organisations" else None,
                },
            )
        contested += write_event_claims(writer, key, pk, readings, ids, citations, place_hierarchy(world))
    return contested


def write_event_claims(writer, key, pk, readings, ids, citations, within):
    """Where readings of an event disagree on its date or place, each reading becomes
    a claim; returns the contested facts."""
    contested = []
    date_values = sorted({r["date"] for r in readings if r["date"]})
    place_values = sorted({r["place"] for r in readings if r["place"]})
    for attribute, values, field in (
        ("event_date", date_values, "date"),
        ("event_place", place_values, "place"),
    ):
        if len(values) < 2:
            continue
        contested.append(_fact_line(f"event {key}: {attribute}", values, field, within))
        for value in values:
            group = [r for r in readings if r[field] == value]
            writer.add(
                "prosopography.claim",
                dated(
                    {
                        "person": None,
                        "event": pk,
                        "attribute": attribute,
                        "place": ids.places[value] if field == "place" else None,
                        "rank": "normal",
                        "citations": cite_all(citations, group, f"event {key} {attribute}"),
                    },
                    date=value if field == "date" else "",
                ),
                timestamps=True,
            )
    return contested


def place_hierarchy(world):
    """{place key: enclosing place key}: the curated hierarchy, as facts.compare_places takes it."""
    return {key: rec.get("within") for key, rec in world.places.items()}


def _fact_line(label, values, field, within):
    """A fact with several readings, for the report: "contested" when two of them
    cannot both be true, "refinement" when they only differ in precision or
    overlap (prosopography.facts, the rule the pages and the API use). `field` is
    the kind of value (prosopography.properties), or "place"/"date"."""
    verdict = facts.verdict(field, values, within)
    return f"{'refinement' if verdict == 'same' else verdict}: {label} {values}"


def write_person_claims(writer, claims, ids, citations, within):
    """Every reading of a fact about a person, as a claim with its citations; returns
    the facts whose readings disagree (contested)."""
    contested = []
    for key in sorted(claims, key=ids.persons.get):
        for attribute in sorted(claims[key]):
            readings = claims[key][attribute]
            values = sorted({c["value"] for c in readings})
            if len(values) > 1:
                field = "place" if attribute.endswith("_place") else "date"
                contested.append(_fact_line(f"person {key}: {attribute}", values, field, within))
            for value in values:
                group = [c for c in readings if c["value"] == value]
                is_place = attribute.endswith("_place")
                writer.add(
                    "prosopography.claim",
                    dated(
                        {
                            "person": ids.persons[key],
                            "event": None,
                            "attribute": attribute,
                            "place": ids.places[value] if is_place else None,
                            "rank": "normal",
                            "citations": cite_all(citations, group, f"claim {key} {attribute}"),
                        },
                        date="" if is_place else value,
                    ),
                    timestamps=True,
                )
    return contested


SUBJECT_MODELS = {
    "work": ["bibliography", "work"],
    "organisation": ["prosopography", "organisation"],
    "relationship": ["prosopography", "relationship"],
    "membership": ["prosopography", "membership"],
}


def _subject_label(reading):
    key = reading["key"]
    return f"{reading['kind']} {' '.join(key) if isinstance(key, tuple) else key}"


def write_other_readings(writer, world, ids, citations, ties):
    """Readings of properties beyond the dates and places of persons and events
    (a work's date of publication, the number of arrests, a real name, the kind of
    a tie ...), one claim per value with the citations of every passage that gives
    it. Persons and events are linked directly; works (by their bibliography
    permanent ids), organisations, ties and memberships (by `ties`, the first record
    of each) through the generic link. Written last, so that adding readings never
    renumbers the records written before them. Returns the facts with several
    values, for the report (contested or refinement, by prosopography.facts)."""
    within = place_hierarchy(world)
    grouped = defaultdict(list)
    for reading in world.readings:
        grouped[(reading["kind"], reading["key"], reading["property"])].append(reading)
    lines = []
    for (kind, key, prop), readings in sorted(
        grouped.items(), key=lambda kv: (kv[0][0], str(kv[0][1]), kv[0][2])
    ):
        value_kind = kind_of(prop)
        values = sorted({r["value"] for r in readings})
        if len(values) > 1:
            lines.append(_fact_line(f"{_subject_label(readings[0])}: {prop}", values, value_kind, within))
        for value in values:
            group = [r for r in readings if r["value"] == value]
            fields = {
                "person": ids.persons[key] if kind == "person" else None,
                "event": ids.events[key] if kind == "event" else None,
                "subject_type": SUBJECT_MODELS.get(kind),
                "subject_id": (
                    world.ids["works"][key]
                    if kind == "work"
                    else ids.organisations[key]
                    if kind == "organisation"
                    else ties.get((kind, _tie_key(kind, key)))
                ),
                "attribute": prop,
                "place": ids.places[value] if value_kind == PLACE else None,
                "value_text": value if value_kind in (TEXT, NUMBER) else "",
                "rank": "normal",
                "citations": cite_all(citations, group, f"reading {_subject_label(group[0])} {prop}"),
            }
            writer.add(
                "prosopography.claim",
                dated(fields, date=value if value_kind == DATE else ""),
                timestamps=True,
            )
    return lines


def _tie_key(kind, key):
    """A tie written one way round (as write_relationships writes it)."""
    if kind == "relationship":
        subject, tie_type, obj = key
        return _canonical_relationship({"subject": subject, "type": tie_type, "object": obj})
    return key


def write_mentions(writer, texts, matches, ids):
    """Every mention the pipeline found, resolved or not (unresolved ones are for
    curators to settle); returns how many mentions each record has."""
    mention_counts = defaultdict(int)
    for m in matches:
        a, b = snippet_bounds(texts[m.source], m.start, m.end)
        target_kind, target_key = m.target or (None, None)
        fields = {
            "source": ids.sources[m.source],
            "start": m.start,
            "end": m.end,
            "surface": m.surface,
            "snippet": texts[m.source][a:b],
            "paragraph": m.paragraph,
            "status": "machine" if m.target else "unresolved",
            "rule": m.rule,
            "person": None,
            "organisation": None,
            "place": None,
            "work": None,
            "candidates": sorted(ids.persons[k] for kind, k in m.candidates if kind == "persons"),
        }
        if target_kind:
            fields[{"persons": "person", "organisations": "organisation", "places": "place"}[target_kind]] = (
                ids.of(target_kind)[target_key]
            )
            mention_counts[m.target] += 1
        writer.add("prosopography.mention", fields)
    return mention_counts


def write_co_mentions(writer, matches, ids):
    """Pairs of persons mentioned in the same paragraphs, with how often."""
    for (a, b), weight in sorted(
        co_mentions(matches).items(), key=lambda kv: tuple(sorted(ids.persons[k] for k in kv[0]))
    ):
        first, second = sorted([ids.persons[a], ids.persons[b]])
        writer.add("prosopography.comention", {"first": first, "second": second, "weight": weight})
