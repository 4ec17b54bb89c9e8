"""Middleware the whole site shares.

- ApiBodyLimitMiddleware: under /api/, a body announced larger than the limit
  (DATA_UPLOAD_MAX_MEMORY_SIZE) is answered 413 in JSON before anything reads it,
  whatever its media type (multipart bodies are otherwise held to no limit: Django
  streams their files to disk), and Django's RequestDataTooBig, raised when a body
  is read past the limit, becomes the same 413 instead of an HTML 400.
- RequestIdMiddleware: every request gets an id (the proxy's X-Request-ID when it
  sends a sane one, else a fresh one), given back in the X-Request-ID header and
  written in every log line about the request (common/logging.py).
- ContentSecurityPolicyMiddleware: a Content-Security-Policy on every answer.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse

from . import logging as request_logging

API_PREFIX = "/api/"


def is_api(request):
    return request.path.startswith(API_PREFIX)


def too_large():
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return JsonResponse(
        {"detail": f"The body is larger than {limit} bytes, the most the API reads."}, status=413
    )


class ApiBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_api(request):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse({"detail": "The Content-Length header is not a number."}, status=400)
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and length > limit:
                return too_large()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_api(request) and isinstance(exception, RequestDataTooBig):
            return too_large()
        return None


_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        token = request_logging.request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_logging.request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


# Everything from our own origin, nothing inline: the templates hold no inline script
# or style (JSON-LD <script type="application/ld+json"> is data, which CSP does not
# block), and the vendored libraries are served from /static/.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Redoc's page (drf-spectacular's template) starts Redoc with an inline script and
# styles itself inline, and Redoc runs a worker from a blob: on that page only.
RELAXED = {
    "api-redoc": CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'", "script-src 'self' 'unsafe-inline'"
    ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    + "; worker-src 'self' blob:"
}


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            match = getattr(request, "resolver_match", None)
            name = match.url_name if match else None
            response["Content-Security-Policy"] = RELAXED.get(name, CONTENT_SECURITY_POLICY)
        return response
