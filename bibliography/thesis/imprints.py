"""Publication statements: what follows a title ("Gallimard, Paris, 1951",
"Esprit, 16, No. 1, janvier 1948, pp. 12-30") read into Imprints.

A statement is split into chunks on its commas (text.split_chunks), the chunks are
grouped into imprints, each closed by its date (parse_imprints), and each chunk is
read by read_chunk: first the rules that recognise a whole chunk (CHUNK_RULES, each
testable alone), then the numbers and dates it carries, then what is left names a
periodical, a place, a series or a publisher.  The predicates at the end
(title_part, names_periodical) say whether a chunk goes on with a title or starts
the statement.
"""

import re
from dataclasses import dataclass, field

from common.text import normalize

from .dates import find_dates
from .gazetteer import CORPORATE
from .rules import Rule, first_rule
from .text import (
    clean,
    clean_title,
    looks_like_publisher,
    periodical_key_for,
    person_key,
    place_name,
    quoted_strings,
    split_chunks,
)


@dataclass
class Imprint:
    """What one publication statement says: publisher, place, date, periodical data."""

    publisher: str = ""
    place: str = ""
    date: str = ""
    series: str = ""
    periodical: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    title: str = ""
    notes: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    remarks: list = field(default_factory=list)  # notes that are remarks, never a periodical's name
    bare_issue: bool = False  # the issue was a bare number ("Tri-Quarterly, 8")

    def empty(self):
        return not (self.publisher or self.place or self.date or self.periodical)


ISSUE_RE = re.compile(
    r"(?:\b(?:No|no|Num|nos|Nos|numero|Number|Cahiers)|#)\.?\s*#?\s*(\d[\d\s\-&\[\]/]*(?:\s*\[\d+\])?)"
)
VOLUME_RE = re.compile(r"\b(?:Vol|Volume|vol|T)\.?\s+([IVXLC]+|\d+)\b")
PAGES_RE = re.compile(r"\bpp?\.\s*(\d[\d\s\-–,]*(?:\s*(?:and|et|&)\s*\d+)?)")


def parse_imprints(chunks):
    """Group the chunks after a title into imprints, each closed by its date:
    "Doubleday, New York, 1969, Gollancz, London 1970" gives two."""
    imprints, current = [], Imprint()
    split = []
    for chunk in chunks:
        m = re.match(r"^(.*\b1[89]\d\d)\s+and\s+(.+)$", chunk)
        split += [m.group(1), m.group(2)] if m else [chunk]
    for i, chunk in enumerate(split):
        if (
            current.date
            and not continues_imprint(chunk)
            and not remark_chunk(chunk)
            and (current.publisher or current.periodical or current.place)  # "(1986), forthcoming in ..."
            and not (  # "..., Nov-Dec. 1947, Paris": the place of the imprint just dated
                place_name(chunk)
                and not current.place
                and not any(find_dates(later) for later in split[i + 1 :])
            )
        ):
            imprints.append(current)
            current = Imprint()
            new_title = re.sub(r"^and\s+", "", chunk)
            if (
                (chunk.startswith("and ") or not re.search(r"\d", chunk))
                and not looks_like_publisher(new_title)
                and not place_name(new_title)
                and not CONTAINER_RE.match(new_title)
                and not re.match(r"^re(?:published|printed|issued)\b", new_title, re.I)
            ):
                current.title = clean_title(new_title)
                continue
        read_chunk(chunk, current)
    if not current.empty() or not imprints:
        imprints.append(current)
    return imprints


def remark_chunk(chunk):
    """A remark about the imprint before it, never the start of another one."""
    return bool(re.match(r"^\(.*\)$|^(?:first published|this \w+ was first published)\b", chunk, re.I))


def continues_imprint(chunk):
    """A chunk that completes the imprint before it (pages, issue, volume, "ano 33")
    rather than opening another one."""
    return bool(
        PAGES_RE.search(chunk)
        or ISSUE_RE.match(chunk)
        or VOLUME_RE.match(chunk)
        or re.match(r"^(?:ano|year|annee)\s+\d+$|^\d+\s*pp\.?$", chunk, re.I)
    )


