"""Section I.I: Serge's journalism, listed under the periodicals it appeared in.

Each article is a work with one edition in its periodical.  The reader remembers the
articles it has read (self.articles), so that, once the whole bibliography is read,
articles sharing a series title ("Notes d'Allemagne", "... (I)" to "(V)") become
parts of one work of type series (link_series).
"""

import re

from common.text import make_slug, normalize

from .dates import find_dates
from .imprints import PAGES_RE, Imprint
from .records import SERGE
from .section_reader import SectionReader
from .store import work_prefix
from .text import clean, clean_title, quoted_strings

EXCERPT_SOURCES = {"Year One": "L'An I de la revolution russe", "Pages of a Diary": "Pages de Journal"}


class Journalism(SectionReader):
    def __init__(self, store):
        super().__init__(store)
        self.articles = []  # (work, title, periodical, date) of every article read

    def read(self, entry, section):
        return self.journalism(entry, section)

    def journalism(self, entry, section):
        """Articles in one periodical issue: one work of type article each, with its edition."""
        context = entry.context
        periodical = context["periodical"]
        periodical_key = self.store.periodical(periodical["title"], periodical["key"], periodical["place"])
        language = self.store.by_key["periodicals"][periodical_key]["language"]
        text = entry.text
        by_others = "about Serge" in context.get("note", "")
        author_name = None
        m = re.match(r'^([A-Z][a-z]+), (".*)$', text)
        if m:
            author_name, text = m.group(1), m.group(2)
        titles, rest = quoted_strings(text)
        if not titles and text.startswith('"'):
            title = re.split(r"[:,]", text[1:])[0]
            titles, rest = [clean_title(title)], text[len(title) + 1 :]
        if not titles:
            titles, rest = [self.untitled(text)], text
        credited = re.search(r"(?:par\s+)?\b(R\. Albert|R\.A\.)", rest)
        by = re.search(r"(?:,\s*|\bby\s+)(Jacques Mesnil|Magdeleine Paz)\b", rest)
        if by_others and by:
            author_name = by.group(1)
        dateline = re.search(r"\((Berlin|Kiev|Kieff|Moscow|Paris)\)", rest)
        editors = "(the Editors)" in rest
        imprint = self.article_imprint(rest)
        works = []
        for title in titles:
            about = (
                [SERGE]
                if (by_others or editors or "Serge" in title)
                and not (title.startswith("Letter from Victor Serge") or "de Victor Serge" in title)
                else []
            )
            kind = "review" if "review" in rest.lower() else "article"
            if "de Victor Serge" in title:
                about = [SERGE]
            if "(poem)" in rest:
                kind = "poem"
            if title.startswith(("Lettre", "Letter", "Lettres")) or "letter" in title.lower():
                kind = "letter"
            author = (
                self.store.person(author_name) if author_name else (None if (by_others or editors) else SERGE)
            )
            key = self.store.new_work_key(f"{work_prefix(author)}-{make_slug(title)}")
            work = self.store.work(
                key,
                title,
                kind,
                language,
                first_published=imprint.date,
                description=("Unsigned article" if by_others and not author else ""),
                about=about,
            )
            if author:
                self.store.contribute(author, "author", work=work)
            co = re.search(r"written with ([A-Z][\w.]*(?: [A-Z][\w.]*)+)", rest)
            if co:
                self.store.contribute(self.store.person(co.group(1)), "co-author", work=work)
            edition = self.store.edition(
                work,
                title,
                language,
                periodical=periodical_key,
                date=imprint.date,
                volume=imprint.volume,
                issue=imprint.issue,
                pages=imprint.pages,
                note="; ".join(
                    filter(None, [f"datelined {dateline.group(1)}" if dateline else "", *imprint.notes])
                ),
            )
            if credited:
                self.store.person(credited.group(1))
                self.store.contribute(SERGE, "author", edition=edition, credited_as=credited.group(1))
            works.append((work, title))
            excerpt = re.search(r"Excerpts from Serge's (.+?) printed", context.get("note", ""))
            if excerpt:
                source = self.store.find_work(EXCERPT_SOURCES.get(excerpt.group(1), excerpt.group(1)))
                if source:
                    self.store.relate(work, "excerpt-of", source)
            reviewed = re.match(r"^(.+?),? de Victor Serge$", title)
            if reviewed and self.store.find_work(reviewed.group(1)):
                self.store.relate(work, "review-of", self.store.find_work(reviewed.group(1)))
        self.articles.extend((w, t, periodical_key, imprint.date) for w, t in works)
        return bool(imprint.date or imprint.issue or imprint.pages or by_others)

    def untitled(self, text):
        m = re.match(r"^((?:Note on|Review of) [^,]+)", text)
        if m:
            return m.group(1)
        m = re.match(r"^\((.+?)\)", text)
        return clean(m.group(1)) if m else "Untitled article"

    def article_imprint(self, rest):
        """Volume, issue, date and pages of an article, in whatever order they come."""
        imprint = Imprint()
        rest = re.sub(r"\([^)]*(?:Berlin|Kiev|Kieff|Moscow|Paris|Editors)\)", " ", rest)
        rest = re.sub(r"(?:par\s+)?\bR\. ?Albert\b|\bR\.A\.", " ", rest)
        pages = PAGES_RE.search(rest)
        if pages:
            imprint.pages = clean(pages.group(1))
            rest = rest[: pages.start()] + " " + rest[pages.end() :]
        volume = re.search(r"\b(?:Vol|vol|Volume)\.?\s+([IVXLC]+|\d{1,3})\b", rest)
        if volume:
            imprint.volume = volume.group(1)
            rest = rest[: volume.start()] + " " + rest[volume.end() :]
        issue = re.search(
            r"(?:\b(?:No|no|Num|nos|Nos|Number)\.?|#)\s*(\d{1,3}(?:\s*-\s*\d{1,3})?(?:\s*\[\d+\])?)(?!\d)",
            rest,
        )
        if issue:
            imprint.issue = re.sub(r"\s+", "", issue.group(1)).replace("[", " [")
            rest = rest[: issue.start()] + " " + rest[issue.end() :]
        leading = re.match(
            r"^[\s,.]*(\d{1,3}(?:-\d{1,3})?)(?=[,.\s])(?!\s*(?:-\s*\d+\s+)?[A-Za-z]{3,}\.?\s+\d{2,4})", rest
        )
        if leading and not imprint.issue:
            value = leading.group(1)
            if issue is None and not re.match(r"^\s*,?\s*(?:No|no)\b", rest[leading.end() :]):
                imprint.issue = value
            rest = rest[leading.end() :]
        elif leading and not imprint.volume and re.match(r"^\d{1,3}$", leading.group(1)):
            imprint.volume = leading.group(1)
            rest = rest[leading.end() :]
        m = re.match(r"^[\s,.]*(\d{2,3})\s+(?=[A-Za-z]{3,}\.?\s+\d{4})", rest)
        if m and int(m.group(1)) > 31:
            imprint.issue = imprint.issue or m.group(1)
            rest = rest[m.end() :]
        dates = find_dates(rest)
        imprint.date = max(dates, key=lambda d: (len(d[0].split("/")[0]), -d[1]))[0] if dates else ""
        series = re.search(r"(New Series|Section \d+|special issue|numero special)", rest, re.I)
        if series:
            imprint.notes.append(series.group(1))
        return imprint

    def link_series(self):
        """Articles sharing a series title ("Notes d'Allemagne", "... (I)" to "(V)")
        become parts of a work of type series, ordered by date."""
        groups = {}
        for work, title, periodical, date in self.articles:
            base = series_base(title)
            if base:
                groups.setdefault(normalize(base), []).append((date, work, base, periodical))
        for parts in groups.values():
            if (
                len(parts) < 2
                or len({p[3] for p in parts}) > 1
                and "notes d allemagne" != normalize(parts[0][2])
            ):
                continue
            base = parts[0][2]
            members = {p[1] for p in parts}
            series = next(
                (
                    w["key"]
                    for w in self.store.lists["works"]
                    if w["key"] not in members
                    and normalize(w["title"]) == normalize(base)
                    and w["type"] in ("series", "history", "essay")
                ),
                None,
            )
            if series:
                self.store.by_key["works"][series]["type"] = "series"
            else:
                section, entry = self.store.section, self.store.entry
                self.store.entry = "series"
                series = self.store.work(
                    self.store.new_work_key(f"serge-{make_slug(base)}-series"),
                    base,
                    "series",
                    self.store.by_key["works"][parts[0][1]]["language"],
                    first_published=min(p[0] for p in parts if p[0]) if any(p[0] for p in parts) else "",
                    description="Series of articles",
                )
                self.store.contribute(SERGE, "author", work=series)
                self.store.entry = entry
                self.store.section = section
            for order, (_, work, _, _) in enumerate(sorted(parts, key=lambda p: (p[0] or "9999", p[1])), 1):
                self.store.relate(work, "part-of", series, order)


def series_base(title):
    """The series a title belongs to: "Notes d'Allemagne" in "La Greve ...: Notes
    d'Allemagne", "La lutte des classes ..." in "... (IV)", "Lenine 1917." itself."""
    if re.search(r"Notes d'Allemagne", title):
        return "Notes d'Allemagne"
    m = re.match(r"^(.+?)[,\s]*\((?:Part\s+)?[IVX]+\)$|^(.+?),\s+[IVX]+$", title)
    if m:
        return clean(m.group(1) or m.group(2))
    m = re.match(r"^(.+?)\s*[:;]\s+\S", title)
    if m and len(m.group(1)) > 12:
        return clean(m.group(1))
    return clean(title)
