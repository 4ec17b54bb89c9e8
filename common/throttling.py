"""Rate limits that limit (issue 19).

- The client is the address the trusted proxy reports: with NUM_PROXIES proxies in
  front (SERGE_NUM_PROXIES, default 0), the address that many hops from the end of
  X-Forwarded-For; with none, the connection's address. DRF's default (NUM_PROXIES
  unset) took the whole client-supplied X-Forwarded-For as the identity, so a
  spoofed header reset the count at every request (300 of 300 served).
- The counts live in the shared cache (Redis when REDIS_URL is set), so every worker
  and machine sees the same count; with the per-process fallback cache, each worker
  counts for itself (documented in README).
- Heavy reader pages (a person's page and network, search) are throttled too, by
  ReaderPageThrottleMiddleware with the same machinery and their own rate.
"""

from django.http import HttpResponse
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle


def client_address(request):
    """The client's address as the trusted proxies report it (NUM_PROXIES of them)."""
    meta = request.META
    remote = meta.get("REMOTE_ADDR")
    proxies = api_settings.NUM_PROXIES or 0
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if proxies > 0 and forwarded:
        hops = [a.strip() for a in forwarded.split(",") if a.strip()]
        if hops:
            # The last `proxies` entries were written by our proxies; the one before the
            # first of them is what the outermost trusted proxy saw connecting.
            return hops[-min(proxies, len(hops))]
    return remote


class AnonymousClientThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, keyed on client_address."""

    def get_ident(self, request):
        return client_address(request)


class ReaderPageThrottle(SimpleRateThrottle):
    """The heavy reader pages, per client address (curators signed in are not counted)."""

    scope = "pages"

    def get_cache_key(self, request, view):
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


# The pages that query much (a hub's page, its network, the search): one client asking
# for them in a loop made them unusable for every other reader.
HEAVY_PAGES = {"person-page", "person-network-page", "search-page", "organisation-page", "work-page"}


class ReaderPageThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name not in HEAVY_PAGES:
            return None
        throttle = ReaderPageThrottle()
        if throttle.allow_request(request, None):
            return None
        wait = throttle.wait()
        response = HttpResponse(
            "Too many requests from your address: wait a little and reload the page.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        if wait is not None:
            response["Retry-After"] = str(int(wait) + 1)
        return response
