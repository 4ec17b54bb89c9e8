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
- A rate is not enough against one client with many connections: heavy reads are
  also limited in number at once per client (InFlightLimitMiddleware).
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
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


# ---------------------------------------------------------------- requests in flight

# The reads that cost most (pages and their API twins). One client with 32
# connections kept every worker on them and pushed other readers to 15 s: a
# rate per minute does not stop that, a limit on requests in flight does.
HEAVY_READS = HEAVY_PAGES | {"person-detail", "person-network", "network", "search"}


def _too_many_in_flight(request):
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "Too many of your requests are running at once: wait for them, then retry."},
            status=429,
        )
    else:
        response = HttpResponse(
            "Too many of your requests are running at once: wait a moment and reload the page.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = "1"
    return response


class InFlightLimitMiddleware:
    """At most settings.HEAVY_READS_IN_FLIGHT heavy reads at once per client address
    (curators, signed in or with a token, are not limited); the next answers 429 at once, which frees
    the worker for other readers instead of queueing behind one client.

    The count lives in the shared cache, so it holds across workers and machines
    when REDIS_URL is set; with the per-process fallback cache each sync worker
    runs one request at a time and the limit has no effect (docs/deploy.md). A
    count left by a killed worker expires after IN_FLIGHT_TTL seconds."""

    IN_FLIGHT_TTL = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            key = getattr(request, "_in_flight_key", None)
            if key:
                try:
                    cache.decr(key)
                except ValueError:  # expired meanwhile
                    pass

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method not in ("GET", "HEAD") or match is None or match.url_name not in HEAVY_READS:
            return None
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return None
        if request.headers.get("Authorization", "").startswith("Token "):
            # A curator's API token, checked by the API itself: a wrong one answers
            # 401 at once, before any heavy work.
            return None
        key = f"in-flight:{client_address(request)}"
        cache.add(key, 0, timeout=self.IN_FLIGHT_TTL)
        try:
            running = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self.IN_FLIGHT_TTL)
            running = 1
        if running > settings.HEAVY_READS_IN_FLIGHT:
            cache.decr(key)
            return _too_many_in_flight(request)
        request._in_flight_key = key
        return None