# Chunks that say nothing about an edition: a company's legal form, a weekday.
NOISE_CHUNKS = {
    "inc",
    "ltd",
    "s a",
    "sa",
    "co",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
}
# What follows a town to name its state or region ("Lexington, Mass", "Frankfurt, Main").
PLACE_QUALIFIERS = {"mass", "conn", "ny", "n y", "calif", "main", "england", "usa"}
CONTAINER_RE = re.compile(
    r"^(?P<how>forthcoming|published posthumously|reprinted|also)?\s*"
    r"\b(?:in|revue)\s+(?:(?:the\s+)?revue\s+)?(?P<name>.+)$",
    re.I,
)


def paren_note(text, imprint):
    """A parenthesis of an imprint: a date ("(1986)", "(fev.1959)"), a place
    ("Now (London)") or a remark."""
    inner = clean(text.strip().strip("()"))
    if ISSUE_RE.search(inner) or VOLUME_RE.search(inner):  # "(no. 3, April 1937)"
        for part in split_chunks(inner):
            read_chunk(part, imprint)
        return
    dates = find_dates(inner)
    if dates and not re.search(r"[A-Za-z]{3,}", _without(inner, dates)):
        imprint.date = imprint.date or dates[0][0]
    elif place_name(inner):
        imprint.place = imprint.place or place_name(inner)
    elif inner:
        imprint.notes.append(inner)
        imprint.remarks.append(inner)


def several_places(text):
    """The first of places joined by "and" or "&" ("New York & Oxford"), else None."""
    parts = re.split(r"\s+(?:and|&)\s+", text)
    places = [place_name(p) for p in parts]
    return places[0] if len(parts) > 1 and all(places) else None


# -- reading one chunk.  The readings of a whole chunk come first, as a table of named
# rules tried in order (CHUNK_RULES); a chunk none of them reads gives up its numbers
# (pages, issue, volume) and its date, and what is left names something (read_name).


def _leading_parenthesis(m, imprint):
    """ "(1986) Gallimard": the parenthesis, then the rest.  An unclosed parenthesis is
    left to the later rules."""
    text, depth = m.string, 0
    for i, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            paren_note(text[: i + 1], imprint)
            if clean(text[i + 1 :]):
                read_chunk(clean(text[i + 1 :]), imprint)
            return True
    return False


def _trailing_parenthesis(m, imprint):
    """ "Now (London)": the words, then the parenthesis."""
    read_chunk(m.group(1), imprint)
    paren_note(m.group(2), imprint)
    return True


def _noise(m, imprint):
    """A company's legal form or a weekday, or a state after a town ("Lexington, Mass"):
    read, and nothing to keep."""
    n = normalize(m.string)
    return n in NOISE_CHUNKS or bool(imprint.place) and n in PLACE_QUALIFIERS


def _reprint(m, imprint):
    """ "reprinted with an introduction by ...": a remark, and who wrote the introduction."""
    imprint.notes.append(clean(m.string))
    imprint.remarks.append(clean(m.string))
    if m.group(1):
        role = "preface" if m.group(1).lower() == "preface" else "introduction"
        imprint.editors.append((m.group(2), role))
    return True


def _remark(m, imprint):
    imprint.notes.append(clean(m.string))
    imprint.remarks.append(clean(m.string))
    return True


def _series_number(m, imprint):
    """ "Cahiers Leon Trotsky, no. 3" before any publisher or periodical is a series."""
    if imprint.publisher != "" or imprint.periodical:
        return False
    imprint.series = f"{m.group(1)}, no. {m.group(2)}"
    return True


def _volume_and_pages(m, imprint):
    """ "16:123-140": volume 16, pages 123-140."""
    imprint.volume = imprint.volume or m.group(1)
    imprint.pages = imprint.pages or m.group(2).replace(" ", "")
    return True


