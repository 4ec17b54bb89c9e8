"""The OpenAPI schema's generator: drf-spectacular's, plus the error answers every
operation can give, so that the schema lists every status code a client may meet.

drf-spectacular documents only the success of each operation. The others follow
from how the API is built, and are added here by rule rather than view by view:

- 400: the query string (a filter, a search term, a network parameter) or the body was refused;
- 403: a write by anyone but an authenticated curator, or credentials that are not valid;
- 404: no such record, page or ?format=;
- 301 and 304: a GET of a merged duplicate (its detail or a list hanging off it)
  leads to the survivor's; an If-None-Match naming the current ETag answers 304;
- 406, 412, 415, 429: an Accept header no format meets, a stale If-Match, a body
  in a media type the API does not read, too many anonymous requests;
- 413: a body over the size limit; 428: a PUT or PATCH without If-Match.

Errors are always answered in JSON, whatever format was asked for.
"""

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent, get_view_model
from rest_framework import permissions

from .permissions import IsCuratorOrReadOnly

# The parameters whose bad values are ignored or answered 404, never 400.
_LENIENT_PARAMETERS = {"format", "page", "page_size", "ordering"}
_WRITES = {"POST", "PUT", "PATCH"}

_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_VALIDATION = {
    "type": "object",
    "description": "The fields (or query parameters) refused, each with its messages; "
    "`non_field_errors` for what concerns several of them, `detail` for a body that "
    "could not be read.",
    "additionalProperties": {},
}
_ERRORS = {
    "400": ("The query string or the body was refused; the messages say why.", "ValidationError"),
    "403": (
        "Writing needs an authenticated curator; credentials sent with any request must be valid.",
        "Error",
    ),
    "404": ("No such record, page or format.", "Error"),
    "406": ("No format the operation offers meets the Accept header.", "Error"),
    "412": (
        "The record has changed since it was read: If-Match names another ETag. "
        "The ETag header gives the current one.",
        "Error",
    ),
    "413": ("The body is larger than the API reads (1 MB).", "Error"),
    "415": ("The body is in a media type the API does not read.", "Error"),
    "428": (
        "A write must name the version it replaces: send If-Match with the record's ETag "
        "(If-Match: * is refused).",
        "Error",
    ),
    "429": ("Too many requests from one anonymous client; wait and retry.", "Error"),
}
_SCHEMAS = {"Error": _DETAIL, "ValidationError": _VALIDATION}

# What the formats other than JSON hold. They are written from the serializers' data
# but reshaped (schema.org terms, CSL items, rows, XML), so the serializer's schema,
# which drf-spectacular gives every format, would not describe them.
_FORMATS = {
    "application/ld+json": {
        "type": "object",
        "description": "JSON-LD (schema.org; W3C Web Annotations for mentions): one record, or a "
        "page of them as an @graph or an AnnotationPage.",
    },
    "application/vnd.citationstyles.csl+json": {
        "type": "array",
        "items": {"type": "object"},
        "description": "CSL-JSON items, one per work.",
    },
}
_TEXT = {"type": "string", "description": "A document in this format (CSV, BibTeX, RIS, TEI, GraphML ...)."}


class AutoSchema(openapi.AutoSchema):
    def _public_read(self):
        """Reading is open to anyone (IsCuratorOrReadOnly), which drf-spectacular cannot tell."""
        return self.method in permissions.SAFE_METHODS and any(
            isinstance(p, IsCuratorOrReadOnly) for p in self.view.get_permissions()
        )

    def get_auth(self):
        auths = super().get_auth()  # also registers the security schemes for the writes
        if self._public_read() and {} not in auths:
            auths.append({})
        return auths

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        if self._public_read():
            # A public read requires nothing: `security: []` (no lock icon in the docs);
            # a token or session sent anyway is still accepted.
            operation["security"] = []
        for parameter in operation.get("parameters", []):
            # An optional query parameter sent empty is as if not sent (the browsable API's
            # filter form sends them all): no filter, the default page, size or format.
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        responses = operation["responses"]
        for code, response in responses.items():
            if code.startswith("2"):
                for media_type, content in response.get("content", {}).items():
                    if media_type != "application/json":
                        content["schema"] = _FORMATS.get(media_type, _TEXT)
        for code in self._error_codes(operation):
            description, name = _ERRORS[code]
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=_SCHEMAS[name]
            )
            self.registry.register_on_missing(component)
            responses.setdefault(
                code,
                {
                    "content": {"application/json": {"schema": component.ref}},
                    "description": description,
                },
            )
        if self.method == "GET" and getattr(self.view, "action", None) == "retrieve":
            responses.setdefault(
                "304", {"description": "Not modified: If-None-Match names the current ETag."}
            )
        if self.method == "GET" and getattr(self.view, "detail", False) and self._has_merged_records():
            responses.setdefault(
                "301",
                {
                    "description": "A merged duplicate: Location gives the same "
                    "URL for the record it was merged into."
                },
            )
        return operation

    def _error_codes(self, operation):
        parameters = operation.get("parameters", [])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        codes = ["404", "406", "429"]  # 404: any ?format= the operation does not offer, too
        if operation.get("requestBody") or query - _LENIENT_PARAMETERS:
            codes.append("400")
        # 403 on a public read too: credentials sent with any request must be valid.
        if self.method in _WRITES or operation.get("security") or self._public_read():
            codes.append("403")
        if operation.get("requestBody"):
            codes.extend(["413", "415"])
        if self.method in {"PUT", "PATCH"} and hasattr(self.view, "etag_for"):
            codes.extend(["412", "428"])
        return codes

    def _has_merged_records(self):
        model = get_view_model(self.view, emit_warnings=False)
        return model is not None and any(f.name == "merged_into" for f in model._meta.get_fields())
