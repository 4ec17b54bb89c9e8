"""Sections I.F and I.H: Serge's works confiscated by the Soviet censorship, and his
unpublished manuscripts (essays, reviews, letters), both without editions.
"""

import re

from common.text import make_slug

from .dates import span_of_dates
from .records import SERGE
from .section_reader import SectionReader
from .text import clean, clean_title, guess_language, quoted_strings, split_names


class Confiscated(SectionReader):
    def read(self, entry, section):
        return self.confiscated(entry, section)

    def confiscated(self, entry, section):
        title, rest = clean(entry.text.split(",")[0]), clean(entry.text.split(",", 1)[1])
        existing = self.store.find_work(title)
        kind = next(
            (
                t
                for word, t in (
                    ("novel", "novel"),
                    ("memoir", "memoir"),
                    ("poem", "poem"),
                    ("History", "history"),
                )
                if word in rest
            ),
            "manuscript",
        )
        if existing:
            self.store.by_key["works"][existing]["description"] += (
                "; manuscript confiscated by the Soviet censorship"
            )
            return True
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            kind,
            "fr",
            status="confiscated",
            description=rest,
        )
        self.store.contribute(SERGE, "author", work=work)
        sequel = re.search(r"sequel to ([A-Z][\w ]+?),", rest)
        if sequel and self.store.find_work(sequel.group(1)):
            self.store.relate(work, "sequel-to", self.store.find_work(sequel.group(1)))
        return True


class Manuscripts(SectionReader):
    LETTER_TO = re.compile(
        r"(?:^Serge to|[Ll]etters? (?:from Serge )?to|[Ll]ettre a|cover letter to)\s+"
        r"((?:[A-Z][\w.]*\.?\s?)+?(?:\s+(?:and|et)\s+(?:[A-Z][\w.]*\s?)+)?)(?=\s*[,(]|\s+(?:of|sur|on)\b|$)"
    )

    def read(self, entry, section):
        return self.manuscript(entry, section)

    def manuscript(self, entry, section):
        """An unpublished essay, review or letter: title, date of writing, recipients."""
        text = entry.text
        typescript = text.startswith("Typescript")
        body = re.sub(r"^Typescript,\s*", "", text)
        titles, rest = quoted_strings(body)
        if titles:
            title = titles[0]
        else:
            title = clean_title(
                re.split(r"\s\(|,\s|\s(?=\d{1,2}\s\w+\.?\s\d)|\s(?=(?:fin\s)?[A-Za-z]+\.?\s\d{2}\b)", body)[0]
            )
            rest = body[len(title) :]
        if re.match(r"^(?:no title|no date)", title, re.I) or not title:
            title = "Untitled typescript"
        if re.fullmatch(r"No title", title.split(",")[0], re.I):
            title = "Untitled typescript"
        kind = "manuscript"
        if re.search(r"\breview\b", text, re.I):
            kind = "review"
        letter = self.LETTER_TO.search(text)
        if letter or re.match(r"^(?:Lettre|Letter|Two letters|Serge to)", text):
            kind = "letter"
        written = span_of_dates(re.sub(r"\d+\s*pp\b|Books|\(\d+ pp", "", rest or text))
        if not written and re.search(r"\b\d{2}\b", rest or ""):
            written = ""
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            kind,
            guess_language(title, "fr"),
            status="unpublished",
            written=written,
            description="Typescript" if typescript else "",
        )
        self.store.contribute(SERGE, "sender" if kind == "letter" else "author", work=work)
        if letter:
            for name in split_names(letter.group(1)):
                self.store.contribute(self.store.person(name), "recipient", work=work)
        return True
