"""Entries curated by hand, from fixtures/curated/bibliography_manual.yaml.

Where the parser cannot structure an entry, a curator writes its records by hand,
keyed by section and entry; parse.py puts them in the store instead of the parser's
reading, and the report counts them, section by section, so nothing is dropped
silently.  The file may also add persons, organisations, places and periodicals.
"""

from pathlib import Path

import yaml

from .gazetteer import publisher_signature
from .text import sort_name_of

MANUAL_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "curated" / "bibliography_manual.yaml"


def load_manual(path=MANUAL_PATH):
    if not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def manual_entries(manual):
    """{(section, entry): {list name: [records]}} from the manual file, whose records
    carry the section and entry they replace."""
    by_entry = {}
    for name in ("works", "editions", "contributions", "work_relations", "holdings"):
        for record in manual.get(name) or []:
            slot = by_entry.setdefault((record["section"], str(record["entry"])), {})
            slot.setdefault(name, []).append(record)
    for item in manual.get("entries") or []:
        by_entry.setdefault((item["section"], str(item["entry"])), {})
    return by_entry


def apply_manual(store, records):
    """Add the hand-curated records of one entry to the store."""
    for record in records.get("works", []):
        record = {
            k: ("" if v is None and k in ("written", "first_published", "description") else v)
            for k, v in record.items()
        }
        store.work(
            record["key"],
            record["title"],
            record.get("type", "other"),
            record.get("language", ""),
            record.get("status", "published"),
            str(record.get("written") or ""),
            str(record.get("first_published") or ""),
            record.get("description") or "",
            record.get("about") or [],
        )
    for record in records.get("editions", []):
        record = {k: v for k, v in record.items() if k not in ("section", "entry")}
        record.setdefault("translation_of", None)
        full = {
            "key": record["key"],
            "work": record["work"],
            "title": record.get("title", ""),
            "language": record.get("language", ""),
            "publisher": record.get("publisher"),
            "place": record.get("place"),
            "date": str(record.get("date") or ""),
            "series": record.get("series", ""),
            "periodical": record.get("periodical"),
            "volume": str(record.get("volume") or ""),
            "issue": str(record.get("issue") or ""),
            "pages": str(record.get("pages") or ""),
            "translation_of": record.get("translation_of"),
            "note": record.get("note", ""),
        }
        store.by_key["editions"][full["key"]] = full
        store.lists["editions"].append(full)
    for record in records.get("contributions", []):
        store.contribute(
            record["person"],
            record["role"],
            work=record.get("work"),
            edition=record.get("edition"),
            credited_as=record.get("credited_as", ""),
        )
    for record in records.get("work_relations", []):
        store.relate(record["subject"], record["type"], record["object"], record.get("order", 0))
    for record in records.get("holdings", []):
        store.hold(
            record["work"],
            record["repository"],
            record.get("item_count"),
            record.get("shelfmark", ""),
            record.get("description", ""),
        )


def add_manual_entities(store, manual):
    """Persons, organisations, places and periodicals curated by hand (merged by key)."""
    for record in manual.get("persons") or []:
        store._merge(
            "persons",
            {
                "key": record["key"],
                "name": record["name"],
                "sort_name": record.get("sort_name") or sort_name_of(record["name"]),
                "names": record.get("names") or [{"name": record["name"], "type": "preferred"}],
            },
        )
    for record in manual.get("organisations") or []:
        store._merge("organisations", {"key": record["key"], "name": record["name"], "kind": record["kind"]})
        if record["kind"] == "publisher":
            store.publisher_keys.setdefault(publisher_signature(record["name"]), record["key"])
    for record in manual.get("places") or []:
        store._merge("places", {"key": record["key"], "name": record["name"], "kind": "city"})
    for record in manual.get("periodicals") or []:
        store._merge(
            "periodicals",
            {
                "key": record["key"],
                "title": record["title"],
                "place": record.get("place"),
                "language": record.get("language", ""),
            },
        )
