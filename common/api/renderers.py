"""Output formats every resource may offer: CSV for spreadsheets, and the base of
the JSON-LD renderers (the view builds the document; the renderer writes it and
answers errors in plain JSON).

Formats that belong to one kind of record live with it: the TEI personography and
Web Annotations in prosopography.api.renderers, citation formats in
bibliography.api.renderers.
"""

import csv
import io
import json
import re

from rest_framework.renderers import BaseRenderer, JSONRenderer

# Inline, so that reading our JSON-LD needs no network fetch; sameAs values are links, not text.
SCHEMA_CONTEXT = {"@vocab": "https://schema.org/", "sameAs": {"@type": "@id"}}


def rows_of(data):
    """A list page's rows, or a detail response as a single row."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, list):
        return data
    return [data]


_FORMAT_PARAM = re.compile(r"([?&])format=[^&]*&?")


def bare(value):
    """A link without the `?format=` DRF carries over, so that every format names
    a record by the same URL."""
    if isinstance(value, str) and value.startswith("http") and "format=" in value:
        return _FORMAT_PARAM.sub(r"\1", value).rstrip("?&")
    return value


def is_error(renderer_context):
    response = (renderer_context or {}).get("response")
    return response is not None and response.status_code >= 400


# ---------------------------------------------------------------- CSV


def _flatten(value, prefix="", row=None):
    """{"birth": {"edtf": "1890"}} -> {"birth.edtf": "1890"}; lists are joined with " | "."""
    row = {} if row is None else row
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else str(key), row)
    elif isinstance(value, list):
        row[prefix] = " | ".join(
            str(v.get("name") or v.get("title") or v.get("id", "")) if isinstance(v, dict) else str(v)
            for v in value
        )
    else:
        row[prefix or "value"] = "" if value is None else bare(value)
    return row


# A spreadsheet reads a cell that starts with one of these as a formula
# (=HYPERLINK(...), +cmd|..., @SUM(...)); a tab or carriage return can hide one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, prefixed with a single quote so
    that it is shown as text (OWASP's advice for CSV injection). Numbers are left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class CSVRenderer(BaseRenderer):
    """One row per record of the current page; nested fields become dotted columns.
    Text that a spreadsheet would run as a formula is neutralised (see `neutralise`)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        tree = _column_tree_of_view(data, renderer_context)
        if tree is not None:  # the serializer's columns: the same on every page (common/api/exports.py)
            from .exports import columns_of, flat_row

            columns = columns_of(tree)
            rows = [{k: neutralise(v) for k, v in flat_row(tree, item).items()} for item in rows_of(data)]
        else:
            rows = [{k: neutralise(v) for k, v in _flatten(item).items()} for item in rows_of(data)]
            columns = []
            for row in rows:
                columns.extend(key for key in row if key not in columns)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode(self.charset)


def _column_tree_of_view(data, renderer_context):
    """The columns of the view's serializer, for a list of records; None for an error,
    a single record or a view without one serializer (then the row's own keys)."""
    from .exports import column_tree

    if is_error(renderer_context) or not isinstance(data, dict) or "results" not in data:
        return None
    view = (renderer_context or {}).get("view")
    serializer_class = getattr(view, "export_serializer_class", None)
    if serializer_class is None and getattr(view, "action", None) == "list":
        serializer_class = view.get_serializer_class()
    if serializer_class is None:
        return None
    try:
        return column_tree(serializer_class(context=view.get_serializer_context()))
    except (TypeError, AttributeError):  # a serializer that needs more to be built: the rows' keys
        return None


class JSONLinesRenderer(BaseRenderer):
    """JSON Lines: one record a line, for the tools that read a table line by line
    (`?format=jsonl`; with `?all=1` the whole list, streamed)."""

    media_type = "application/jsonl"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if is_error(renderer_context):
            return JSONRenderer().render(data)
        # Text, not bytes: DRF then keeps the Content-Type even for an empty page (no rows,
        # no lines), where it drops it for empty bytes.
        return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows_of(data))


# ---------------------------------------------------------------- JSON-LD


def prune(node):
    """Drop empty values, which JSON-LD would otherwise read as statements."""
    if isinstance(node, dict):
        return {k: prune(v) for k, v in node.items() if v not in (None, "", [], {})}
    if isinstance(node, list):
        return [prune(v) for v in node if v not in (None, "", [], {})]
    return node


class LinkedDataRenderer(BaseRenderer):
    """A JSON-LD document made by `document()` from the serialised data; errors
    are still answered in plain JSON."""

    media_type = "application/ld+json"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if is_error(renderer_context):
            return JSONRenderer().render(data)
        return json.dumps(self.document(data, renderer_context), ensure_ascii=False).encode(self.charset)


class JSONLDRenderer(LinkedDataRenderer):
    """schema.org JSON-LD. The view builds the nodes from its records (its
    `linked_data` hook, shared with the record's page); this adds the context."""

    format = "jsonld"

    def document(self, data, renderer_context):
        return linked_data_document(data)


def linked_data_document(node):
    """A node (or {"@graph": [nodes]}) as a JSON-LD document, with the inline
    context and without empty values."""
    return prune({"@context": SCHEMA_CONTEXT, **node})
