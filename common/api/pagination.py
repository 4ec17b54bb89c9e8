from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination
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

    cursor = None  # the keyset paginator, when the request asked for ?cursor=

    def paginate_queryset(self, queryset, request, view=None):
        if wants_everything(request):
            self.page = None
            return None  # DRF's list views then serialise the whole queryset
        if KeysetPagination.cursor_query_param in request.query_params:
            self.cursor = KeysetPagination.for_view(view, request)
            return self.cursor.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def headers(self):
        """`Link` and `X-Total-Count` for the current page."""
        if self.cursor:
            return self.cursor.headers()
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
        if self.cursor:
            response = self.cursor.get_paginated_response(data)
            for name, value in self.headers().items():
                response[name] = value
            return response
        response = super().get_paginated_response(data)
        for name, value in self.headers().items():
            response[name] = value
        return response

    def get_paginated_response_schema(self, schema):
        # Keyset pages (?cursor=) carry no count: only the results are always there.
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["results"]
        paginated["properties"]["count"]["description"] = "Absent on keyset pages (?cursor=)."
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        if getattr(view, "cursor_ordering", None):
            parameters.append(
                {
                    "name": KeysetPagination.cursor_query_param,
                    "required": False,
                    "in": "query",
                    "description": KeysetPagination.cursor_description,
                    "schema": {"type": "string"},
                }
            )
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


class KeysetPagination(CursorPagination):
    """Keyset (cursor) pages, offered beside page numbers on the long lists (persons,
    works, relationships, mentions): `?cursor=` (empty) starts at the beginning, and
    each page's `next` and `previous` carry an opaque cursor. A page is read with
    `WHERE key > last key ... LIMIT n` on an index, so the last page of a list of a
    million rows costs what the first does (an OFFSET reads every row it skips).

    The order is the list's own keyset order (`cursor_ordering` on the view: persons
    by sort name, the others by id); `?ordering=` does not apply. No `count`: ask a
    numbered page for it. The same filters as numbered pages."""

    cursor_query_param = "cursor"
    cursor_description = (
        "Keyset pagination: leave it empty for the first page, then follow `next`. Pages in the "
        "list's keyset order; as fast at the end of the list as at its start."
    )
    page_size_query_param = "page_size"
    max_page_size = 500

    @classmethod
    def for_view(cls, view, request):
        ordering = getattr(view, "cursor_ordering", None)
        if not ordering or getattr(view, "action", None) != "list":
            raise ValidationError(
                {cls.cursor_query_param: ["Keyset pages (?cursor=) are offered on the long lists only."]}
            )
        if request.query_params.get("ordering"):
            raise ValidationError(
                {
                    "ordering": [
                        "Keyset pages follow the list's own order: leave out ?ordering= or use ?page=."
                    ]
                }
            )
        paginator = cls()
        paginator.ordering = ordering
        paginator.page_size = Pagination().get_page_size(request) or paginator.page_size
        return paginator

    def get_ordering(self, request, queryset, view):
        return tuple(self.ordering)

    def get_page_size(self, request):
        return self.page_size

    def decode_cursor(self, request):
        if not request.query_params.get(self.cursor_query_param):
            return None  # ?cursor= with nothing: the first page
        return super().decode_cursor(request)

    def headers(self):
        links = [
            (url, rel)
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        return {"Link": ", ".join(f'<{link}>; rel="{rel}"' for link, rel in links)} if links else {}
