from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

#: Formats a reference manager or a spreadsheet imports whole: these may be asked
#: for the complete result set with ?all=1 (a page of JSON is for browsing).
EXPORT_FORMATS = {"csv", "jsonl", "bibtex", "ris", "csl-json"}


def wants_everything(request):
    """Whether the request asks for a complete export: ?all=1 (or true) in an
    export format, and no ?page=."""
    renderer = getattr(request, "accepted_renderer", None)
    return (
        getattr(renderer, "format", None) in EXPORT_FORMATS
        and request.query_params.get("all", "").lower() in ("1", "true", "yes")
        and "page" not in request.query_params
    )


class Pagination(PageNumberPagination):
    """Page-number pagination; clients may ask for up to 500 rows a page.

    Every page says where it stands in HTTP headers too, for the formats that have
    no room for `next`/`count` in their body (CSV, BibTeX, RIS, CSL-JSON): `Link`
    (RFC 8288; rel first, prev, next, last) and `X-Total-Count`. In those formats
    `?all=1` gives the complete result set in one response instead of a page."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        if wants_everything(request):
            self.page = None
            return None  # DRF's list views then serialise the whole queryset
        return super().paginate_queryset(queryset, request, view)

    def headers(self):
        """`Link` and `X-Total-Count` for the current page."""
        url = self.request.build_absolute_uri()
        links = [(remove_query_param(url, self.page_query_param), "first")]
        if self.page.has_previous():
            links.append((self.get_previous_link(), "prev"))
        if self.page.has_next():
            links.append((self.get_next_link(), "next"))
        last = self.page.paginator.num_pages
        links.append((replace_query_param(url, self.page_query_param, last), "last"))
        return {
            "Link": ", ".join(f'<{link}>; rel="{rel}"' for link, rel in links),
            "X-Total-Count": str(self.page.paginator.count),
        }

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        for name, value in self.headers().items():
            response[name] = value
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = page_schema(self)
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"], parameter["description"] = page_size_schema(self)
        return parameters


def page_schema(paginator=Pagination):
    """A page number from 1, or "last"; any other page answers 404."""
    return {
        "anyOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "enum": list(paginator.last_page_strings)},
        ]
    }


def page_size_schema(paginator=Pagination):
    return (
        {"type": "integer", "minimum": 1},
        f"Rows a page, at most {paginator.max_page_size} (more gives {paginator.max_page_size}); "
        "a value that is not a whole number from 1 gives the default size, never an error.",
    )
