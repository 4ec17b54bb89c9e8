"""Routes of the bibliography's API resources (included under /api/v1/), and the
works of a person (/persons/{id}/works/), which the bibliography owns."""

from django.urls import path

from common.api.routers import ApiRouter

from . import views

router = ApiRouter()
router.register("works", views.WorkViewSet, basename="work")
router.register("editions", views.EditionViewSet, basename="edition")
router.register("periodicals", views.PeriodicalViewSet, basename="periodical")
router.register("contributions", views.ContributionViewSet, basename="contribution")

urlpatterns = [
    path("persons/<int:pk>/works/", views.PersonWorksViewSet.as_view({"get": "works"}), name="person-works"),
    *router.urls,
]
