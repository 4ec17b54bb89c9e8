"""Section I.G: works by others that Serge translated from Russian into French.

The author is the work's author; Serge (and whoever translated with him) is the
translator of each French edition.
"""

import re

from common.text import make_slug

from .imprints import parse_imprints, title_and_rest
from .records import SERGE
from .section_reader import SectionReader
from .text import split_chunks, split_names


class Translations(SectionReader):
    def read(self, entry, section):
        return self.translation(entry, section)

    def translation(self, entry, section):
        """A work by another author translated from Russian by Serge; further lines are
        further works of the same author."""
        authors_text, _, rest = entry.text.partition(", ")
        authors = [self.store.person(n) for n in split_names(authors_text)]
        kind = "novel" if entry.context.get("group") == "Fiction" else "book"
        for text in [rest] + entry.items:
            co_translators = re.findall(r"\(translated with ([^)]+)\)", text)
            text = re.sub(r"\(translated with [^)]+\)", "", text)
            m = re.match(
                r"^(.+?)\s+which was published in\s+(.+?)\s+in\s+(\d{4})\s+and appeared in\s+(.*)$", text
            )
            if m:
                text = f"{m.group(1)}, {m.group(2).replace('(', '').replace(')', ',')} {m.group(3)}"
            title, chunks = title_and_rest(text)
            imprints = parse_imprints(chunks)
            if not (imprints[0].date or imprints[0].publisher):
                return False
            author_key = authors[0]
            work = self.store.work(
                self.store.new_work_key(f"{author_key}-{make_slug(title)}"),
                title,
                kind,
                "ru",
                first_published="",
                description="Translated from Russian into French by Serge",
            )
            for order, author in enumerate(authors):
                self.store.contribute(author, "author" if order == 0 else "co-author", work=work)
            for key in self.add_editions(work, title, imprints, "fr"):
                self.store.contribute(SERGE, "translator", edition=key)
                for name in co_translators:
                    self.store.contribute(self.store.person(name), "translator", edition=key)
            if m:
                self.add_editions(work, title, parse_imprints(split_chunks(m.group(4))), "fr")
        return True
