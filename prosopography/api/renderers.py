"""Extra output formats for the API: CSV for spreadsheets and JSON-LD (schema.org)
for linked-data tools.

Both start from what the serializers produce, so that every format says the same
thing; the JSON-LD mapping only renames fields into schema.org terms.
"""
import csv
import io
import json
import re

from rest_framework.renderers import BaseRenderer, JSONRenderer

# Inline, so that reading our JSON-LD needs no network fetch; sameAs values are links, not text.
SCHEMA_CONTEXT = {"@vocab": "https://schema.org/", "sameAs": {"@type": "@id"}}


def _items(data):
    """A list page's rows, or a detail response as a single row."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, list):
        return data
    return [data]


_FORMAT_PARAM = re.compile(r"([?&])format=[^&]*&?")


def _bare(value):
    """A link without the `?format=` DRF carries over, so that every format names
    a record by the same URL."""
    if isinstance(value, str) and value.startswith("http") and "format=" in value:
        return _FORMAT_PARAM.sub(r"\1", value).rstrip("?&")
    return value


def _is_error(renderer_context):
    response = (renderer_context or {}).get("response")
    return response is not None and response.status_code >= 400


# ---------------------------------------------------------------- CSV

def _flatten(value, prefix="", row=None):
    """{"birth": {"edtf": "1890"}} -> {"birth.edtf": "1890"}; lists are joined with " | "."""
    row = {} if row is None else row
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else str(key), row)
    elif isinstance(value, list):
        row[prefix] = " | ".join(
            str(v.get("name") or v.get("title") or v.get("id", "")) if isinstance(v, dict) else str(v)
            for v in value)
    else:
        row[prefix or "value"] = "" if value is None else _bare(value)
    return row


class CSVRenderer(BaseRenderer):
    """One row per record of the current page; nested fields become dotted columns."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = [_flatten(item) for item in _items(data)]
        columns = []
        for row in rows:
            columns.extend(key for key in row if key not in columns)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode(self.charset)


# ---------------------------------------------------------------- JSON-LD

WORK_TYPES = {  # our work types -> schema.org classes
    "novel": "Book", "history": "Book", "essay": "Book", "memoir": "Book", "biography": "Book",
    "book": "Book", "collection": "Book", "correspondence": "Book", "diary": "Book",
    "article": "Article", "review": "Review", "series": "Article",
    "poem": "CreativeWork", "letter": "Message",
}


def _date(value):
    return (value or {}).get("edtf") or None


def _ref(kind, item):
    if not item:
        return None
    return {"@id": _bare(item.get("url")), "@type": kind, "name": item.get("name") or item.get("title")}


def person_to_jsonld(p):
    return {
        "@id": _bare(p.get("url")), "@type": "Person", "identifier": p.get("id"),
        "name": p.get("name"),
        "alternateName": [a["name"] for a in p.get("names", []) if a["name"] != p.get("name")],
        "description": p.get("description") or None,
        "birthDate": _date(p.get("birth")), "deathDate": _date(p.get("death")),
        "birthPlace": _ref("Place", p.get("birth_place")),
        "deathPlace": _ref("Place", p.get("death_place")),
        "memberOf": [_ref("Organization", m["organisation"]) for m in p.get("memberships", [])],
        "sameAs": [i["url"] for i in p.get("identifiers", []) if i.get("url")],
    }


def organisation_to_jsonld(o):
    return {
        "@id": _bare(o.get("url")), "@type": "Organization", "identifier": o.get("id"),
        "name": o.get("name"),
        "alternateName": [n["name"] for n in o.get("names", [])],
        "description": o.get("description") or None,
        "foundingDate": _date(o.get("start")), "dissolutionDate": _date(o.get("end")),
        "location": _ref("Place", o.get("place")),
    }


def work_to_jsonld(w):
    by_role = {}
    for c in w.get("contributions", []):
        by_role.setdefault(c["role"], []).append(_ref("Person", c["person"]))
    return {
        "@id": _bare(w.get("url")), "@type": WORK_TYPES.get(w.get("type"), "CreativeWork"),
        "identifier": w.get("id"), "name": w.get("title"), "inLanguage": w.get("language") or None,
        "description": w.get("description") or None,
        "dateCreated": _date(w.get("written")), "datePublished": _date(w.get("first_published")),
        "author": by_role.get("author", []) + by_role.get("co-author", []),
        "translator": by_role.get("translator", []), "editor": by_role.get("editor", []),
        "about": [_ref("Person", p) for p in w.get("about_persons", [])],
    }


def _prune(node):
    """Drop empty values, which JSON-LD would otherwise read as statements."""
    if isinstance(node, dict):
        return {k: _prune(v) for k, v in node.items() if v not in (None, "", [], {})}
    if isinstance(node, list):
        return [_prune(v) for v in node if v not in (None, "", [], {})]
    return node


class JSONLDRenderer(BaseRenderer):
    """schema.org JSON-LD. The view names its mapping in `jsonld_mapping`
    (one of the *_to_jsonld functions above); lists become an @graph."""

    media_type = "application/ld+json"
    format = "jsonld"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if _is_error(renderer_context):
            return JSONRenderer().render(data)
        mapping = renderer_context["view"].jsonld_mapping
        if isinstance(data, dict) and "results" in data:
            document = {"@context": SCHEMA_CONTEXT, "@graph": [mapping(i) for i in data["results"]]}
        else:
            document = {"@context": SCHEMA_CONTEXT, **mapping(data)}
        return json.dumps(_prune(document), ensure_ascii=False).encode(self.charset)


# ---------------------------------------------------------------- citation formats (works)

class _CitationRenderer(BaseRenderer):
    """Renders the CSL-JSON items a work view prepares (see bibliography.citations);
    errors are still answered in JSON."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if _is_error(renderer_context) or not isinstance(data, list):
            return JSONRenderer().render(data)
        return self.serialise(data).encode(self.charset)


class CSLJSONRenderer(_CitationRenderer):
    media_type = "application/vnd.citationstyles.csl+json"
    format = "csl-json"

    def serialise(self, items):
        return json.dumps(items, ensure_ascii=False, indent=2)


class BibTeXRenderer(_CitationRenderer):
    media_type = "application/x-bibtex"
    format = "bibtex"

    def serialise(self, items):
        from bibliography.citations import to_bibtex
        return to_bibtex(items)


class RISRenderer(_CitationRenderer):
    media_type = "application/x-research-info-systems"
    format = "ris"

    def serialise(self, items):
        from bibliography.citations import to_ris
        return to_ris(items)


CITATION_RENDERERS = [CSLJSONRenderer, BibTeXRenderer, RISRenderer]
