"""Sections I.A to I.C: Serge's works on history, novels and poetry.

An entry names a work and its first edition, then its translations and reprints
("English translation by ..., as ...", "Reprinted by ... in 1970"), each cut off by
SEGMENT_SPLIT and read as one more edition; the poems found in the Serge Archive are
listed under the poetry entry that introduces them.
"""

import re

from common.text import make_slug

from .dates import first_date
from .gazetteer import LANGUAGE_NAMES
from .imprints import Imprint, parse_imprints, title_and_rest
from .records import SERGE
from .section_reader import SectionReader
from .text import clean, guess_language, person_key, quoted_strings, split_chunks, split_names


class SergeBooks(SectionReader):
    SEGMENT_SPLIT = re.compile(
        r"[,.;]?\s+(?:and\s+(?!as\b))?(?=(?:(?:English|Spanish|Italian|German) translation\b|[Rr]eprinted\b|"
        r"[Rr]epublished\b|[Rr]eissued\b|Also published\b|also as\b|also in\b|Published as\b|and as\b))"
    )
    TYPES_BY_SECTION = {"I.A": "essay", "I.B": "novel", "I.C": "poem"}

    def read(self, entry, section):
        parsed = self.serge_book(entry, section)
        if section == "I.C" and entry.items:
            self.poems(entry)  # read even when the entry is not, and rolled back with it
        return parsed

    def serge_book(self, entry, section):
        """A work by Serge and its editions, translations and reprints."""
        text = entry.text
        notes = []
        credited = re.search(r"published under the name ([A-Z][\w.]*(?: [A-Z][\w.]*)*)", text)
        signed = re.search(r'signed "([^"]+?),?"', text)
        written = ""
        m = re.search(r"\(?,?\s*written (?:in )?(\d{4}(?:-\d{2,4})?)\)?,?", text)
        if m:
            written = first_date(m.group(1))
            text = text[: m.start()] + "," + text[m.end() :]
        for paren in re.findall(r"\(([^()]{12,})\)\.?", text):
            if not re.search(r"\d{4}\)?$", paren) or "published" in paren:
                notes.append(clean(paren))
                text = text.replace(f"({paren})", "")
        text = re.sub(r"\.\s+(?:A pamphlet|This|An English translation|Part of|Another)\b.*$", "", text)
        segments = self.SEGMENT_SPLIT.split(text)
        co_authors = self.co_authors(segments[0])
        segments[0] = re.sub(
            r",\s*by Victor Serge[^,]*(?:,[^,]*?)*? and [A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*", "", segments[0]
        )
        collaborator = re.search(r"(?:written )?in collaboration with ((?:[A-Z][\w.]*\s?)+)", text)
        text = re.sub(r",?\s*(?:written )?in collaboration with ((?:[A-Z][\w.]*\s?)+)", "", text)
        segments = [
            re.sub(r",?\s*(?:written )?in collaboration with ((?:[A-Z][\w.]*\s?)+)", "", s) for s in segments
        ]
        title, chunks = title_and_rest(segments[0])
        if not title:
            return False
        kind = self.TYPES_BY_SECTION[section]
        if "(nouvelle)" in title:
            title, kind = clean(title.replace("(nouvelle)", "")), "short_story"
        if re.search(r"pamphlet|brochure", entry.text, re.I):
            kind = "pamphlet"
        imprints = parse_imprints(chunks)
        language = self.language_of(title, imprints[0], "fr")
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            kind,
            language,
            written=written,
            first_published=imprints[0].date,
            description="; ".join(notes),
        )
        self.store.contribute(SERGE, "author", work=work)
        originals = [None] if imprints[0].empty() else self.add_editions(work, title, imprints, language)
        if collaborator:
            self.store.contribute(self.store.person(clean(collaborator.group(1))), "co-author", work=work)
        if credited:
            self.store.contribute(
                self.store.person(credited.group(1)),
                "credited",
                edition=originals[0],
                credited_as=credited.group(1),
            )
            self.store.contribute(SERGE, "author", edition=originals[0])
        if signed:
            self.store.person(signed.group(1), "pseudonym")
            self.store.contribute(SERGE, "author", edition=originals[0], credited_as=signed.group(1))
        for co_author in co_authors:
            self.store.contribute(co_author, "co-author", work=work)
        last_title = {language: title}
        for segment in segments[1:]:
            self.later_edition(work, segment, language, originals[0], last_title)
        return any(e["work"] == work for e in self.store.lists["editions"])

    def co_authors(self, text):
        m = re.search(
            r",\s*by ((?:[A-Z][\w.\-]+ ?)+(?:,\s*(?:[A-Z][\w.\-]+ ?)+)*(?:,? and (?:[A-Z][\w.\-]+ ?)+))", text
        )
        if not m:
            return []
        return [self.store.person(n) for n in split_names(m.group(1)) if person_key(n)[0] != SERGE]

    def later_edition(self, work, segment, original_language, original, last_title):
        """A translation, reprint or re-edition named after the first publication."""
        segment = clean(re.sub(r"^and\s+", "", segment.strip()))
        translator = None
        tr = re.match(r"^(\w+) translation(?: by ((?:[A-Z][\w.\-]*\s?)+?))?(?:,|\s+as)\s+(.*)$", segment)
        if tr:
            language = LANGUAGE_NAMES[tr.group(1).lower()]
            translator = tr.group(2)
            title, chunks = title_and_rest(tr.group(3))
        else:
            language = None
            m = re.match(
                r"^[Rr]e(?:printed|published|issued)\s+by\s+(.+?)\s+in\s+(\d{4})(?:\s+and\s+(\d{4}))?(.*)$",
                segment,
            )
            if m:
                for year in filter(None, (m.group(2), m.group(3))):
                    self.add_editions(
                        work,
                        last_title[original_language],
                        [Imprint(publisher=m.group(1), date=year)],
                        original_language,
                        note="reprint",
                    )
                return
            m = re.match(
                r"^[Rr]e(?:printed|published|issued)(?: with [^,]*?)?\s+(?:as|by|in)\s+(.*)$", segment
            )
            n = re.match(r"^(?:Also published as|also as|Published as|and as|also in)\s+(.*)$", segment)
            body = (m or n).group(1) if (m or n) else segment
            if segment.startswith(("reprinted by", "Reprinted by")):
                title, chunks = last_title[original_language], split_chunks(body)
            elif segment.startswith("also in"):
                chunks = split_chunks(body)
                title, chunks = last_title[original_language], ["in " + chunks[0]] + chunks[1:]
            else:
                title, chunks = title_and_rest(body)
        imprints = parse_imprints(chunks)
        language = language or self.language_of(title, imprints[0], original_language)
        translation_of = original if language != original_language else None
        note = "" if translation_of else "reprint"
        keys = self.add_editions(work, title, imprints, language, translation_of=translation_of, note=note)
        last_title[language] = title
        if translator:
            person = self.store.person(translator)
            for key in keys:
                self.store.contribute(person, "translator", edition=key)

    def poems(self, entry):
        """Sub-items of "Poems found in Serge Archive": one unpublished poem each."""
        for item in entry.items:
            titles, rest = quoted_strings(item)
            title = (
                titles[0]
                if titles
                else ("Untitled poem" if item.lower().startswith("no title") else clean(item.split(",")[0]))
            )
            date = first_date(rest if titles else item)
            published = re.search(r"Pub\. in (.+)$", rest)
            key = self.store.work(
                self.store.new_work_key(f"serge-{make_slug(title)}"),
                title,
                "poem",
                guess_language(title, "fr"),
                status="published" if published else "unpublished",
                written=date,
                description="Poem found in the Serge Archive, Mexico",
            )
            self.store.contribute(SERGE, "author", work=key)
            self.store.hold(
                key,
                self.store.organisation("Serge Archive, Mexico City", "archive", "serge-archive-mexico"),
                1,
            )
            if published:
                self.add_editions(key, title, parse_imprints(split_chunks(published.group(1))), "fr")