def _bare_issue(m, imprint):
    """ "Tri-Quarterly, 8": a bare number after a periodical is its issue (or, if an
    issue follows, its volume: see _take_numbers)."""
    if not imprint.periodical or imprint.issue:
        return False
    imprint.issue, imprint.bare_issue = m.string, True
    return True


def _edited_by(m, imprint):
    imprint.editors.append((m.group(2), "editor"))
    if m.group(1):
        imprint.editors.append((m.group(2), "introduction"))
    return True


def _special_issue(m, imprint):
    imprint.periodical = clean(m.group(1))
    imprint.notes.append("special issue")
    return True


CHUNK_RULES = (
    Rule("leading parenthesis", re.compile(r"^\("), _leading_parenthesis),
    Rule("trailing parenthesis", re.compile(r"^(.*\S)\s*(\([^()]*\))$"), _trailing_parenthesis),
    Rule("noise", re.compile(r".*", re.S), _noise),  # tests every chunk; the handler decides
    Rule(
        "reprint",
        re.compile(
            r"^re(?:published|printed|issued)(?: with an? (introduction|preface|afterword) by (.+))?$", re.I
        ),
        _reprint,
    ),
    Rule(
        "first published", re.compile(r"^(?:first published|this \w+ was first published)\b", re.I), _remark
    ),
    Rule("series number", re.compile(r"^(Cahiers [A-Z][\w' ]+?),?\s+no\.?\s*(\d+)$"), _series_number),
    Rule("volume and pages", re.compile(r"^(\d{1,4}):(\d+(?:\s*-\s*\d+)?)$"), _volume_and_pages),
    Rule("bare issue", re.compile(r"^\d{1,3}\Z"), _bare_issue),
    Rule(
        "edited by", re.compile(r"^(?:[Ee]dited(?: and (introduced))?|[Ii]ntroduced) by\s+(.+)$"), _edited_by
    ),
    Rule("special issue", re.compile(r"^special issue of\s+(.+)$", re.I), _special_issue),
)


def read_chunk(chunk, imprint):
    """Put what one chunk says into an imprint."""
    rest = re.sub(r"^and\s+", "", chunk)
    if first_rule(CHUNK_RULES, rest, imprint):
        return
    rest = _take_numbers(rest, chunk, imprint)
    rest = _take_date(rest, imprint)
    for inner in re.findall(r"\([^()]*\)", rest):  # "Now (London)", "No. 2 (New Series) Winter 1987"
        paren_note(inner, imprint)
        rest = rest.replace(inner, " ")
    rest = clean(re.sub(r"\(\s*\)|^\(|\)$", "", clean(rest)))
    if rest and normalize(rest) not in NOISE_CHUNKS:
        read_name(rest, imprint)


def _take_numbers(rest, chunk, imprint):
    """Take the pages, issue and volume out of a chunk; return what is left.  An issue
    number is an issue only in a periodical (or a chunk that says "revue" or "special",
    or before any publisher): "Gallimard, No. 3" is not."""
    pages = PAGES_RE.search(rest)
    if pages:
        imprint.pages = clean(pages.group(1))
        rest = rest[: pages.start()] + rest[pages.end() :]
    issue = ISSUE_RE.search(rest)
    if issue and (imprint.periodical or re.search(r"revue|special", chunk, re.I) or not imprint.publisher):
        if imprint.bare_issue and not imprint.volume:  # "Esprit, 16, No. 1": 16 was the volume
            imprint.volume, imprint.bare_issue = imprint.issue, False
        imprint.issue = clean(issue.group(1).replace(" ", ""))
        rest = rest[: issue.start()] + rest[issue.end() :]
    volume = VOLUME_RE.search(rest)
    if volume:
        imprint.volume = volume.group(1)
        issue_of_volume = re.match(r"^:(\d{1,3})\b", rest[volume.end() :])  # "Vol. 5:1"
        if issue_of_volume and not imprint.issue:
            imprint.issue = issue_of_volume.group(1)
            rest = rest[: volume.end()] + rest[volume.end() + issue_of_volume.end() :]
        rest = rest[: volume.start()] + rest[volume.end() :]
    return rest


