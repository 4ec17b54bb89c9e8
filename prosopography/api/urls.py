"""Routes of the prosopography's API resources, the API root, and the OpenAPI
schema with its interactive documentation (served from our own static files)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import Route, SimpleRouter

from . import views


class ApiRouter(SimpleRouter):
    """A router whose list routes are named `api-<resource>-list`, because the reader
    pages already own `person-list`, `work-list` ...; detail routes keep the
    conventional `<resource>-detail`, which nothing else uses."""

    routes = [
        Route(
            url=route.url,
            mapping=route.mapping,
            name="api-{basename}-list",
            detail=route.detail,
            initkwargs=route.initkwargs,
        )
        if route.name == "{basename}-list"
        else route
        for route in SimpleRouter.routes
    ]


router = ApiRouter()
router.register("persons", views.PersonViewSet, basename="person")
router.register("names", views.AliasViewSet, basename="alias")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("places", views.PlaceViewSet, basename="place")
router.register("events", views.EventViewSet, basename="event")
router.register("relationships", views.RelationshipViewSet, basename="relationship")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("sources", views.SourceViewSet, basename="source")
router.register("mentions", views.MentionViewSet, basename="mention")

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
    links["schema"] = reverse("api-schema", request=request)
    links["docs"] = reverse("api-docs", request=request)
    return Response(links)


urlpatterns = [
    path("", api_root, name="api-root"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
