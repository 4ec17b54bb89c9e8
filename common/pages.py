"""What every record's reader page shares: one canonical URL per record on its
permanent id (a bare id, an old slug or a merged record redirects), JSON-LD by
content negotiation, <link rel="alternate"> to the API, and "cite this page".
"""

import datetime
import functools
import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from . import hooks, releases
from .api.renderers import linked_data_document
from .records import resolve, survivor_of

SITE_NAME = "Victor Serge's World"
LIST_PAGE_SIZE = 100
JSONLD_TYPE = "application/ld+json"

# A merge can be undone: the redirect of a merged record is a 301 (the duplicate's links
# should consolidate on the survivor, for readers and search engines alike), but one
# that caches may keep for an hour only, so that an undone merge is seen within the hour
# (a 301 without a lifetime is kept by browsers for good). See docs/merges.md.
MERGED_REDIRECT_MAX_AGE = 3600


def merged_redirect(url):
    """The redirect from a merged record to its survivor (pages and API alike)."""
    response = HttpResponsePermanentRedirect(url)
    patch_cache_control(response, public=True, max_age=MERGED_REDIRECT_MAX_AGE)
    return response


# ---------------------------------------------------------------- canonical URLs


def canonical_record(request, model, pk, slug=None, url_of=None):
    """Return (record, None) when the request is on the record's canonical URL, or
    (None, a 301 redirect) for a bare id, an old slug, or a merged record (which
    goes to its survivor, saying where it came from). Unknown ids are a 404.
    `url_of(record)` gives the canonical URL (default: the record's page)."""
    url_of = url_of or (lambda r: r.get_absolute_url())
    try:
        record, survivor = resolve(model, pk)
    except model.DoesNotExist:
        raise Http404(f"No {model._meta.verbose_name} has the id {pk}.") from None
    if survivor.pk != record.pk:
        target = url_of(survivor) + "?" + urlencode({"merged_from": record.pk})
        return None, merged_redirect(target)
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
    return hooks.first("cite_page")(title, url, accessed, SITE_NAME)


def cite_block(request, record):
    """The "cite this page" block: [(label, text)] in Chicago, MLA, APA and BibTeX,
    each with the permanent URL and today's date as the access date."""
    url = request.build_absolute_uri(record.get_absolute_url())
    cited = _cite_page(str(record), url, datetime.date.today())
    return [(label, cited[style]) for style, label in CITE_STYLES] + [("BibTeX", cited["bibtex"].strip())]


def merge_notice(request, record):
    """The merge the reader was redirected through, from the merge log: `?merged_from=`
    only says which record they came from. A notice is shown only when that record is
    merged (not undone) and leads to this one, so that the parameter cannot forge one."""
    merged_from = request.GET.get("merged_from", "")
    if not merged_from.isdigit():
        return None
    model = type(record)
    merged = model._base_manager.filter(pk=int(merged_from)).first()
    if merged is None or not merged.merged_into_id or survivor_of(merged).pk != record.pk:
        return None
    return (
        apps.get_model("prosopography", "MergeLog")
        .objects.filter(
            content_type=ContentType.objects.get_for_model(model), merged_id=merged.pk, undone__isnull=True
        )
        .order_by("-created")
        .first()
    )


def version_block(request, record):
    """The release the record is part of (the latest that holds it) and its citation
    as in that release: {version, date, url, cite}, or None before any release."""
    release = releases.release_of(record)
    if release is None:
        return None
    page = request.build_absolute_uri(record.get_absolute_url())
    url = f"{page}?{urlencode({'release': release['version']})}"
    return {**release, "url": url, "cite": releases.cite_version(str(record), release, url, SITE_NAME)}


def record_page(request, record, template, data, node, api_path, extra_alternates=(), versioned=False):
    """The answer every canonical record page gives: JSON-LD when asked for it,
    otherwise the HTML page with its canonical URL, alternates and cite block.
    `node` is the record's schema.org node, as the API gives it too. `versioned`:
    the page says which release holds the record and offers "cite this version"."""
    doc = linked_data_document(node)
    if wants_jsonld(request):
        return jsonld_response(doc)
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
            "merge_notice": merge_notice(request, record),
            "version": version_block(request, record) if versioned else None,
        },
    )
    response["Vary"] = "Accept"
    return response


def release_page(request, model, pk, lists=()):
    """`?release=<version>` on a record's page: the record as it was in that release,
    rebuilt from its history as of the release's time (common/releases.py), whatever
    its slug or merges since. `lists(record, when)`: [(heading, [lines])] of what hangs
    off the record then (its names, its credits). 404 for an unknown release or a
    record the release does not hold."""
    release, record = releases.in_release(model, pk, request.GET["release"])
    living = request.build_absolute_uri(reverse(f"{model._meta.model_name}-redirect", args=[pk]))
    url = request.build_absolute_uri(request.path) + "?" + urlencode({"release": release["version"]})
    return render(
        request,
        "pages/record_release.html",
        {
            "record": record,
            "kind": model._meta.verbose_name,
            "release": release,
            "fields": releases.fields_for_page(record),
            "lists": lists(record, release["as_of"]) if lists else [],
            "living": living,
            "canonical": url,
            "cite": releases.cite_version(str(record), release, url, SITE_NAME),
        },
    )
