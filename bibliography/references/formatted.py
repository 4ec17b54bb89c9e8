"""Formatted references (Chicago, MLA, APA) from CSL-JSON items, by citeproc-py
and the official CSL style files vendored in bibliography/csl/
(`format_references`)."""

import functools
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

CSL_DIR = Path(__file__).resolve().parent.parent / "csl"

#: The styles readers can choose, and the vendored file behind each.
STYLES = {
    "chicago": "chicago-author-date.csl",
    "mla": "modern-language-association.csl",
    "apa": "apa.csl",
}


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
