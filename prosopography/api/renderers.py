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
            for v in value
        )
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
    "novel": "Book",
    "history": "Book",
    "essay": "Book",
    "memoir": "Book",
    "biography": "Book",
    "book": "Book",
    "collection": "Book",
    "correspondence": "Book",
    "diary": "Book",
    "article": "Article",
    "review": "Review",
    "series": "Article",
    "poem": "CreativeWork",
    "letter": "Message",
}


def _date(value):
    return (value or {}).get("edtf") or None


def _ref(kind, item):
    if not item:
        return None
    return {"@id": _bare(item.get("url")), "@type": kind, "name": item.get("name") or item.get("title")}


def person_to_jsonld(p):
    return {
        "@id": _bare(p.get("url")),
        "@type": "Person",
        "identifier": p.get("id"),
        "name": p.get("name"),
        "alternateName": [a["name"] for a in p.get("names", []) if a["name"] != p.get("name")],
        "description": p.get("description") or None,
        "birthDate": _date(p.get("birth")),
        "deathDate": _date(p.get("death")),
        "birthPlace": _ref("Place", p.get("birth_place")),
        "deathPlace": _ref("Place", p.get("death_place")),
        "memberOf": [_ref("Organization", m["organisation"]) for m in p.get("memberships", [])],
        "sameAs": [i["url"] for i in p.get("identifiers", []) if i.get("url")],
    }


def organisation_to_jsonld(o):
    return {
        "@id": _bare(o.get("url")),
        "@type": "Organization",
        "identifier": o.get("id"),
        "name": o.get("name"),
        "alternateName": [n["name"] for n in o.get("names", [])],
        "description": o.get("description") or None,
        "foundingDate": _date(o.get("start")),
        "dissolutionDate": _date(o.get("end")),
        "location": _ref("Place", o.get("place")),
    }


def work_to_jsonld(w):
    by_role = {}
    for c in w.get("contributions", []):
        by_role.setdefault(c["role"], []).append(_ref("Person", c["person"]))
    return {
        "@id": _bare(w.get("url")),
        "@type": WORK_TYPES.get(w.get("type"), "CreativeWork"),
        "identifier": w.get("id"),
        "name": w.get("title"),
        "inLanguage": w.get("language") or None,
        "description": w.get("description") or None,
        "dateCreated": _date(w.get("written")),
        "datePublished": _date(w.get("first_published")),
        "author": by_role.get("author", []) + by_role.get("co-author", []),
        "translator": by_role.get("translator", []),
        "editor": by_role.get("editor", []),
        "about": [_ref("Person", p) for p in w.get("about_persons", [])],
    }


def _prune(node):
    """Drop empty values, which JSON-LD would otherwise read as statements."""
    if isinstance(node, dict):
        return {k: _prune(v) for k, v in node.items() if v not in (None, "", [], {})}
    if isinstance(node, list):
        return [_prune(v) for v in node if v not in (None, "", [], {})]
    return node


class _LinkedDataRenderer(BaseRenderer):
    """A JSON-LD document made by `document()` from the serialised data; errors
    are still answered in plain JSON."""

    media_type = "application/ld+json"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if _is_error(renderer_context):
            return JSONRenderer().render(data)
        return json.dumps(self.document(data, renderer_context), ensure_ascii=False).encode(self.charset)


class JSONLDRenderer(_LinkedDataRenderer):
    """schema.org JSON-LD. The view names its mapping in `jsonld_mapping`
    (one of the *_to_jsonld functions above); lists become an @graph."""

    format = "jsonld"

    def document(self, data, renderer_context):
        mapping = renderer_context["view"].jsonld_mapping
        if isinstance(data, dict) and "results" in data:
            document = {"@context": SCHEMA_CONTEXT, "@graph": [mapping(i) for i in data["results"]]}
        else:
            document = {"@context": SCHEMA_CONTEXT, **mapping(data)}
        return _prune(document)


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
        from bibliography.citations import to_bibtex

        return to_bibtex(items)


class RISRenderer(_CitationRenderer):
    media_type = "application/x-research-info-systems"
    format = "ris"

    def serialise(self, items):
        from bibliography.citations import to_ris

        return to_ris(items)


CITATION_RENDERERS = [CSLJSONRenderer, BibTeXRenderer, RISRenderer]


# ---------------------------------------------------------------- W3C Web Annotations (mentions)

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MENTION_TARGETS = (
    ("person", "person-detail"),
    ("organisation", "organisation-detail"),
    ("place", "place-detail"),
    ("work", "work-detail"),
)


