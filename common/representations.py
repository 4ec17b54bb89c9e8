"""Answers kept for as long as the data they were built from (issue 18).

A read's answer depends on its URL, the format asked for and the data; the data's
version (common/changes.py) changes with any write, by anyone, by any path. So an
answer stored under (URL, format, version) is current for exactly as long as it can
be found: nothing needs invalidating, and a write makes every older entry
unreachable (they expire from the cache on their own, after TIMEOUT).

- Only anonymous GETs and HEADs are kept (what a curator signed in sees may differ);
  only complete answers (200, not streamed, under MAX_BYTES).
- `X-Cache: hit` or `miss` says which it was (for the access log: the hit ratio is
  what to watch, docs/deploy.md).
- Every kept answer carries an ETag derived from its key, so a repeated read with
  `If-None-Match` answers 304 without building anything, lists included.
- The cost of a hit: one query (the version) and one cache read. The first read after
  a write pays the full price once.
- `SERGE_REPRESENTATION_CACHE=0` turns it off (the benchmarks measure both ways).

The cache is Django's (Redis in production, shared by every worker and machine;
per-process memory otherwise). Every `migrate` starts a new epoch of the data's version,
so a deploy (which runs it) leaves the old code's answers behind; after restoring a
database from a backup run `manage.py renew_data_version`, as the restored count may
reach again a version under which the cache keeps answers of the abandoned data.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.http import quote_etag

from . import changes

TIMEOUT = 24 * 3600
MAX_BYTES = 2_000_000
PREFIX = "representation"
# Every header the view and the framework set belongs to the answer (those the
# middleware adds on the way out, CSP or request id, are added again to the copy),
# but for these.
NOT_KEPT = {"set-cookie", "content-length", "date", "x-cache"}


def cache():
    return caches["representations"]


def enabled():
    return getattr(settings, "REPRESENTATION_CACHE", True)


def key_for(request, form, version):
    """The cache key of an answer: URL with its query, the form of the answer (the
    renderer's format, and `indent` for JSON: not the raw Accept header, whose
    parameters a client could vary at will), the data's version. The whole URL,
    scheme and host included: answers hold absolute links."""
    url = request.build_absolute_uri()
    digest = hashlib.sha256(f"{url}\n{form}".encode()).hexdigest()[:32]
    return f"{PREFIX}:{digest}:{version}"


def etag_of(key):
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def cacheable(request):
    user = getattr(request, "user", None)
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        # A record as it was in a release is read from the release's files as well.
        and "release" not in request.GET
        and not (user is not None and user.is_authenticated)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def lookup(request, form):
    """(key, kept answer or None); key None when this read is not to be kept."""
    if not cacheable(request):
        return None, None
    version = changes.current_for(getattr(request, "_request", request))
    if version is None:
        return None, None
    key = key_for(request, form, version)
    kept = cache().get(key)
    if kept is None:
        return key, None
    return key, answer_from(request, kept)


def answer_from(request, kept):
    """The kept answer, or 304 when the client already holds it."""
    status, content, headers = kept
    if headers.get("ETag") and headers["ETag"] in entity_tags(request.META.get("HTTP_IF_NONE_MATCH")):
        response = HttpResponse(status=304)
        for name in ("ETag", "Last-Modified", "Vary"):
            if name in headers:
                response[name] = headers[name]
        response["X-Cache"] = "hit"
        return response
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def keep(key, response):
    """Store an answer under its key once it is rendered (DRF renders late); answers
    that are not complete 200s are not kept."""

    def store(rendered):
        if rendered.status_code != 200 or rendered.streaming or len(rendered.content) > MAX_BYTES:
            return
        if not rendered.has_header("ETag"):
            rendered["ETag"] = etag_of(key)
        headers = {name: value for name, value in rendered.items() if name.lower() not in NOT_KEPT}
        cache().set(key, (rendered.status_code, rendered.content, headers), TIMEOUT)
        rendered["X-Cache"] = "miss"

    if hasattr(response, "add_post_render_callback") and not getattr(response, "is_rendered", True):
        response.add_post_render_callback(store)
    else:
        store(response)
    return response


def entity_tags(header):
    """The entity tags listed in an If-Match / If-None-Match header (weak ones
    compared as strong): the one reading of those headers, here and in the API."""
    return {tag.strip().removeprefix("W/") for tag in (header or "").split(",") if tag.strip()}
