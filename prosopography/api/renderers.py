"""The prosopography's own output formats: mentions as W3C Web Annotations, and
persons as a TEI personography. (CSV and the JSON-LD base are in common.api.renderers.)"""

import re

from rest_framework.renderers import BaseRenderer, JSONRenderer

from common.api.renderers import LinkedDataRenderer, bare, is_error, rows_of

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
        "id": bare(mention["url"]),
        "type": "Annotation",
        "motivation": "identifying",
        "target": {
            "source": bare(reverse("source-detail", args=[mention["source"]], request=request)),
            "selector": [
                quote,
                {"type": "TextPositionSelector", "start": mention["start"], "end": mention["end"]},
            ],
        },
    }
    for field, view_name in MENTION_TARGETS:
        if mention.get(field):
            annotation["body"] = bare(reverse(view_name, args=[mention[field]], request=request))
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


class WebAnnotationRenderer(LinkedDataRenderer):
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
                "id": bare(request.build_absolute_uri()) if request else None,
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
        if is_error(renderer_context):
            return JSONRenderer().render(data)
        root, standoff = tei_document("Victor Serge's world: persons", "Curated from the sources.")
        list_person = _sub(standoff, "listPerson")
        for person in rows_of(data):
            tei_person(
                list_person,
                person["id"],
                person["name"],
                person.get("names") or [],
                (person.get("birth") or {}).get("edtf"),
                (person.get("death") or {}).get("edtf"),
                bare(person.get("page") or person["url"]),
            )
        return tei_bytes(root)