def _span_in_snippet(mention):
    """Where the mention's span starts in its snippet, or None if that cannot be
    told for certain.

    The ingest cuts each snippet from the document itself (`ingest.mentions.
    snippet_bounds`: an exact substring, at most SNIPPET_RADIUS characters either
    side of the span, within its paragraph), so the text before and after the span
    in the snippet is the document's own text: a prefix and suffix taken from it
    are exact. The only question is which occurrence of the quote is the span
    when the snippet repeats it ("Serge ... Serge"): an occurrence can only be the
    span if the snippet reaches no further than the radius on either side of it.
    If exactly one occurrence fits, that is the span; otherwise there is no
    prefix/suffix (rather than a wrong one), and the TextPositionSelector beside
    it still selects the span exactly."""
    from prosopography.ingest.mentions import SNIPPET_MAX, SNIPPET_RADIUS

    surface, snippet = mention["surface"], mention.get("snippet") or ""
    if not surface:
        return None
    radius = min(SNIPPET_RADIUS, max(0, (SNIPPET_MAX - len(surface)) // 2))
    fits, at = [], snippet.find(surface)
    while at != -1:
        if at <= radius and len(snippet) - at - len(surface) <= radius:
            fits.append(at)
        at = snippet.find(surface, at + 1)
    return fits[0] if len(fits) == 1 else None


def mention_to_annotation(mention, request):
    """A mention as a W3C Web Annotation: its target is the span of the source
    (a TextQuoteSelector and a TextPositionSelector, in characters), its body the
    record the span names. An unresolved mention has no body yet."""
    from rest_framework.reverse import reverse

    quote = {"type": "TextQuoteSelector", "exact": mention["surface"]}
    at = _span_in_snippet(mention)
    if at is not None:
        snippet, end = mention["snippet"], at + len(mention["surface"])
        quote["prefix"], quote["suffix"] = snippet[max(0, at - 32) : at], snippet[end : end + 32]
    annotation = {
        "@context": ANNOTATION_CONTEXT,
        "id": _bare(mention["url"]),
        "type": "Annotation",
        "motivation": "identifying",
        "target": {
            "source": _bare(reverse("source-detail", args=[mention["source"]], request=request)),
            "selector": [
                quote,
                {"type": "TextPositionSelector", "start": mention["start"], "end": mention["end"]},
            ],
        },
    }
    for field, view_name in MENTION_TARGETS:
        if mention.get(field):
            annotation["body"] = _bare(reverse(view_name, args=[mention[field]], request=request))
    return annotation


_PAGE_PARAMS = re.compile(r"([?&])(?:page|page_size|format)=[^&]*&?")


def _collection_id(request):
    """The AnnotationCollection a page belongs to: the list's URL with its filters,
    without the page, page size or format (the W3C model requires the collection's
    IRI on every page)."""
    if request is None:
        return None
    url = request.build_absolute_uri()
    while _PAGE_PARAMS.search(url):
        url = _PAGE_PARAMS.sub(r"\1", url)
    return url.rstrip("?&")


class WebAnnotationRenderer(_LinkedDataRenderer):
    """Mentions as W3C Web Annotations (JSON-LD with the Web Annotation profile);
    a list page becomes an AnnotationPage."""

    # Content negotiation matches the plain type (DRF never matches a renderer whose
    # type has parameters against */*); the response then names the profile.
    format = "annotation"

    def document(self, data, renderer_context):
        response = renderer_context.get("response")
        if response is not None:
            response["Content-Type"] = f'application/ld+json; profile="{ANNOTATION_CONTEXT}"; charset=utf-8'
        request = renderer_context.get("request")
        if isinstance(data, dict) and "results" in data:
            document = {
                "@context": ANNOTATION_CONTEXT,
                "type": "AnnotationPage",
                "id": _bare(request.build_absolute_uri()) if request else None,
                "partOf": {
                    "id": _collection_id(request),
                    "type": "AnnotationCollection",
                    "total": data.get("count"),
                },
                "items": [
                    {k: v for k, v in mention_to_annotation(m, request).items() if k != "@context"}
                    for m in data["results"]
                ],
            }
            if data.get("next"):
                document["next"] = data["next"]
            if data.get("previous"):
                document["prev"] = data["previous"]
        else:
            document = mention_to_annotation(data, request)
        return document


class MentionJSONLDRenderer(WebAnnotationRenderer):
    """`?format=jsonld` on mentions gives the annotations too."""

    format = "jsonld"


# ---------------------------------------------------------------- TEI personography (persons)


class PersonTEIRenderer(BaseRenderer):
    """Persons as a TEI <listPerson>: a page of the list, or one person."""

    media_type = "application/tei+xml"
    format = "tei"
    charset = None  # the XML declares its own encoding

    def render(self, data, accepted_media_type=None, renderer_context=None):
        from .graph_formats import _sub, tei_bytes, tei_document, tei_person

        if data is None:
            return b""
        if _is_error(renderer_context):
            return JSONRenderer().render(data)
        root, standoff = tei_document("Victor Serge's world: persons", "Curated from the sources.")
        list_person = _sub(standoff, "listPerson")
        for person in _items(data):
            tei_person(
                list_person,
                person["id"],
                person["name"],
                person.get("names") or [],
                (person.get("birth") or {}).get("edtf"),
                (person.get("death") or {}).get("edtf"),
                _bare(person.get("page") or person["url"]),
            )
        return tei_bytes(root)
