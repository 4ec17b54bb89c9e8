"""The entry point: parse_thesis_bibliography reads the whole BIBLIOGRAPHY of the thesis.

Each section is cut into entries (sections.py) and each entry is read by its
section's reader (READERS); an entry curated by hand replaces the reader's work, and
an entry the reader cannot structure leaves nothing behind (rollback) and is listed
in the report.  Once every section is read, the articles of one series are linked and
every key a record points to is checked.
"""

from .correspondence import Correspondence
from .interviews_and_files import IntelligenceFiles, Interviews
from .journalism import Journalism
from .manual import add_manual_entities, apply_manual, load_manual, manual_entries
from .manuscripts import Confiscated, Manuscripts
from .records import RECORD_LISTS, ParsedBibliography
from .secondary_sources import SecondarySources
from .sections import SECTIONS, section_entries, split_sections
from .serge_books import SergeBooks
from .store import Store
from .text import clean, sort_name_of
from .translations import Translations


def section_readers(store):
    """One reader per kind of section (the kinds of sections.SECTIONS), all writing to
    one store; a reader that several sections share (the secondary sources) is told
    when a new section starts."""
    return {
        "serge_books": SergeBooks(store),
        "correspondence": Correspondence(store),
        "confiscated": Confiscated(store),
        "translations": Translations(store),
        "manuscripts": Manuscripts(store),
        "journalism": Journalism(store),
        "interviews": Interviews(store),
        "intelligence": IntelligenceFiles(store),
        "others": SecondarySources(store),
    }


def parse_thesis_bibliography(text: str, manual: dict | None = None) -> ParsedBibliography:
    """Parse the whole thesis text's BIBLIOGRAPHY into records; hand-curated entries
    (``manual``, by default the curated YAML file) replace the parser's reading."""
    manual = load_manual() if manual is None else manual
    curated = manual_entries(manual)
    store = Store()
    store.person("Victor Serge")
    add_manual_entities(store, manual)
    readers = section_readers(store)
    report = {"sections": [], "unparsed": []}
    for section_id, heading, lines in split_sections(text):
        kind = next(k for s, _, k in SECTIONS if s == section_id)
        readers[kind].start_section()
        stats = read_section(
            store, readers[kind], section_id, section_entries(section_id, kind, lines), curated, report
        )
        report["sections"].append({"section": section_id, "heading": heading, **stats})
    store.section, store.entry = "I.I", "series"
    readers["journalism"].link_series()
    check_references(store)
    return ParsedBibliography(**{name: store.lists[name] for name in RECORD_LISTS}, report=report)


def read_section(store, reader, section_id, entries, curated, report):
    """Read the entries of one section; return its counts (entries, parsed, curated by
    hand).  The text of each entry that could not be read goes to report["unparsed"]."""
    stats = {"entries": len(entries), "parsed": 0, "curated": 0}
    for entry in entries:
        store.section, store.entry = section_id, entry.label
        if (section_id, entry.label) in curated:
            apply_manual(store, curated[(section_id, entry.label)])
            stats["curated"] += 1
            continue
        before = {name: len(records) for name, records in store.lists.items()}
        if reader.read(entry, section_id):
            stats["parsed"] += 1
        else:
            rollback(store, before)
            report["unparsed"].append(entry.text)
    return stats


def rollback(store, before):
    """Forget what a failed entry added, so that an unparsed entry leaves no half records."""
    for name, count in before.items():
        for record in store.lists[name][count:]:
            if name in store.by_key and "key" in record:
                store.by_key[name].pop(record["key"], None)
        del store.lists[name][count:]


def check_references(store):
    """Every key a record points to must exist: add missing persons from their keys
    (curated contributions may name persons the parser never met)."""
    persons = store.by_key["persons"]
    for contribution in store.lists["contributions"]:
        if contribution["person"] not in persons:
            surname, _, forename = contribution["person"].partition("-")
            name = clean(f"{forename.replace('-', ' ').title()} {surname.replace('-', ' ').title()}")
            store._merge(
                "persons",
                {
                    "key": contribution["person"],
                    "name": name,
                    "sort_name": sort_name_of(name),
                    "names": [{"name": name, "type": "preferred"}],
                },
            )
