"""IPIF routes under /ipif/. The spec's paths have no trailing slash; both forms answer."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^persons/?$", views.PersonList.as_view(), name="ipif-persons"),
    re_path(r"^persons/(?P<id>.+?)/?$", views.PersonDetail.as_view(), name="ipif-person"),
    re_path(r"^factoids/?$", views.FactoidList.as_view(), name="ipif-factoids"),
    re_path(r"^factoids/(?P<id>.+?)/?$", views.FactoidDetail.as_view(), name="ipif-factoid"),
    re_path(r"^sources/?$", views.SourceList.as_view(), name="ipif-sources"),
    re_path(r"^sources/(?P<id>.+?)/?$", views.SourceDetail.as_view(), name="ipif-source"),
    re_path(r"^statements/?$", views.StatementList.as_view(), name="ipif-statements"),
    re_path(r"^statements/(?P<id>.+?)/?$", views.StatementDetail.as_view(), name="ipif-statement"),
    re_path(r"^describe/?$", views.Describe.as_view(), name="ipif-describe"),
]
