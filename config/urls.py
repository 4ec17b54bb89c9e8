"""Site map: reader pages at the root, the curators' admin at /admin/, the REST
API under the versioned prefix /api/v1/."""

from django.contrib import admin
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.urls import include, path
from django.views.defaults import bad_request, page_not_found, server_error

from dataset.admin_views import add_source

urlpatterns = [
    path("admin/add-source/", add_source, name="admin-add-source"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("ipif/", include("ipif.urls")),
    path("reconcile/", include("reconcile.urls")),
    path("", include("prosopography.urls")),
    path("", include("bibliography.urls")),
    path("", include("dataset.urls")),
]


# Paths whose answers are JSON, errors included (the REST API, IPIF, reconciliation).
API_PREFIXES = ("/api/", "/ipif/", "/reconcile/")


def not_found(request, exception):
    """An unknown URL under the API (/api/v1/persons/abc/) is answered in JSON, as
    the API's other errors are; the reader pages keep Django's page."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def refused(request, exception):
    """A request Django refused before any view (a body over the size limit, a
    suspicious header): JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse({"detail": "The body is larger than the API reads."}, status=413)
        return JsonResponse({"detail": "Bad request."}, status=400)
    return bad_request(request, exception)


def failed(request):
    """A server error: JSON under /api/ (the error is logged with the request id)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error. It has been logged."}, status=500)
    return server_error(request)


handler404 = not_found
handler400 = refused
handler500 = failed
