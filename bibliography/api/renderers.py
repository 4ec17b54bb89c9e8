"""The bibliography's output formats: BibTeX, RIS and CSL-JSON for works (from the
CSL-JSON items that bibliography.references prepares)."""

import json

from rest_framework.renderers import BaseRenderer, JSONRenderer

from common.api.renderers import is_error

from ..references import to_bibtex, to_ris

# ---------------------------------------------------------------- citation formats (works)


class _CitationRenderer(BaseRenderer):
    """Renders the CSL-JSON items a work view prepares (see bibliography.citations);
    errors are still answered in JSON."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if is_error(renderer_context) or not isinstance(data, list):
            return JSONRenderer().render(data)
        # No works: still a document of the format, never an empty body (for which DRF
        # would drop the Content-Type header).
        return self.serialise(data).encode(self.charset) or b"\n"


class CSLJSONRenderer(_CitationRenderer):
    media_type = "application/vnd.citationstyles.csl+json"
    format = "csl-json"

    def serialise(self, items):
        return json.dumps(items, ensure_ascii=False, indent=2)


class BibTeXRenderer(_CitationRenderer):
    media_type = "application/x-bibtex"
    format = "bibtex"

    def serialise(self, items):
        return to_bibtex(items)


class RISRenderer(_CitationRenderer):
    media_type = "application/x-research-info-systems"
    format = "ris"

    def serialise(self, items):
        return to_ris(items)


CITATION_RENDERERS = [CSLJSONRenderer, BibTeXRenderer, RISRenderer]
