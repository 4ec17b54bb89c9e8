"""Reading the curators' YAML files (see docs/curation-format.md) and merging
what several readers wrote about the same record into one."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from common import dates

from ..properties import DATE, NUMBER, PLACE, PROPERTIES, kind_of, number_bounds


class CurationError(Exception):
    """The curated files contradict themselves or the documents; the message says where."""


KINDS = ("persons", "organisations", "places")


@dataclass
class World:
    """Everything the curated files say, merged by key."""

    sources: dict = field(default_factory=dict)  # file name -> {title, description, sha256}
    as_of: str = ""
    persons: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    relationships: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    disagreements: dict = field(default_factory=dict)
    readings: list = field(default_factory=list)
    distinct: set = field(default_factory=set)  # frozensets of two person keys
    drop_names: dict = field(default_factory=dict)  # key -> set of name forms not to use
    ids: dict = field(default_factory=dict)  # kind -> {key: permanent id}
    moved: dict = field(default_factory=dict)  # kind -> {old key: key it was merged into}
    same_as: dict = field(default_factory=dict)  # kind -> {duplicate key: key kept}
    withdrawn: dict = field(default_factory=dict)  # kind -> {key: why it is no record}


def read_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_documents(seeds_dir, sources):
    """Read each source document and check it is the text the offsets were made from."""
    texts = {}
    for file_name, meta in sources.items():
        path = Path(seeds_dir) / file_name
        if not path.exists():
            raise CurationError(f"Document {file_name} not found in {seeds_dir}.")
        text = path.read_text(encoding="utf-8")
        if sha256(text) != meta["sha256"]:
            raise CurationError(
                f"{file_name}: checksum differs from fixtures/curated/sources.yaml; "
                "this is not the text the curated files were checked against."
            )
        texts[file_name] = text
    return texts


def _check_date(where, value):
    if value in (None, ""):
        return ""
    value = str(value)
    try:
        dates.validate_edtf(value)
    except Exception as exc:
        raise CurationError(f"{where}: {value!r} is not a valid EDTF date") from exc
    return value


def _merge_names(target, names):
    seen = {n["name"] for n in target}
    for n in names or []:
        if n.get("name") and n["name"] not in seen:
            target.append({"name": n["name"], "type": n.get("type") or "variant"})
            seen.add(n["name"])


def load(curated_dir):
    """Read sources.yaml, ids.yaml, curation.yaml and every document's file; merge by key."""
    curated_dir = Path(curated_dir)
    world = World()
    meta = read_yaml(curated_dir / "sources.yaml")
    world.as_of = meta["as_of"]
    world.sources = {s["file_name"]: s for s in meta["sources"]}
    world.ids = {
        kind: {str(k): i for k, i in (v or {}).items()}
        for kind, v in read_yaml(curated_dir / "ids.yaml").items()
    }
    decisions = read_yaml(curated_dir / "curation.yaml")
    same_as = {kind: (decisions.get("same_as") or {}).get(kind) or {} for kind in KINDS + ("events",)}
    world.same_as = same_as
    world.drop_names = {k: set(v) for k, v in (decisions.get("drop_names") or {}).items()}
    world.moved = {
        kind: {str(k): v for k, v in (keys or {}).items()}
        for kind, keys in (decisions.get("moved") or {}).items()
    }
    world.withdrawn = {
        kind: {str(k): v for k, v in (keys or {}).items()}
        for kind, keys in (decisions.get("withdrawn") or {}).items()
    }
    for pair in decisions.get("distinct") or []:
        world.distinct.add(frozenset(pair))

    def canon(kind, key):
        return same_as[kind].get(key, key)

    files = sorted(p for p in curated_dir.glob("[0-9][0-9][0-9]_*.yaml"))
    for path in files:
        data = read_yaml(path)
        source = data["source"]
        if source not in world.sources:
            raise CurationError(f"{path.name}: unknown source {source}")
        for kind in KINDS:
            for rec in data.get(kind) or []:
                key = canon(kind, rec["key"])
                merged = getattr(world, kind).setdefault(
                    key, {"key": key, "name": rec["name"], "names": [], "origin": path.name}
                )
                for attr in ("sort_name", "description", "kind", "start", "end"):
                    if rec.get(attr) and not merged.get(attr):
                        merged[attr] = rec[attr]
                if rec.get("within") and not merged.get("within"):
                    merged["within"] = canon("places", rec["within"])
                _merge_names(merged["names"], rec.get("names"))
                for other in rec.get("distinct_from") or []:
                    if kind == "persons":
                        world.distinct.add(frozenset([key, canon("persons", other)]))
        for rec in data.get("relationships") or []:
            world.relationships.append(
                {
                    **rec,
                    "subject": canon("persons", rec["subject"]),
                    "object": canon("persons", rec["object"]),
                    "source": source,
                    "file": path.name,
                }
            )
        for rec in data.get("memberships") or []:
            world.memberships.append(
                {
                    **rec,
                    "person": canon("persons", rec["person"]),
                    "organisation": canon("organisations", rec["organisation"]),
                    "source": source,
                    "file": path.name,
                }
            )
        for rec in data.get("events") or []:
            key = canon("events", rec["key"])
            reading = {
                "date": _check_date(f"{path.name} event {key}", rec.get("date")),
                "place": canon("places", rec["place"]) if rec.get("place") else None,
                "quote": rec.get("quote"),
                "source": source,
                "file": path.name,
                "participants": set(),
            }
            event = world.events.setdefault(
                key,
                {
                    "key": key,
                    "type": rec["type"],
                    "description": rec.get("description", ""),
                    "participants": [],
                    "readings": [],
                },
            )
            event["readings"].append(reading)
            for part in rec.get("participants") or []:
                ref = (
                    ("persons", canon("persons", part["person"]))
                    if part.get("person")
                    else ("organisations", canon("organisations", part["organisation"]))
                )
                entry = (ref, part.get("role") or "subject")
                reading["participants"].add(ref)
                if entry not in event["participants"]:
                    event["participants"].append(entry)
        for rec in data.get("claims") or []:
            value = rec.get("value")
            if str(rec.get("property", "")).endswith("_place"):
                value = canon("places", value)
            world.claims.append(
                {
                    **rec,
                    "value": value,
                    "person": canon("persons", rec["person"]),
                    "source": source,
                    "file": path.name,
                }
            )
    add_disagreements(world, curated_dir / "disagreements.yaml", canon)
    # Curators' name decisions apply last.
    for kind, names in (decisions.get("names") or {}).items():
        for key, name in names.items():
            getattr(world, kind)[key]["name"] = name
    _validate(world)
    _check_event_keys(world)
    return world


