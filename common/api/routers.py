"""The API's router."""

from rest_framework.routers import Route, SimpleRouter


class ApiRouter(SimpleRouter):
    """A router whose list routes are named `api-<resource>-list`, because the reader
    pages already own `person-list`, `work-list` ...; detail routes keep the
    conventional `<resource>-detail`, which nothing else uses."""

    routes = [
        Route(
            url=route.url,
            mapping=route.mapping,
            name="api-{basename}-list",
            detail=route.detail,
            initkwargs=route.initkwargs,
        )
        if route.name == "{basename}-list"
        else route
        for route in SimpleRouter.routes
    ]
