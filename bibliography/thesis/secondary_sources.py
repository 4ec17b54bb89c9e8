"""Sections IV.A to IV.C: theses, articles, reviews and books by others about Serge
and his world.

An entry opens with its authors (leading_authors: "Surname, Forename", "Forename
Surname", "(Ed.)"); a line without an author continues the list of the entry before
it, which is why the reader remembers the previous entry's authors, within a section.
The title runs on over commas until a chunk that belongs to the publication statement
(whole_title); the kind of work is read from the entry's words (WORK_KIND_RULES).
"""

import re

from common.text import make_slug, normalize

from .dates import year_of
from .gazetteer import CORPORATE, MONONYMS, NOT_FORENAMES, PUBLISHER_BY_SIGNATURE, publisher_signature
from .imprints import (
    DESCRIPTIVE,
    GENERIC_TITLES,
    UNPUBLISHED,
    corporate_author,
    is_name_of,
    names_periodical,
    parse_imprints,
    title_and_rest,
    title_part,
)
from .records import SERGE
from .section_reader import SectionReader
from .store import work_prefix
from .text import (
    clean_title,
    guess_language,
    looks_like_publisher,
    periodical_key_for,
    place_name,
    quoted_strings,
    split_chunks,
)

REVIEWED_ALIASES = {"rtya": "Russia Twenty Years After", "serge's memoirs": "Memoirs of a Revolutionary"}


# The kind of a work by others, from the words of its entry: the first rule that
# matches wins, in this order (a thesis reviewed is a thesis).  A work none names is
# an article when it has a periodical or a quoted title, else a book.
WORK_KIND_RULES = (
    ("thesis", re.compile(r"dissertation|thesis")),
    ("review", re.compile(r"\breview(?:ed)? (?:of|by)\b|\(review\b")),
    ("memoir", re.compile(r"memoir|journal de russie|diary|autobiography")),
    ("biography", re.compile(r"biography")),
    ("pamphlet", re.compile(r"\bpamphlet\b")),
)


def take_translator_and_editors(chunks):
    """Take the chunks naming a translator or a book's editors out of `chunks` (in place);
    return (translator or None, [editors' names])."""
    translator, book_editors = None, []
    has_publisher = any(looks_like_publisher(c) for c in chunks if not c.startswith("Ed. "))
    for chunk in list(chunks):
        t = re.match(r"^(?:Translated|edited and translated) by (.+)$", chunk, re.I)
        e = re.match(r"^(?:Ed\. by|[Ee]dited by|ed\. by|ed\.(?= [A-Z])) (.+)$", chunk)
        if not e and has_publisher:  # "Ed. Naomi Allen, Pathfinder Press": "Ed." names the editor
            e = re.match(r"^Ed\. ([A-Z][a-z]+(?: [A-Z][a-z]+)+)$", chunk)
        if t:
            translator = t.group(1)
            chunks.remove(chunk)
        elif e:
            chunks.remove(chunk)
            book_editors.append(e.group(1))
    return translator, book_editors


def other_work_imprints(chunks, quoted, thesis):
    """(imprints, chapter imprints) of a work by others.  For an article (a quoted
    title) the chunk after the title names its periodical; a "periodical" that has a
    publisher and is not a known periodical is the book the text is a chapter of."""
    if quoted and chunks and names_periodical(chunks[0]):
        chunks[0] = "in " + chunks[0]
    imprints = parse_imprints(chunks)
    imprint = imprints[0]
    if quoted and not imprint.periodical and not thesis:
        # an article: the first chunk after its title that is not a remark names the periodical
        candidates = [n for n in imprint.notes if n not in imprint.remarks and not DESCRIPTIVE.search(n)]
        if candidates:
            imprint.periodical = candidates[0]
            imprint.notes.remove(candidates[0])
    chapter = [i for i in imprints if i.periodical and i.publisher and not periodical_key_for(i.periodical)]
    for part in chapter:  # "in Their Morals and Ours, Merit Publishers": a book, not a periodical
        part.notes.insert(0, f"In {part.periodical}")
        part.periodical = ""
    return imprints, chapter


def first_publication(imprints):
    """The earliest date of the imprints, or of a "first published in 1937" they note."""
    dates = [i.date for i in imprints if i.date]
    dates += [
        m.group(1)
        for i in imprints
        for n in i.notes
        if (m := re.search(r"first published in (\d{4})", n, re.I))
    ]
    return min(dates, key=lambda d: (year_of(d), dates.index(d))) if dates else ""