def _take_date(rest, imprint):
    """Take the date out of a chunk when what is left around it is no more than a short
    word, a place or a publisher ("Paris 1951", "Gallimard 1951"); return what is left."""
    dates = find_dates(rest)
    if not dates:
        return rest
    left = _without(rest, dates)
    if not re.search(r"[A-Za-z]{4,}", left or "") or place_name(left) or looks_like_publisher(left):
        imprint.date = imprint.date or dates[0][0]
        return left
    return rest


def read_name(rest, imprint):
    """What the words left in a chunk name: a periodical ("in Esprit"), a place, a
    publisher who prints its town first ("Paris Gallimard"), a series, a remark."""
    container = CONTAINER_RE.match(rest)
    if container or periodical_key_for(rest) and not looks_like_publisher(rest):
        _read_periodical(rest, container, imprint)
    elif place_name(rest):
        imprint.place = place_name(rest)
    elif several_places(rest):
        imprint.place = imprint.place or several_places(rest)
    elif re.match(r"^(?:paris|london|mexico)\s+\S", rest, re.I) and place_name(rest.split()[0]):
        imprint.place = place_name(rest.split()[0])
        imprint.publisher = imprint.publisher or clean(rest.split(None, 1)[1])
    elif re.match(r"^(?:coll\.|series|serie)", rest, re.I):
        imprint.series = clean_title(re.sub(r"^(?:coll\.|series|serie)\s*", "", rest, flags=re.I))
    elif re.search(r"special issue|numero special|supplement", rest, re.I):
        imprint.notes.append(rest)
    elif not imprint.publisher and looks_like_publisher(rest):
        imprint.publisher = rest
    else:
        imprint.notes.append(rest)


def _read_periodical(rest, container, imprint):
    """The periodical a chunk names ("in L'Humanite 26 juin 1930", "New Left Review
    159", "forthcoming in ..."), with the date or issue glued to its name."""
    name = clean(container.group("name") if container else rest)
    dates = find_dates(name)
    if dates and re.search(r"[A-Za-z]{3,}", _without(name, dates)):  # "in L'Humanite 26 juin 1930"
        imprint.date = imprint.date or dates[0][0]
        name = _without(name, dates)
    if container and container.group("how"):
        imprint.notes.append(container.group("how").lower())
        imprint.remarks.append(container.group("how").lower())
    number = re.match(
        r"^(.*[A-Za-z].*?)\s+(\d{1,4})$", name
    )  # "New Left Review 159", "Socialist Register 1986"
    if number and re.fullmatch(r"1[89]\d\d", number.group(2)):
        name, imprint.date = number.group(1), imprint.date or number.group(2)
    elif number:
        name, imprint.issue = number.group(1), imprint.issue or number.group(2)
    imprint.periodical = clean(name)


def _without(text, dates):
    for _, start, end in sorted(dates, key=lambda d: -d[1]):
        text = text[:start] + text[end:]
    return clean(text)


def title_and_rest(text):
    """Split "Title, publisher, place, year" into the title and the other chunks;
    a quoted title is taken whole, commas and all."""
    titles, rest = quoted_strings(text)
    if titles:
        return titles[0], split_chunks(rest)
    m = re.match(r'^([^"]+?)[,.]?"\s*(.*)$', text)  # a title whose opening quote was lost
    if m and text.count('"') == 1:
        return clean_title(m.group(1)), split_chunks(m.group(2))
    chunks = split_chunks(text)
    if not chunks:
        return "", []
    title, chunks = chunks[0], chunks[1:]
    glued = re.match(
        r"^(.+?)\s+((?:Paris|London|New York)(?:\s+(?:and|&)\s+(?:Paris|London|New York|Oxford))?)$", title
    )
    if glued:  # "In Stalin's Secret Service New York and London"
        title, chunks = glued.group(1), [glued.group(2)] + chunks
    paren = re.match(r"^(.+?)\s*\(([^()]+)\)$", title)
    if paren and (VOLUMES_RE.search(paren.group(2)) or looks_like_publisher(paren.group(2))):
        # "The Communist Movement (Two Volumes)", "World Without Visa (Doubleday & Co.)"
        extra = paren.group(2) if looks_like_publisher(paren.group(2)) else f"({paren.group(2)})"
        title, chunks = paren.group(1), [extra] + chunks
    return clean_title(title), chunks


