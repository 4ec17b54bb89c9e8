"""Routes of the reconciliation service: 0.2 at /reconcile/, 1.0-draft at /reconcile/1.0/."""

from django.urls import path

from . import views

app_name = "reconcile"

urlpatterns = [
    path("", views.root, name="root"),
    path("preview", views.preview, name="preview"),
    path("flyout", views.flyout, name="flyout"),
    path("suggest/entity", views.suggest_entity, name="suggest-entity"),
    path("suggest/type", views.suggest_type, name="suggest-type"),
    path("suggest/property", views.suggest_property, name="suggest-property"),
    path("propose_properties", views.propose, name="propose"),
    path("schema/", views.schema_space, name="schema"),
    path("1.0/", views.root_10, name="root-10"),
    path("1.0/match", views.match_10, name="match-10"),
    path("1.0/suggest/<str:kind>", views.suggest_10, name="suggest-10"),
    path("1.0/preview", views.preview, name="preview-10"),
    path("1.0/extend", views.extend_10, name="extend-10"),
    path("1.0/extend/propose", views.propose_10, name="propose-10"),
]
