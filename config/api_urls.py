"""The REST API, version 1: each app contributes its routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("prosopography.api.network_urls")),
    path("", include("prosopography.api.urls")),
    path("", include("bibliography.api.urls")),
]
