"""Readers' pages for works and periodicals; a work's page lives on its permanent id."""

from django.urls import path

from . import views

urlpatterns = [
    path("works/", views.work_list, name="work-list"),
    path("works/<int:pk>/", views.work_redirect, name="work-redirect"),
    path("works/<int:pk>/<str:slug>/", views.work_page, name="work-page"),
    path("periodicals/", views.periodical_list, name="periodical-list"),
    path("periodicals/<int:pk>/", views.periodical_page, name="periodical-page"),
]