GENERIC_TITLES = {"testimony"}  # a title that names a kind of text; what follows says where it is
DESCRIPTIVE = re.compile(
    r"unpublished|forthcoming|typescript|treatment for|dissertation|thesis|testimonial|\bessay\b|"
    r"interview with|review of|in progress|\d+\s*pp\b",
    re.I,
)
UNPUBLISHED = re.compile(r"unpublished|forthcoming|typescript|in progress|treatment for")
VOLUMES_RE = re.compile(r"\b(?:\d+|two|three|four|five)\s+volumes?\b|\bTome\b", re.I)
ROLE_RE = re.compile(
    r"^(?:ed\.|eds\.|trans\.|"
    r"(?:edited|translated|introduced|introduction|presented|preface|afterword|with an?)\b)",
    re.I,
)


def title_part(chunk, later=()):
    """Whether a chunk after a title goes on with the title rather than start the imprint
    (`later`: the chunks after it)."""
    chunk = clean(chunk)
    if not chunk or chunk[0] in "([" or not re.search(r"[A-Za-z]|1[89]\d\d\s*-", chunk):
        return False
    if (
        looks_like_publisher(chunk)
        or place_name(chunk)
        or several_places(chunk)
        or periodical_key_for(chunk)
        or CONTAINER_RE.match(chunk)
        or remark_chunk(chunk)
        or ROLE_RE.match(chunk)
        or DESCRIPTIVE.search(chunk)
        or PAGES_RE.search(chunk)
        or ISSUE_RE.search(chunk)
        or VOLUME_RE.search(chunk)
        or VOLUMES_RE.search(chunk)
        or normalize(chunk) in NOISE_CHUNKS | PLACE_QUALIFIERS
    ):
        return False
    span = re.compile(r"\b1[89]\d\d\s*-\s*(?:1[89])?\d\d\b")
    if find_dates(span.sub("", chunk)):
        return False
    # a span of years ("Trotsky: 1879-1921") is part of a title, unless it is the only date
    return not span.search(chunk) or any(find_dates(c) for c in later)


def names_periodical(chunk):
    """Whether the chunk after an article's title names the periodical it is in: not a
    place, a date, a number, a remark or a role ("Tri-Quarterly", "Cahiers Leon Trotsky")."""
    chunk = clean(chunk)
    return bool(
        re.search(r"[A-Za-z]{3,}", chunk)
        and chunk[0] not in "(["
        and (periodical_key_for(chunk) or not looks_like_publisher(chunk))
        and not (place_name(chunk) or several_places(chunk) or find_dates(chunk))
        and not (CONTAINER_RE.match(chunk) or remark_chunk(chunk) or ROLE_RE.match(chunk))
        and not DESCRIPTIVE.search(chunk)
        and not (PAGES_RE.search(chunk) or VOLUME_RE.match(chunk) or ISSUE_RE.match(chunk))
        and normalize(chunk) not in NOISE_CHUNKS
    )


def is_name_of(chunk, persons):
    """Whether a chunk is the printed name of one of the persons ("..., Varian Fry, Random House")."""
    return bool(re.fullmatch(r"(?:[A-Z][\w.'\-]*\s?){2,4}", chunk)) and person_key(chunk)[0] in persons


def corporate_author(text):
    """The body an entry names as its author ("United States Senate", "People's Commissariat
    of Justice of the USSR"), else None."""
    head = text.split(",")[0]
    if CORPORATE.search(head) and ":" not in head and len(head.split()) <= 8:
        return head
    return None
