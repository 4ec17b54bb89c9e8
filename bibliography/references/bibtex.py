"""BibTeX from CSL-JSON items: entry types, LaTeX escaping, citation keys that
are unique and stable, and the entries (`to_bibtex`)."""

import re

from unidecode import unidecode

from .items import _display_name, _year

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
