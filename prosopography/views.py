"""The readers' pages: one canonical page per person and organisation on its
permanent id, lists, search, the sources and the network view.

The helpers at the top (canonical redirects, JSON-LD, "cite this page") are shared
with the bibliography's pages, which import them from here.
"""

import datetime
import functools
import json
import string

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from bibliography import citations

from . import page_selectors
from .models import Organisation, Person, RelationshipType, Source

SITE_NAME = "Victor Serge's World"
LIST_PAGE_SIZE = 100
JSONLD_TYPE = "application/ld+json"

# ---------------------------------------------------------------- canonical URLs


def canonical_record(request, model, pk, slug=None, url_of=None):
    """Return (record, None) when the request is on the record's canonical URL, or
    (None, a 301 redirect) for a bare id, an old slug, or a merged record (which
    goes to its survivor, saying where it came from). Unknown ids are a 404.
    `url_of(record)` gives the canonical URL (default: the record's page)."""
    url_of = url_of or (lambda r: r.get_absolute_url())
    try:
        record, survivor = page_selectors.resolve(model, pk)
    except model.DoesNotExist:
        raise Http404(f"No {model._meta.verbose_name} has the id {pk}.") from None
    if survivor.pk != record.pk:
        target = url_of(survivor) + "?" + urlencode({"merged_from": record.pk})
        return None, HttpResponsePermanentRedirect(target)
    if slug != record.slug:
        query = request.META.get("QUERY_STRING", "")
        return None, HttpResponsePermanentRedirect(url_of(record) + (f"?{query}" if query else ""))
    return record, None


def wants_jsonld(request):
    """JSON-LD for ?format=jsonld, or when the client prefers it in its Accept header."""
    if request.GET.get("format") == "jsonld":
        return True
    return request.get_preferred_type(["text/html", JSONLD_TYPE]) == JSONLD_TYPE


def jsonld_response(data):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type=f"{JSONLD_TYPE}; charset=utf-8"
    )
    response["Vary"] = "Accept"
    return response


_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data):
    """The JSON-LD as a <script> element, escaped as Django's json_script does, so that
    a name containing </script> cannot end the element early."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="{JSONLD_TYPE}">{text}</script>')  # noqa: S308 (escaped above)


def person_jsonld(request, person, data):
    url = request.build_absolute_uri(person.get_absolute_url())
    doc = {
        "@context": {"@vocab": "https://schema.org/"},
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": person.name,
        "identifier": str(person.pk),
    }
    if data["aliases"]:
        doc["alternateName"] = [alias.name for alias in data["aliases"]]
    if person.description:
        doc["description"] = person.description
    if person.birth:
        doc["birthDate"] = person.birth
    if person.death:
        doc["deathDate"] = person.death
    if person.birth_place:
        doc["birthPlace"] = {"@type": "Place", "name": person.birth_place.name}
    if person.death_place:
        doc["deathPlace"] = {"@type": "Place", "name": person.death_place.name}
    same_as = [identifier.url for identifier in data["identifiers"] if identifier.url]
    if same_as:
        doc["sameAs"] = same_as
    members = [
        {
            "@type": "Organization",
            "name": m["membership"].organisation.name,
            "url": request.build_absolute_uri(m["membership"].organisation.get_absolute_url()),
        }
        for m in data["memberships"]
    ]
    if members:
        doc["memberOf"] = members
    return doc


def organisation_jsonld(request, organisation, data):
    url = request.build_absolute_uri(organisation.get_absolute_url())
    doc = {
        "@context": {"@vocab": "https://schema.org/"},
        "@type": "Organization",
        "@id": url,
        "url": url,
        "name": organisation.name,
        "identifier": str(organisation.pk),
    }
    if data["names"]:
        doc["alternateName"] = [name.name for name in data["names"]]
    if organisation.description:
        doc["description"] = organisation.description
    if organisation.start:
        doc["foundingDate"] = organisation.start
    if organisation.end:
        doc["dissolutionDate"] = organisation.end
    same_as = [identifier.url for identifier in data["identifiers"] if identifier.url]
    if same_as:
        doc["sameAs"] = same_as
    return doc


def alternates(request, api_path, extra=()):
    """The <link rel="alternate"> targets: the API's JSON, this page's JSON-LD, and extras."""
    page = request.build_absolute_uri(request.path)
    links = [
        ("application/json", request.build_absolute_uri(api_path)),
        (JSONLD_TYPE, f"{page}?format=jsonld"),
    ]
    return links + [(kind, request.build_absolute_uri(url)) for kind, url in extra]


# ---------------------------------------------------------------- cite this page

CITE_STYLES = [("chicago", "Chicago"), ("mla", "MLA"), ("apa", "APA")]


@functools.lru_cache(maxsize=2048)
def _cite_page(title, url, accessed):
    # citeproc-py takes about 50 ms a style; a page's citation only changes with its
    # title and the day, so it is worth remembering.
    return citations.cite_page(title, url, accessed, SITE_NAME)


def cite_block(request, record):
    """The "cite this page" block: [(label, text)] in Chicago, MLA, APA and BibTeX,
    each with the permanent URL and today's date as the access date."""
    url = request.build_absolute_uri(record.get_absolute_url())
    cited = _cite_page(str(record), url, datetime.date.today())
    return [(label, cited[style]) for style, label in CITE_STYLES] + [("BibTeX", cited["bibtex"].strip())]


