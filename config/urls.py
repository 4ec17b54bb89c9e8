"""Site map: reader pages at the root, the curators' admin at /admin/, the REST
API under the versioned prefix /api/v1/."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("", include("prosopography.urls")),
    path("", include("bibliography.urls")),
]