# How the disagreements list's properties map onto the readings' vocabulary
# (prosopography/properties.py), by kind of subject, where the list's name differs
# from the vocabulary's. A date or place of a person or an event joins that record's
# readings as before; the rest become readings of their own ("other readings").
PROPERTY_MAP = {
    ("event", "date"): "event_date",
    ("event", "place"): "event_place",
    ("work", "composition_date"): "writing_date",
    ("work", "place"): "publication_place",
    ("person", "release_from_prison_date"): "release_date",
    ("person", "membership"): "affiliation",
    ("person", "place"): "residence",
    ("person", "confession_against_serge"): "confession",
}
# Which of properties.Property.subjects a kind of subject is.
SUBJECT_CLASS = {"person": "person", "event": "event"}
SUBJECT_KINDS = {"person": "persons", "event": "events", "organisation": "organisations"}


def identify(world, canon, subject):
    """The record a disagreement is about, as (kind, key), or (None, reason).

    persons, events and organisations by their curated key, works by their key in
    ids.yaml; a tie by its two persons and its type (`persons: [a, b]`, `type`), a
    membership by its person, organisation and role. The tie or membership must
    have been read in a curated file: nothing is created for a disagreement."""
    kind, key = subject.get("kind"), subject.get("key") or ""
    if kind in SUBJECT_KINDS:
        if not key:
            return None, f"no curated {kind} record identified for {subject.get('name')!r}"
        key = canon(SUBJECT_KINDS[kind], key)
        if key not in getattr(world, SUBJECT_KINDS[kind]):
            return None, f"unknown {kind} key {key!r}"
        return (kind, key), ""
    if kind == "work":
        if not key:
            return None, f"no work record identified for {subject.get('name')!r}"
        if key not in world.ids.get("works", {}):
            return None, f"unknown work key {key!r}"
        return (kind, key), ""
    if kind == "relationship":
        persons, tie_type = subject.get("persons") or [], subject.get("type")
        if len(persons) != 2 or not tie_type:
            return None, f"tie {subject.get('name')!r} not identified by its two persons and type"
        first, second = (canon("persons", k) for k in persons)
        for rel in world.relationships:
            if {rel["subject"], rel["object"]} == {first, second} and rel["type"] == tie_type:
                return (kind, (rel["subject"], rel["type"], rel["object"])), ""
        return None, f"no curated tie {first} {tie_type} {second}"
    if kind == "membership":
        person, org = subject.get("person"), subject.get("organisation")
        if not person or not org:
            return None, f"membership {subject.get('name')!r} not identified by its person and organisation"
        person, org = canon("persons", person), canon("organisations", org)
        role = subject.get("role") or "member"
        for mem in world.memberships:
            if (mem["person"], mem["organisation"], mem.get("role") or "member") == (person, org, role):
                return (kind, (person, org, role)), ""
        return None, f"no curated membership of {person} in {org} as {role}"
    return None, f"unknown kind of subject {kind!r}"


