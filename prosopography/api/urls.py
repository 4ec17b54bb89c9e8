"""Routes of the prosopography's API resources (included under /api/v1/)."""

from django.urls import path

from common.api.routers import ApiRouter

from . import network, search, views

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
router.register("statements", views.StatementViewSet, basename="statement")

urlpatterns = [
    path("persons/<int:pk>/network/", network.PersonNetworkView.as_view(), name="person-network"),
    path("network/", network.NetworkView.as_view(), name="network"),
    path("search/", search.SearchView.as_view(), name="search"),
    *router.urls,
]
