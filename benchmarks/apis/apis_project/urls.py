from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("apis_core.urls", namespace="apis")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
