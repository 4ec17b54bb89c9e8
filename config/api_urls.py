"""The REST API, version 1: the root, the OpenAPI schema and its documentation
(served from our own static files), and the routes each app contributes."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from common.api.tokens import CuratorTokenView

RESOURCES = [
    "person",
    "alias",
    "organisation",
    "place",
    "event",
    "relationship",
    "membership",
    "source",
    "mention",
    "statement",
    "work",
    "edition",
    "periodical",
    "contribution",
]


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    """Where each resource list lives, and the schema and its documentation."""
    links = {
        f"{name}s" if name != "alias" else "names": reverse(f"api-{name}-list", request=request)
        for name in RESOURCES
    }
    links["search"] = reverse("search", request=request)
    links["network"] = reverse("network", request=request)
    links["schema"] = reverse("api-schema", request=request)
    links["docs"] = reverse("api-docs", request=request)
    return Response(links)


urlpatterns = [
    path("", api_root, name="api-root"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("token/", CuratorTokenView.as_view(), name="api-token"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include("prosopography.api.urls")),
    path("", include("bibliography.api.urls")),
]
