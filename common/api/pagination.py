from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page-number pagination; clients may ask for up to 500 rows a page."""

    page_size_query_param = "page_size"
    max_page_size = 500

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