def record_page(request, record, template, data, doc, api_path, extra_alternates=()):
    """The answer every canonical record page gives: JSON-LD when asked for it,
    otherwise the HTML page with its canonical URL, alternates and cite block."""
    if wants_jsonld(request):
        return jsonld_response(doc)
    merged_from = request.GET.get("merged_from", "")
    response = render(
        request,
        template,
        {
            **data,
            record._meta.model_name: record,
            "jsonld": jsonld_script(doc),
            "canonical": request.build_absolute_uri(record.get_absolute_url()),
            "alternates": alternates(request, api_path, extra_alternates),
            "citations_styles": cite_block(request, record),
            "merged_from": int(merged_from) if merged_from.isdigit() else None,
        },
    )
    response["Vary"] = "Accept"
    return response


# ---------------------------------------------------------------- pages


def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "person_count": Person.objects.filter(merged_into__isnull=True).count(),
            "source_count": Source.objects.count(),
        },
    )


def person_redirect(request, pk):
    """/persons/<id>/ alone: a permanent redirect to the canonical page."""
    return canonical_record(request, Person, pk)[1]


def person_page(request, pk, slug):
    person, redirect = canonical_record(request, Person, pk, slug)
    if redirect:
        return redirect
    data = page_selectors.person_page(person, request.GET.get("mentions_page", 1))
    return record_page(
        request,
        person,
        "pages/person.html",
        data,
        person_jsonld(request, person, data),
        f"/api/v1/persons/{person.pk}/",
    )


def person_network(request, pk, slug):
    person, redirect = canonical_record(
        request, Person, pk, slug, url_of=lambda p: reverse("person-network-page", args=[p.pk, p.slug])
    )
    if redirect:
        return redirect
    return render(
        request,
        "pages/network.html",
        {
            "person": person,
            "kinds": RelationshipType.Kind.choices,
            "api_url": f"/api/v1/persons/{person.pk}/network/",
            "canonical": request.build_absolute_uri(request.path),
        },
    )


def person_list(request):
    letter = request.GET.get("letter", "")[:1].upper()
    letter = letter if letter in string.ascii_uppercase else ""
    page = Paginator(page_selectors.persons_index(letter), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/person_list.html",
        {
            "page": page,
            "letter": letter,
            "letters": string.ascii_uppercase,
        },
    )


def organisation_redirect(request, pk):
    return canonical_record(request, Organisation, pk)[1]


def organisation_page(request, pk, slug):
    organisation, redirect = canonical_record(request, Organisation, pk, slug)
    if redirect:
        return redirect
    data = page_selectors.organisation_page(organisation, request.GET.get("mentions_page", 1))
    return record_page(
        request,
        organisation,
        "pages/organisation.html",
        data,
        organisation_jsonld(request, organisation, data),
        f"/api/v1/organisations/{organisation.pk}/",
    )


def organisation_list(request):
    page = Paginator(page_selectors.organisations_index(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pages/organisation_list.html", {"page": page})


def source_list(request):
    return render(request, "pages/source_list.html", {"sources": page_selectors.sources_index()})


def source_page(request, pk):
    source = get_object_or_404(Source, pk=pk)
    page = Paginator(page_selectors.source_mentions(source), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pages/source.html", {"source": source, "page": page})


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    return render(request, "pages/search.html", {"query": query, **page_selectors.search(query)})
