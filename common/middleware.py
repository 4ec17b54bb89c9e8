"""Middleware the whole site shares.

- ApiBodyLimitMiddleware: under /api/, a body announced larger than the limit
  (DATA_UPLOAD_MAX_MEMORY_SIZE) is answered 413 in JSON before anything reads it,
  whatever its media type (multipart bodies are otherwise held to no limit: Django
  streams their files to disk), and Django's RequestDataTooBig, raised when a body
  is read past the limit, becomes the same 413 instead of an HTML 400.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse

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