def add_disagreements(world, path, canon):
    """Each side of a disagreement becomes a reading with its source and quote,
    where its subject is identified (identify) and its property is in the
    vocabulary. Dates and places of persons and events join their records'
    readings (the fixture writer makes claims of them); the rest go to
    `world.readings`. A side whose value does not fit its property's kind (an
    invalid EDTF date, an unknown place) is left out. `world.disagreements` says
    what was taken (by kind of subject) and what is left for curators, each with
    the reason: no disagreement is dropped silently."""
    taken, left = {}, []
    for number, item in enumerate(read_yaml(path) if path.exists() else []):
        subject = item["subject"]
        kind = subject.get("kind")
        prop = PROPERTY_MAP.get((kind, item["property"]), item["property"])
        where = {"index": number, "subject": subject.get("name"), "property": item["property"]}
        if item.get("left_for_curators"):  # a curator's decision that it is no reading yet
            left.append({**where, "reason": item["left_for_curators"]})
            continue
        found, reason = identify(world, canon, subject)
        if found is None:
            left.append({**where, "reason": reason})
            continue
        if prop not in PROPERTIES or SUBJECT_CLASS.get(kind, "other") not in PROPERTIES[prop].subjects:
            left.append({**where, "reason": f"property {prop!r} is not in the vocabulary for a {kind}"})
            continue
        key = found[1]
        sides = [_side(world, canon, prop, reading, path.name) for reading in item["readings"]]
        fitting = [side for side in sides if side]
        if len(fitting) < 2:
            unfit = [str(r["value"]) for r, side in zip(item["readings"], sides, strict=True) if not side]
            left.append({**where, "reason": f"fewer than two sides are a {kind_of(prop)}: {unfit}"})
            continue
        for side in fitting:
            if kind == "person" and prop in {"birth_date", "death_date", "birth_place", "death_place"}:
                world.claims.append({"person": key, "property": prop, **side})
            elif kind == "event" and prop in ("event_date", "event_place"):
                is_place = prop == "event_place"
                world.events[key]["readings"].append(
                    {
                        "date": None if is_place else side["value"],
                        "place": side["value"] if is_place else None,
                        "participants": set(),
                        **{k: side[k] for k in ("source", "file", "quote")},
                    }
                )
            else:
                world.readings.append({"kind": kind, "key": key, "property": prop, **side})
        taken[kind] = taken.get(kind, 0) + 1
    world.disagreements = {
        "taken": sum(taken.values()),
        "taken_by_kind": dict(sorted(taken.items())),
        "left_for_curators": len(left),
        "left": left,
    }


def _side(world, canon, prop, reading, file_name):
    """One side of a disagreement as a reading, or None when its value does not fit."""
    value = str(reading["value"]).strip()
    if kind_of(prop) == DATE:
        try:
            dates.validate_edtf(value)
        except Exception:
            return None
    elif kind_of(prop) == PLACE:
        value = canon("places", value)
        if value not in world.places:
            return None
    elif kind_of(prop) == NUMBER and number_bounds(value) is None:
        return None
    return {"value": value, "source": reading["source"], "file": file_name, "quote": reading["quote"]}


