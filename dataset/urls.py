from django.urls import path

from . import views

urlpatterns = [
    path("releases/", views.release_list, name="release-list"),
    path("releases/<str:version>/<path:name>", views.release_file, name="release-file"),
]
