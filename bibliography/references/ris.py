"""RIS (Research Information Systems) from CSL-JSON items (`to_ris`)."""

from .items import _display_name, _pages, _year

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
