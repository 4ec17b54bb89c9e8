"""What every section reader shares: the store it writes to, and the writing of one
edition per imprint (add_editions) with the language the imprint suggests.

Each section of the bibliography has its own reader (serge_books.py, journalism.py,
...), a subclass of SectionReader with a `read(entry, section)` method returning
whether it could structure the entry; parse.py rolls back what an entry that could
not be read left behind.
"""

import re

from common.text import make_slug

from .gazetteer import (
    LANGUAGE_OF_PLACE,
    LANGUAGE_OF_PUBLISHER,
    PERIODICAL_INFO,
    PUBLISHER_BY_SIGNATURE,
    publisher_signature,
)
from .text import guess_language, periodical_key_for


class SectionReader:
    """Turns the entries of a section into records, using the store's helpers."""

    def __init__(self, store):
        self.store = store

    def start_section(self):
        """Called before the first entry of each section; readers that remember the
        entry before (the secondary sources) forget it here."""

    def read(self, entry, section):
        raise NotImplementedError

    # -- editions from imprints, shared by every section that lists publications
    def add_editions(self, work, title, imprints, language, translation_of=None, note=""):
        """One edition per imprint; returns the edition keys."""
        keys = []
        for imprint in imprints:
            if imprint.empty() and keys:
                continue
            periodical = self.store.periodical(imprint.periodical) if imprint.periodical else None
            place = self.store.place(imprint.place) if imprint.place else None
            publisher = None if periodical else self.store.organisation(imprint.publisher)
            notes = [note] if note else []
            notes += imprint.notes
            if periodical and imprint.publisher:
                notes.append(imprint.publisher)
            keys.append(
                self.store.edition(
                    work,
                    imprint.title or title,
                    language,
                    publisher=publisher,
                    place=place,
                    date=imprint.date,
                    series=imprint.series,
                    periodical=periodical,
                    volume=imprint.volume,
                    issue=imprint.issue,
                    pages=imprint.pages,
                    translation_of=translation_of,
                    note="; ".join(n for n in notes if n),
                )
            )
            for name, role in imprint.editors:
                self.store.contribute(self.store.person(name), role, edition=keys[-1])
        return keys

    def language_of(self, title, imprint, default):
        place = self.store.place(imprint.place) if imprint.place else None
        if imprint.periodical:
            info = PERIODICAL_INFO.get(periodical_key_for(imprint.periodical) or "")
            if info:
                return info[2]
        if place in LANGUAGE_OF_PLACE:
            return LANGUAGE_OF_PLACE[place]
        if imprint.publisher:
            signature = publisher_signature(imprint.publisher)
            publisher = PUBLISHER_BY_SIGNATURE.get(signature) or make_slug(imprint.publisher)
            if publisher in LANGUAGE_OF_PUBLISHER:
                return LANGUAGE_OF_PUBLISHER[publisher]
        if re.match(r"^(?:Ediciones|Editorial)", imprint.publisher or ""):
            return "es"
        return guess_language(title, default)
