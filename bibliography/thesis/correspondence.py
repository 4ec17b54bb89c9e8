"""Sections I.D and I.E: Serge's published and unpublished correspondence.

A collection of letters is one work of type correspondence, whose contributors are
its senders and recipients; held collections get a holding at their archive.
"""

import re

from common.text import make_slug

from .dates import first_date, span_of_dates
from .gazetteer import REPOSITORIES
from .imprints import parse_imprints, title_and_rest
from .records import SERGE
from .section_reader import SectionReader
from .text import clean, periodical_key_for, split_chunks, split_names


class Correspondence(SectionReader):
    def read(self, entry, section):
        return self.correspondence(entry, section)

    def correspondence(self, entry, section):
        """A collection of letters between Serge and others, published (D) or held (E)."""
        if entry.items:
            return self.archive_letters(entry)
        text = entry.text
        m = re.match(
            r"^(?:Correspondence with\s+)?(.+?),\s*((?:1[89]\d\d)(?:-\d{1,4})?)\s*[:,.]\s*(.*)$", text
        )
        if not m:
            return False
        names, years, rest = m.groups()
        persons = [self.store.person(n) for n in split_names(names)]
        title = f"Correspondence with {clean(names)}"
        status = "published" if section == "I.D" else "unpublished"
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            "correspondence",
            "fr" if section == "I.D" else "",
            status=status,
            written=first_date(years.replace("-", "/", 1)) if "-" in years else years,
        )
        self.letter_parties(work, persons, both_ways=True)
        repository = next((r for r in REPOSITORIES if r[0].search(rest)), None)
        if repository:
            chunks = split_chunks(re.sub(r"\(.*?\)", "", rest))
            count = re.search(r"(\d+) letters", rest)
            self.store.hold(
                work,
                self.store.organisation(repository[2], repository[3], repository[1]),
                int(count.group(1)) if count else None,
                shelfmark=chunks[0] if chunks else "",
                description="hundreds of letters" if "hundreds" in rest else "",
            )
        else:
            title_in, chunks = title_and_rest(re.sub(r"^published in\s+", "", rest))
            imprints = parse_imprints(chunks)
            imprint = imprints[0]
            if periodical_key_for(title_in):
                imprint.periodical = title_in
                title_in = title
            self.add_editions(work, title_in, imprints, "fr")
        return True

    def letter_parties(self, work, persons, both_ways=True, serge_sends=True, others_send=True):
        if serge_sends:
            self.store.contribute(SERGE, "sender", work=work)
        for person in persons:
            if others_send:
                self.store.contribute(person, "sender", work=work)
        if others_send:
            self.store.contribute(SERGE, "recipient", work=work)
        for person in persons:
            if serge_sends:
                self.store.contribute(person, "recipient", work=work)

    def archive_letters(self, entry):
        """Letters from each correspondent held at the Serge Archive in Mexico City."""
        archive = self.store.organisation("Serge Archive, Mexico City", "archive", "serge-archive-mexico")
        period = span_of_dates(entry.text)
        for item in entry.items:
            m = re.match(r"^([^(]+?)\s*(?:\((.*?)\))?\s*(?:\((.*?)\))?\s*,?$", item)
            names, count_text, extra = m.group(1), m.group(2) or "", m.group(3) or ""
            if count_text and not re.match(r"\d", count_text):
                count_text, extra = "", count_text
            received = re.match(r"(\d+)", count_text)
            sent = re.search(r"(\d+) from VS", count_text)
            persons = [self.store.person(n) for n in split_names(names)]
            title = f"Letters between Victor Serge and {clean(names)}"
            work = self.store.work(
                self.store.new_work_key(f"serge-letters-{make_slug(names)}"),
                title,
                "correspondence",
                status="unpublished",
                written=period,
                description=clean(extra),
            )
            self.letter_parties(work, persons, serge_sends=bool(sent))
            total = (int(received.group(1)) if received else 0) + (int(sent.group(1)) if sent else 0)
            self.store.hold(
                work,
                archive,
                total or None,
                description=f"{count_text} letters" if count_text else "number not given",
            )
        return True
