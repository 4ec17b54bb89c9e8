"""Readers' pages for persons, organisations, places, sources and search. A record's page
lives on its permanent id; the slug is decoration and old slugs redirect."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search-page"),
    path("persons/", views.person_list, name="person-list"),
    path("persons/<int:pk>/", views.person_redirect, name="person-redirect"),
    path("persons/<int:pk>/<str:slug>/", views.person_page, name="person-page"),
    path("persons/<int:pk>/<str:slug>/network/", views.person_network, name="person-network-page"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_redirect, name="organisation-redirect"),
    path("organisations/<int:pk>/<str:slug>/", views.organisation_page, name="organisation-page"),
    path("places/", views.place_list, name="place-list"),
    path("places/<int:pk>/", views.place_redirect, name="place-redirect"),
    path("places/<int:pk>/<str:slug>/", views.place_page, name="place-page"),
    path("contested/", views.contested_list, name="contested-list"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<int:pk>/", views.source_page, name="source-page"),
]