class SecondarySources(SectionReader):
    def __init__(self, store):
        super().__init__(store)
        self.previous_authors = ([], [])  # (author keys, roles) of the entry before

    def start_section(self):
        self.previous_authors = ([], [])

    def read(self, entry, section):
        return self.other_work(entry, section)

    def other_work(self, entry, section):
        """A book, article, thesis or review by another author; lines without an author
        continue the previous author's list."""
        text = entry.text
        authors, roles, rest, corporate = self.entry_authors(text)
        # "Paris, Rieder, 1929. republished with ...": a new imprint, not a sentence of the old one
        rest = re.sub(r"(\b1[89]\d\d)\.\s+(?=re(?:published|printed|issued)\b)", r"\1, ", rest)
        titles, _ = quoted_strings(rest)
        title, chunks = title_and_rest(rest)
        if not title:
            return False
        quoted = rest.lstrip().startswith('"')
        short_title = title  # the key is made from the title up to its first comma, as it always was
        if not titles:  # a title without quotes, or whose closing quote was lost, runs on over commas
            title, chunks = self.whole_title(title, chunks, authors)
        translator, book_editors = take_translator_and_editors(chunks)
        thesis = bool(re.search(r"dissertation|thesis", text.lower()))
        imprints, chapter = other_work_imprints(chunks, quoted, thesis)
        imprint = imprints[0]
        kind = self.work_kind(text, title, "article" if quoted or imprint.periodical else "book")
        status = "unpublished" if UNPUBLISHED.search(text.lower()) else "published"
        about = [SERGE] if section in ("IV.A", "IV.B") or "Serge" in title else []
        language = self.language_of(title, imprint, guess_language(title, "en"))
        date = first_publication(imprints)
        notes = [n for i in imprints for n in i.notes] + [i.publisher for i in imprints if i.publisher]
        made = status == "published" or bool(imprint.periodical)  # a work with editions
        prefix = work_prefix(authors[0] if authors else None)
        work = self.store.work(
            self.store.new_work_key(f"{prefix}-{make_slug(short_title)}"),
            title,
            kind,
            language,
            status=status,
            first_published=date if status == "published" else "",
            written=imprint.date if status != "published" else "",
            description="; ".join(
                ([f"Issued by {corporate}"] if corporate else []) + ([] if made else notes)
            ),
            about=about,
        )
        for order, (author, role) in enumerate(zip(authors, roles, strict=True)):
            self.store.contribute(
                author, role if (role != "author" or order == 0) else "co-author", work=work
            )
        keys = self.other_work_editions(work, title, imprints, language, status, translator) if made else []
        for name in book_editors:
            if chapter and keys:  # the editor of the book the text is in
                self.store.contribute(self.store.person(name), "editor", edition=keys[0])
            else:
                self.store.contribute(self.store.person(name), "editor", work=work)
        for other in titles[1:]:  # '"OGPU Threatens ..." and "The OGPU in Mexico"': one work each
            key = self.store.work(
                self.store.new_work_key(f"{prefix}-{make_slug(other)}"),
                other,
                kind,
                language,
                status=status,
                first_published=date if status == "published" else "",
                about=about,
            )
            if made:
                self.add_editions(key, other, imprints, language)
        if kind == "review" or about:
            target = reviewed_work(self.store, text)
            if target:
                self.store.relate(work, "review-of", target)
        return True

    def entry_authors(self, text):
        """(authors, roles, the text after them, corporate author or None) of an entry.
        An entry without an author is by the previous entry's authors, unless a body
        issued it ("United States Senate, ...") or it says it is unsigned."""
        authors, roles, rest = self.leading_authors(text)
        corporate = None
        if authors is None:
            corporate = corporate_author(text)
            if corporate:  # "United States Senate, Scope of Soviet Activity ...": no person wrote it
                authors, roles, rest = [], [], text[len(corporate) :].lstrip(" ,")
            else:
                authors, roles = self.previous_authors[0], ["author"] * len(self.previous_authors[0])
                rest = text
        if re.search(r"\(Unsigned", text):
            authors, roles = [], []
        joint = re.match(r"^[A-Z][a-z]+ and [A-Z][a-z]+,", text) and authors
        # after "Carr and Davies, ...", the lines without an author are Carr's again
        self.previous_authors = (authors[:1], roles[:1]) if joint else (authors, roles)
        editor_inline = re.match(r"^\(Ed\.\)\s*", rest)
        if editor_inline:
            roles = ["editor"] * len(authors)
            rest = rest[editor_inline.end() :]
        return authors, roles, rest, corporate

    def work_kind(self, text, title, default):
        """The kind of work an entry describes: the first of WORK_KIND_RULES its words
        match, or a review of a work by Serge it names by title, else `default`."""
        lower = text.lower()
        for kind, pattern in WORK_KIND_RULES:
            if pattern.search(lower) or kind == "review" and self.names_a_work_by_serge(title):
                return kind
        return default

    def names_a_work_by_serge(self, title):
        """ "Victor Serge, Year One of ...", "... par V. Serge": a review of that book."""
        m = re.match(r"^Victor Serge, (.+)$", title)
        return bool(m and self.store.find_work(m.group(1))) or " par V. Serge" in title

    def other_work_editions(self, work, title, imprints, language, status, translator):
        """The editions of a work by others, and its translator on each; a forthcoming
        text's date is the paper's, not an issue's, so its editions have none."""
        if status != "published":
            for part in imprints:
                part.date = ""
        keys = self.add_editions(work, title, imprints, language)
        if translator:
            for key in keys:
                self.store.contribute(self.store.person(translator), "translator", edition=key)
        return keys

    def whole_title(self, title, chunks, authors):
        """The title and the chunks after it, the title taken on over the commas of its
        subtitle ("The Look of Things, Selected Essays and Articles, Harmondsworth, ...")
        up to the first chunk that is part of the imprint: a place, a publisher, a date
        (a span of years, "1928-1931", is part of a title), a volume or page count, a
        parenthesis, a role ("Ed. by"), a remark.  An author's name repeated after the
        title is left out."""
        chunks = [c for c in chunks if not (authors and is_name_of(c, authors))]
        if normalize(title) in GENERIC_TITLES:
            return title, chunks
        while chunks:
            chunk = chunks[0]
            span = re.match(
                r"^(\(1[89]\d\d\s*-\s*(?:1[89])?\d\d\))\s*(.*)$", chunk
            )  # "(1926-1927) (presented by ...)"
            if span:
                title = f"{title}, {span.group(1)}"
                chunks = ([span.group(2)] if span.group(2) else []) + chunks[1:]
                continue
            if " * " in chunk:  # "1923-1924 * A History of Soviet Russia, Vol. IV": the series after the star
                head, _, series = chunk.partition(" * ")
                if not title_part(head, chunks[1:]):
                    break
                title = f"{title}, {head}"
                chunks = [f"series {series}"] + chunks[1:]
                break
            glued = re.match(r"^(.+?)\s+(\S+)$", chunk)  # "Trotsky 1929-1940 OUP"
            if (
                glued
                and publisher_signature(glued.group(2)) in PUBLISHER_BY_SIGNATURE
                and title_part(glued.group(1), chunks[1:])
            ):
                title = f"{title}, {glued.group(1)}"
                chunks = [glued.group(2)] + chunks[1:]
                break
            if not title_part(chunk, chunks[1:]):
                break
            title = f"{title}, {chunk}"
            chunks = chunks[1:]
        return clean_title(title), chunks

    FORENAME = r"(?:[A-Z][a-z\u00e0-\u00ff'\-]+|(?:[A-Z]\.\s?)+[A-Z]?\.?|[A-Z]{2,3})"

    def leading_authors(self, text):
        """Authors at the head of an entry: "Surname, Forename," "Forename Surname,"
        "Surname, F. and Surname2, F2," with "(Ed.)" or "Ed." for editors."""
        rest, authors, roles = text, [], []
        name_re = re.compile(
            r"^(?P<surname>(?:(?:[Vv]an|[Dd]e) )?[A-Z][\w'\-]+(?: (?:y|van|de) [A-Z][\w'\-]+)?)"
            r",\s+(?P<forename>"
            + self.FORENAME
            + r"(?:\s+"
            + self.FORENAME
            + r"){0,2})(?P<end>\s*(?:\(Ed\.\)|,\s*Ed\.|,\s*\(Ed\.\))?"
            r"\s*(?:[,:]|(?=\s*\")|\s+and\s+|\s*&\s*|(?=\s+[A-Z])))"
        )
        forward_re = re.compile(
            r"^(?P<name>(?:[A-Z][\w'\-]+|(?:[A-Z]\.\s?)+)(?:\s+(?:[A-Z][\w'\-]*\.?|y|van|de))*\s+[A-Z][\w'\-]+)"
            r"(?P<end>(?:,\s*Ed\.)?,\s*|:\s*)"
        )
        mononym = re.match(r"^([A-Z][a-z]+),\s+", rest)
        if mononym and mononym.group(1) in MONONYMS:
            return [self.store.person(mononym.group(1))], ["author"], rest[mononym.end() :]
        if CORPORATE.match(rest.split(",")[0]) or CORPORATE.search(rest.split(",")[0]):
            return None, None, text
        known_as = re.match(r"^([A-Z][a-z]+) \(([A-Z][^)]+)\),\s+", rest)
        if known_as:  # "Volin (Vsevolod Mikhailovich Eichenbaum), La Revolucion ..."
            key = self.store.person(known_as.group(1))
            self.store.person_form(key, known_as.group(2), "variant")
            return [key], ["author"], rest[known_as.end() :]
        previous = self.previous_authors[0]
        pair = re.match(r"^([A-Z][a-z]+) and ([A-Z][a-z]+),\s+", rest)
        if pair and previous and previous[0].startswith(make_slug(pair.group(1)) + "-"):
            # "Carr and Davies, Foundations of ...", after the entries of "Carr, E.H."
            return [previous[0], self.store.person(pair.group(2))], ["author", "author"], rest[pair.end() :]
        while True:
            couple = re.match(r"^([A-Z][\w'\-]+),\s+([A-Z][a-z]+) et ([A-Z][a-z]+),\s*", rest)
            if couple and authors:  # "... & Rosmer, Alfred et Marguerite, Correspondance ..."
                for forename in couple.group(2, 3):
                    authors.append(self.store.person(f"{couple.group(1)}, {forename}"))
                    roles.append(roles[0])
                rest = rest[couple.end() :]
                break
            m = name_re.match(rest)
            if (
                m
                and m.group("forename").split()[0].lower() not in NOT_FORENAMES
                and m.group("surname").lower() not in NOT_FORENAMES
                and not looks_like_publisher(m.group("forename"))
                and not place_name(m.group("forename"))
            ):
                forename, end = forename_and_end(m)
                authors.append(self.store.person(f"{m.group('surname')}, {forename}"))
                roles.append("editor" if "Ed." in m.group("end") else "author")
                rest = rest[end:].lstrip(" ,:")
                more = re.match(r"^(?:and|&)\s+", rest) or re.search(r"(?:and|&)\s*$", m.group("end"))
                if more:
                    rest = rest[more.end() :] if more.re.pattern.startswith("^") else rest
                    fwd = re.match(r"^([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)+?)(?=,)", rest)
                    if fwd and not name_re.match(rest):
                        authors.append(self.store.person(fwd.group(1)))
                        roles.append(roles[0])
                        rest = rest[fwd.end() :].lstrip(" ,")
                        break
                    continue
                break
            f = forward_re.match(rest)
            if f and not authors:
                after = split_chunks(rest[f.end() :])
                head = f.group("name").split()
                if (
                    head[0].lower() not in NOT_FORENAMES
                    and after
                    and not place_name(re.split(r" and | & |\s*\(", after[0])[0])
                    and not looks_like_publisher(after[0])
                    and not looks_like_publisher(f.group("name"))
                ):
                    authors.append(self.store.person(f.group("name")))
                    roles.append("editor" if "Ed." in f.group("end") else "author")
                    rest = rest[f.end() :]
                    break
            single = re.match(r"^([A-Z][a-z]+),\s+(?=[\"A-Z])", rest)
            if (
                single
                and not authors
                and single.group(1).lower() not in NOT_FORENAMES
                and not re.match(r"^[A-Z][a-z]+,\s+[A-Z][a-z]+,", rest)
            ):
                authors.append(self.store.person(single.group(1)))
                roles.append("author")
                rest = rest[single.end() :]
            break
        return (authors, roles, rest) if authors else (None, None, text)