def _place_line(world, key):
    """The place and every place that encloses it (its `within` chain)."""
    line = []
    while key and key not in line:
        line.append(key)
        key = (world.places.get(key) or {}).get("within")
    # The curated hierarchy keeps Russia apart from the USSR (Russia is older); for
    # telling events apart, a place in Russia is a place in the USSR.
    if "russia" in line:
        line.append("ussr")
    return line


def _differences(world, event, first, second):
    """What makes two readings of one event key incompatible: dates that cannot meet,
    places neither of which lies within the other, and, for a meeting (whose
    participants are what it is), participants that share nobody but one person."""
    found = []
    if first["date"] and second["date"]:
        lower, upper = dates.bounds(first["date"])
        start, end = dates.bounds(second["date"])
        if not dates.overlaps(lower, upper, start, end):
            found.append(f"date {first['date']} / {second['date']}")
    if first["place"] and second["place"]:
        if first["place"] not in _place_line(world, second["place"]) and second["place"] not in _place_line(
            world, first["place"]
        ):
            found.append(f"place {first['place']} / {second['place']}")
    shared = first["participants"] & second["participants"]
    own_first, own_second = first["participants"] - shared, second["participants"] - shared
    # Sharing at most the one person the event is about (Serge in "serge-meeting-1936").
    if event["type"] == "meeting" and own_first and own_second and len(shared) <= 1:
        found.append(
            "participants "
            + ", ".join(sorted(k for _, k in own_first))
            + " / "
            + ", ".join(sorted(k for _, k in own_second))
        )
    return found


def _check_event_keys(world):
    """One key, one event. Readers of different files sometimes gave the same key
    (`serge-meeting-1936`) to different events; merged, they made false "contested"
    facts. Two readings from different files that differ in at least two of date,
    place and participants are two events: the build stops and names both files.
    (One difference alone is what sources disagreeing about one event look like.)"""
    problems = []
    for key, event in sorted(world.events.items()):
        readings = event["readings"]
        for i, first in enumerate(readings):
            for second in readings[i + 1 :]:
                if first["file"] == second["file"]:
                    continue
                found = _differences(world, event, first, second)
                if len(found) >= 2:
                    problems.append(
                        f"event key {key!r} is used for different events in {first['file']} and "
                        f"{second['file']} ({'; '.join(found)}): give one of them its own key"
                    )
    if problems:
        raise CurationError("\n".join(problems))


def _validate(world):
    problems = []

    def need(kind, key, where):
        if key not in getattr(world, kind):
            problems.append(f"{where}: unknown {kind[:-1]} key {key!r}")

    for rel in world.relationships:
        where = f"{rel['file']} relationship {rel['subject']} {rel['type']} {rel['object']}"
        need("persons", rel["subject"], where)
        need("persons", rel["object"], where)
        if rel["subject"] == rel["object"]:
            problems.append(f"{where}: a person related to themself")
        rel["start"] = _check_date(where, rel.get("start"))
        rel["end"] = _check_date(where, rel.get("end"))
    for mem in world.memberships:
        where = f"{mem['file']} membership {mem['person']} in {mem['organisation']}"
        need("persons", mem["person"], where)
        need("organisations", mem["organisation"], where)
        mem["start"] = _check_date(where, mem.get("start"))
        mem["end"] = _check_date(where, mem.get("end"))
    for claim in world.claims:
        where = f"{claim['file']} claim {claim['person']} {claim['property']}"
        need("persons", claim["person"], where)
        if claim["property"].endswith("_date"):
            claim["value"] = _check_date(where, claim.get("value"))
        else:
            need("places", claim["value"], where)
    for event in world.events.values():
        for (kind, key), _ in event["participants"]:
            need(kind, key, f"event {event['key']}")
        for reading in event["readings"]:
            if reading["place"]:
                need("places", reading["place"], f"event {event['key']}")
    for place in world.places.values():
        if place.get("within"):
            need("places", place["within"], f"place {place['key']}")
    for pair in world.distinct:
        for key in pair:
            need("persons", key, f"distinct pair {sorted(pair)}")
    if problems:
        raise CurationError("\n".join(sorted(set(problems))))
