"""The bibliography's sections and how each is cut into entries.

The sections are found by their headings, in the order the thesis gives them; each
kind of section lists its entries in its own way (numbered, lettered, one a line,
separated by blank lines, under periodical headings), hence one segmenter per kind.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from common.text import make_slug

from .text import clean, periodical_key_for, place_name

SECTIONS = [
    ("I.A", "A. Works on History", "serge_books"),
    ("I.B", "B. Novels", "serge_books"),
    ("I.C", "C. Poetry", "serge_books"),
    ("I.D", "D. Published Correspondence", "correspondence"),
    ("I.E", "E. Unpublished Correspondence", "correspondence"),
    ("I.F", "F. Works Confiscated", "confiscated"),
    ("I.G", "G. Translations", "translations"),
    ("I.H", "H. Unpublished manuscripts", "manuscripts"),
    ("I.I", "I. Journalism", "journalism"),
    ("II", "II. Interviews", "interviews"),
    ("III", "III. Intelligence Files", "intelligence"),
    ("IV.A", "A. Theses", "others"),
    ("IV.B", "B. Articles, Reviews and Essays", "others"),
    ("IV.C", "C. Secondary Sources", "others"),
]
PART_HEADINGS = ("I. Works by Victor Serge", "IV. Secondary Sources")


def split_sections(text):
    """The bibliography's sections, in order: (id, heading, lines).  Headings are found in
    their known order, so that "I. Journalism" is not taken for part I."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.strip() == "BIBLIOGRAPHY")
    sections, current, position = [], None, 0
    for line in lines[start + 1 :]:
        line = re.sub(r"~~[^~]*~~\s*", "", line)  # words struck out in the transcription
        stripped = line.strip()
        if position < len(SECTIONS) and stripped.startswith(SECTIONS[position][1]):
            current = (SECTIONS[position][0], stripped, [])
            sections.append(current)
            position += 1
        elif stripped.startswith(PART_HEADINGS):
            current = None
        elif current is not None:
            current[2].append(line.rstrip())
    return sections


@dataclass
class Entry:
    """One entry of a section, with its label and raw text (and sub-items or further lines)."""

    label: str
    text: str
    items: list = field(default_factory=list)
    context: dict = field(default_factory=dict)


def numbered_entries(lines):
    """Entries numbered "1." "2." ...; wrapped and page-broken lines join the entry,
    dash lines after an entry (and everything after them) are its sub-items."""
    entries = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        m = re.match(r"^(\d{1,2})\.\s+(.*)", stripped)
        if m:
            entries.append(Entry(m.group(1), m.group(2)))
        elif entries and (stripped.startswith("-") or entries[-1].items):
            entries[-1].items.append(clean(stripped.lstrip("-")))
        elif entries:
            entries[-1].text = f"{entries[-1].text} {stripped}"
    return entries


def paragraph_entries(lines, skip_intro=True):
    """Entries separated by blank lines (the unpublished manuscripts, the theses)."""
    blocks, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if (
        skip_intro
        and blocks
        and not re.search(r"\d", blocks[0][:0] or "x")
        and blocks[0].startswith(("It is impossible", "These are"))
    ):
        blocks = blocks[1:]
    return [Entry(str(i), block) for i, block in enumerate(blocks, 1)]


def line_entries(lines):
    """One entry per non-empty line (interviews, works by others)."""
    return [
        Entry(str(i), clean(line.strip().lstrip("-")))
        for i, line in enumerate((ln for ln in lines if ln.strip()), 1)
    ]


def lettered_entries(lines):
    """Serge's translations: groups "1. Fiction", items "a." "b." ..., further lines
    of an item (more works by the same author) kept as its items."""
    entries, group = [], ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        g = re.match(r"^(\d)\.\s+([A-Z][\w ]+)$", stripped)
        m = re.match(r"^-?\s*([a-g])\.\s+(.*)", stripped)
        if g:
            group = g.group(1)
            group_name = g.group(2)
        elif m:
            entries.append(Entry(group + m.group(1), m.group(2), context={"group": group_name}))
        elif entries:
            entries[-1].items.append(stripped)
    return entries


def journalism_entries(lines):
    """Articles listed under periodical headings; notes ("Excerpts from ...:", "RP
    Articles about Serge:") set the context of the articles after them."""
    entries, periodical, context = [], None, {}
    counts = Counter()
    content = [ln.strip() for ln in lines if ln.strip()]
    for i, line in enumerate(content):
        body = line.lstrip("- ").strip()
        if i == 0 and '"' not in line:
            continue  # the section's introductory sentence
        if re.match(r"^p+\.\s*\d", body) and entries:
            entries[-1].text += " " + body
            continue
        is_entry = (
            '"' in line
            or line.startswith("-")
            or body.startswith("R. Albert")
            or re.match(r"^[A-Z][a-z]+, \"", body)
        )
        if is_entry:
            counts[periodical["key"]] += 1
            entries.append(
                Entry(
                    f"{periodical['key']}:{counts[periodical['key']]}",
                    body,
                    context={"periodical": periodical, **context},
                )
            )
        elif body.endswith(":"):
            context = {"note": body}
        elif body.startswith("(") and periodical:
            periodical["note"] = clean(body.strip("()"))
        else:
            periodical, context = journalism_heading(body), {}
    return entries


def journalism_heading(text):
    """A periodical heading: "Clarte, 1922-27 Directeur Henri Barbusse", "Inprekorr, Vienna"."""
    title = clean(re.split(r",|\s\(|\s\d", text)[0])
    place = None
    for chunk in re.findall(r"\(([^)]*)\)|,\s*([A-Z][a-z]+)\s*$", text):
        candidate = place_name(chunk[0] or chunk[1])
        place = place or candidate
    key = periodical_key_for(text) or periodical_key_for(title) or make_slug(title)
    return {"key": key, "title": title, "place": place, "heading": text}


SEGMENTERS = {
    "serge_books": numbered_entries,
    "correspondence": numbered_entries,
    "confiscated": numbered_entries,
    "intelligence": numbered_entries,
    "translations": lettered_entries,
    "manuscripts": paragraph_entries,
    "journalism": journalism_entries,
    "interviews": line_entries,
    "others": line_entries,
}


def section_entries(section_id, kind, lines):
    if section_id == "IV.A":
        return paragraph_entries(lines, skip_intro=False)
    return SEGMENTERS[kind](lines)
