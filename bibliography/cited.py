"""The works the documents cite, curated by hand.

The thesis bibliography is parsed by program (bibliography/thesis/). The works the five
documents cite elsewhere (Greeman's footnotes, the reviewed books, the extracts
the biography quotes) have no such structure, so readers curate them in
``fixtures/curated/cited/*.yaml``, one file per document (format:
docs/curation-format.md). This module adds them to the parsed bibliography:

* a work the thesis bibliography already has (same key) only gains what the
  document adds: editions, persons it is about, where it is cited, extracts;
* every occurrence of a ``cited`` string in its document becomes a mention of
  the work (rule ``cited``), so that a work page can show where it is discussed;
* ``extracts`` are spans of a document that carry the work's own text; the
  persons a work mentions are the persons mentioned inside them.

Like the rest of the pipeline, everything is deterministic and pure Python.
"""

from pathlib import Path

import yaml

from prosopography.ingest.curated import CurationError
from prosopography.ingest.mentions import snippet_bounds

from .thesis.dates import year_of
from .thesis.manual import add_manual_entities
from .thesis.records import RECORD_LISTS
from .thesis.store import Store

CITED_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "curated" / "cited"
WORK_FIELDS = ("title", "type", "language", "status", "written", "first_published", "description")


def load(cited_dir=CITED_DIR):
    """The curated files, in file-name order."""
    files = []
    for path in sorted(Path(cited_dir).glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        if not data.get("source"):
            raise CurationError(f"cited/{path.name}: names no `source` document")
        files.append({**data, "file": path.name})
    return files


def _store_over(parsed):
    """A Store working on the parsed lists themselves, so that its merging rules
    (one record per key, name forms added) apply to the curated records too."""
    store = Store()
    for name in RECORD_LISTS:
        store.lists[name] = getattr(parsed, name)
    for name in store.by_key:
        store.by_key[name] = {record["key"]: record for record in store.lists[name]}
    return store


def _same_edition(store, work, edition):
    """An edition of the work the thesis already lists: same language and year, and
    the same publisher or periodical where the curated record names one."""
    for known in store.lists["editions"]:
        if known["work"] != work or known["language"] != (edition.get("language") or ""):
            continue
        if year_of(known["date"]) != year_of(str(edition.get("date") or "")):
            continue
        for field in ("publisher", "periodical"):
            if edition.get(field) and known.get(field) and known[field] != edition[field]:
                break
        else:
            return known["key"]
    return None


def _original_edition(store, work_key):
    """The first edition in the work's own language, which a translation translates."""
    work = store.by_key["works"][work_key]
    originals = [
        e
        for e in store.lists["editions"]
        if e["work"] == work_key and e["language"] == work["language"] and not e["translation_of"]
    ]
    return min(originals, key=lambda e: (e["date"] or "9999", e["key"]))["key"] if originals else None


def _add_work(store, record, where):
    key = record.get("key")
    if not key:
        raise CurationError(f"{where}: a work without a `key`")
    if key not in store.by_key["works"]:
        if not record.get("title"):
            raise CurationError(f"{where}: {key} is not in the thesis bibliography; a new work needs a title")
        store.work(
            key,
            record["title"],
            **{field: str(record.get(field) or "") for field in WORK_FIELDS if field != "title"},
            about=record.get("about") or [],
        )
        work = store.by_key["works"][key]
        work["type"] = work["type"] or "other"
        work["status"] = work["status"] or "published"
    else:
        store._merge("works", {"key": key, "about": list(record.get("about") or [])})
    for order, person in enumerate(record.get("authors") or []):
        store.contribute(
            person, "author", work=key, credited_as=record.get("credited_as") or "" if order == 0 else ""
        )
    for person in record.get("editors") or []:
        store.contribute(person, "editor", work=key)
    if record.get("reviews"):
        store.relate(key, "review-of", record["reviews"])
    for edition in record.get("editions") or []:
        edition_key = _same_edition(store, key, edition)
        if edition_key is None:
            language = edition.get("language") or ""
            translation_of = None
            if language and language != store.by_key["works"][key]["language"]:
                translation_of = _original_edition(store, key)
            edition_key = store.edition(
                key,
                edition.get("title") or store.by_key["works"][key]["title"],
                language=language,
                publisher=edition.get("publisher"),
                place=edition.get("place"),
                date=str(edition.get("date") or ""),
                series=edition.get("series") or "",
                periodical=edition.get("periodical"),
                volume=str(edition.get("volume") or ""),
                issue=str(edition.get("issue") or ""),
                pages=str(edition.get("pages") or ""),
                translation_of=translation_of,
                note=edition.get("note") or "",
            )
        for person in edition.get("translators") or []:
            store.contribute(person, "translator", edition=edition_key)
        for person in edition.get("editors") or []:
            store.contribute(person, "editor", edition=edition_key)


def _occurrences(text, needle):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def locate(files, texts):
    """Work mentions and extracts, with their offsets found in the documents."""
    mentions, extracts = {}, []
    for data in files:
        source, where = data["source"], f"cited/{data['file']}"
        if source not in texts:
            raise CurationError(f"{where}: unknown source document {source}")
        text = texts[source]
        for record in data.get("works") or []:
            for cited in record.get("cited") or []:
                found = list(_occurrences(text, cited or "\0"))
                if not found:
                    raise CurationError(
                        f"{where}: cited string not found verbatim in {source}: {cited!r:.80}"
                    )
                for start in found:
                    # One work per span: the first curated reading of a span stands.
                    mentions.setdefault((source, start, start + len(cited)), record["key"])
            for extract in record.get("extracts") or []:
                label = extract.get("label") or ""
                if extract.get("whole"):
                    start, end = 0, len(text)
                else:
                    start = text.find(extract.get("first") or "\0")
                    last = extract.get("last") or "\0"
                    end = text.find(last, start + 1 if start != -1 else 0)
                    if start == -1 or end == -1:
                        raise CurationError(
                            f"{where}: extract {label!r} of {record['key']}: opening or "
                            f"closing words not found in order in {source}"
                        )
                    end += len(last)
                extracts.append(
                    {"work": record["key"], "source": source, "start": start, "end": end, "label": label}
                )
    work_mentions = []
    for (source, start, end), work in sorted(mentions.items()):
        text = texts[source]
        a, b = snippet_bounds(text, start, end)
        work_mentions.append(
            {
                "work": work,
                "source": source,
                "start": start,
                "end": end,
                "surface": text[start:end],
                "snippet": text[a:b],
                "paragraph": text.count("\n", 0, start),
            }
        )
    return work_mentions, sorted(extracts, key=lambda e: (e["source"], e["start"], e["end"], e["work"]))


def add_cited_works(parsed, texts, files=None):
    """Add the curated works cited in the documents to the parsed bibliography, with
    their mentions and extracts; return counts for the pipeline report."""
    files = load() if files is None else files
    store = _store_over(parsed)
    before = len(parsed.works)
    known = set(store.by_key["works"])
    for data in files:
        store.section, store.entry = "cited", data["source"]
        add_manual_entities(store, data)
        for record in data.get("works") or []:
            _add_work(store, record, f"cited/{data['file']}")
    parsed.work_mentions, parsed.extracts = locate(files, texts)
    cited_keys = {r["key"] for data in files for r in data.get("works") or []}
    return {
        "files": len(files),
        "works": len(cited_keys),
        "already_in_thesis": len(cited_keys & known),
        "new_works": len(parsed.works) - before,
        "mentions": len(parsed.work_mentions),
        "extracts": len(parsed.extracts),
    }