def forename_and_end(m):
    """The forename a "Surname, Forename" match names, and where the name ends.  When
    no comma closes it ("Cannon, James P. The History of ..."), the forename is its
    first word and the initials after it; the words after them are the title's."""
    forename = m.group("forename")
    if m.group("end").strip() != "" or len(forename.split()) == 1:
        return forename, m.end()
    tokens = forename.split()
    initials = 1
    while initials < len(tokens) and re.fullmatch(r"(?:[A-Z]\.)+", tokens[initials]):
        initials += 1
    forename = " ".join(tokens[:initials])
    return forename, len(m.group("surname")) + 2 + len(forename)


def reviewed_work(store, text):
    """The work by Serge that a review or study names ("Review of RTYA", "Victor Serge,
    Year One of the Russian Revolution")."""
    for alias, title in REVIEWED_ALIASES.items():
        if alias in text.lower():
            return store.find_work(title)
    candidates = re.findall(r"(?:[Rr]eview of |Victor Serge, |Victor Serge's \")([^,()\"]+)", text)
    candidates += re.findall(r'"([^"]+?) par V\. Serge', text)
    for candidate in candidates:
        if len(candidate.strip()) < 4:  # "L'Affaire Victor Serge, in ..."
            continue
        work = store.find_work(candidate.strip())
        if work:
            return work
    return None
