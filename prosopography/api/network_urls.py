"""Routes of the network and search endpoints (included under /api/v1/)."""

from django.urls import path

from .network import NetworkView, PersonNetworkView
from .search import SearchView

urlpatterns = [
    path("persons/<int:pk>/network/", PersonNetworkView.as_view(), name="person-network"),
    path("network/", NetworkView.as_view(), name="network"),
    path("search/", SearchView.as_view(), name="search"),
]
