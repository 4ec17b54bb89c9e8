"""Parser of the bibliography of Weissman's thesis (001_29ff760426a99548.txt, from its
BIBLIOGRAPHY heading to the end).

The fixture pipeline (dataset/build.py) calls parse_thesis_bibliography with the text of
the thesis and gets plain records back: works, editions, contributions, relations,
holdings and the persons, publishers, archives, places and periodicals they point to.
Entries the parser cannot structure are curated by hand in
fixtures/curated/bibliography_manual.yaml, keyed by section and entry; those manual
records replace the parser's own, and the report says, section by section, how many
entries were parsed and how many curated, so that nothing is dropped silently.

Keys are permanent (fixtures/curated/ids.yaml gives them their public ids), so they are
made to stay put: a work's key is its author's key and the slug of its title up to the
first comma (a subtitle completed after a comma does not change it), and a publisher
printed in several ways ("Thames & Hudson", "Thames and Hudson") has one key, found by
the signature of its name (gazetteer.publisher_signature).

Everything here is pure Python: no ORM access, no I/O except reading the manual YAML
file.  The modules follow the parser's own seams, from the bottom up:

    records.py              what the parser hands back (ParsedBibliography)
    gazetteer.py            tables of places, publishers, persons, periodicals, languages
    dates.py                dates as printed, read into EDTF
    text.py                 small text helpers, persons' names into keys
    rules.py                the named Rule of the parser's rule tables
    store.py                the record store: merges records by key, hands out keys
    sections.py             the sections and how each is cut into entries
    imprints.py             publication statements ("Gallimard, Paris, 1951")
    section_reader.py       what every section's reader shares (editions from imprints)
    serge_books.py          I.A-C   Serge's books and poems
    correspondence.py       I.D-E   his correspondence
    manuscripts.py          I.F, H  confiscated works, unpublished manuscripts
    translations.py         I.G     his translations from Russian
    journalism.py           I.I     his journalism, and series of articles
    interviews_and_files.py II, III interviews, intelligence files
    secondary_sources.py    IV.A-C  works by others
    manual.py               entries curated by hand
    parse.py                the entry point
"""

from .parse import parse_thesis_bibliography
from .records import SOURCE, ParsedBibliography

__all__ = ["SOURCE", "ParsedBibliography", "parse_thesis_bibliography"]
