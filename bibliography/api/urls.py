"""Routes of the bibliography's API resources."""

from prosopography.api.urls import ApiRouter

from . import views

router = ApiRouter()
router.register("works", views.WorkViewSet, basename="work")
router.register("editions", views.EditionViewSet, basename="edition")
router.register("periodicals", views.PeriodicalViewSet, basename="periodical")
router.register("contributions", views.ContributionViewSet, basename="contribution")

urlpatterns = router.urls
