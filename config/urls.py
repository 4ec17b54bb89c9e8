"""Site map: reader pages at the root, the curators' admin at /admin/, the REST
API under the versioned prefix /api/v1/."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.defaults import page_not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("reconcile/", include("reconcile.urls")),
    path("", include("prosopography.urls")),
    path("", include("bibliography.urls")),
]


def not_found(request, exception):
    """An unknown URL under the API (/api/v1/persons/abc/) is answered in JSON, as
    the API's other errors are; the reader pages keep Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


handler404 = not_found
