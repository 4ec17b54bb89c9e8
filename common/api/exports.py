"""Whole-list exports: `?format=csv&all=1` and `?format=jsonl&all=1` on every list
stream the complete result set, not a page, in fixed columns.

- **Streamed**: the rows are read from the database 500 at a time (with the view's
  prefetches) and written as they come (StreamingHttpResponse), so a list of any
  length is exported in bounded memory; `X-Total-Count` says how many rows follow.
- **Fixed columns**: the columns come from the serializer, not from the rows, so
  every row has the same columns in the same order whatever it holds (a person
  without a birth date still has the `birth.edtf` column, empty). A field that is a
  nested serializer, or that names its parts in `csv_columns` (EDTF dates,
  references), gives one dotted column per part; a list is joined with " | "; any
  other structured value is written as JSON text in its cell.
- **Names beside ids**: a serializer may write a field as columns of its own in
  `csv_split` ({field: [(column, cell)]}, `cell(value)` reading the field's value
  as the JSON gives it): a work's credits become `authors` beside `author_ids`, a
  citation list `evidence_sources` beside its ids. The cells are made from what the
  serializer already read, so a split costs no query. Lists are aligned: the n-th
  name of `authors` is the n-th id of `author_ids`. The columns of every list:
  docs/exports.md.
- **Safe in a spreadsheet**: text cells that would run as a formula are neutralised
  (`renderers.neutralise`), in CSV; JSON Lines keeps the values as they are.
"""

import csv
import io
import json

from django.http import StreamingHttpResponse
from rest_framework import serializers

from .renderers import bare, neutralise

CHUNK_SIZE = 500
STREAM_FORMATS = {"csv", "jsonl"}


def streams_everything(request):
    from .pagination import wants_everything

    renderer = getattr(request, "accepted_renderer", None)
    return getattr(renderer, "format", None) in STREAM_FORMATS and wants_everything(request)


class Split:
    """A field written as several columns of its own (a serializer's `csv_split`)."""

    def __init__(self, columns):
        self.columns = list(columns)


def joined(values):
    """A list in one cell: " | " between the values, an empty string for None (so that
    two aligned lists keep their positions)."""
    return " | ".join("" if v is None else str(v) for v in values)


def pick(*path, where=None):
    """cell(value) for a list of dicts: the values at `path` of each (of those for
    which `where(item)` holds, if given), joined."""

    def cell(items):
        values = []
        for item in items or []:
            if where is not None and not where(item):
                continue
            for key in path:
                item = item.get(key) if isinstance(item, dict) else None
            values.append(item)
        return joined(values)

    return cell


def at(*path):
    """cell(value) for a dict: the value at `path` (None where any step is missing)."""

    def cell(value):
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return cell


def column_tree(serializer):
    """[(name, subtree)] for a serializer's readable fields, in order; the subtree is a
    tree for a nested record, a Split, or None for a single column."""
    tree = []
    splits = getattr(serializer, "csv_split", {})
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if name in splits:
            tree.append((name, Split(splits[name])))
        elif isinstance(field, serializers.BaseSerializer) and not isinstance(
            field, serializers.ListSerializer
        ):
            tree.append((name, column_tree(field)))
        elif getattr(field, "csv_columns", None):
            tree.append((name, [(part, None) for part in field.csv_columns]))
        else:
            tree.append((name, None))
    return tree


def columns_of(tree, prefix=""):
    columns = []
    for name, subtree in tree:
        column = f"{prefix}{name}"
        if isinstance(subtree, Split):
            columns.extend(f"{prefix}{part}" for part, _ in subtree.columns)
        else:
            columns.extend(columns_of(subtree, column + ".") if subtree else [column])
    return columns


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(
            str(v.get("name") or v.get("title") or v.get("id", "")) if isinstance(v, dict) else str(v)
            for v in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return bare(value)


def flat_row(tree, item, prefix="", row=None):
    """One record as {column: cell}, with exactly the columns of `tree`."""
    row = {} if row is None else row
    for name, subtree in tree:
        value = item.get(name) if isinstance(item, dict) else None
        column = f"{prefix}{name}"
        if isinstance(subtree, Split):
            for part, cell in subtree.columns:
                row[f"{prefix}{part}"] = _cell(cell(value))
        elif subtree:
            flat_row(subtree, value if isinstance(value, dict) else {}, column + ".", row)
        else:
            row[column] = _cell(value)
    return row


def _chunks(queryset):
    """The records, CHUNK_SIZE at a time, the view's prefetches done per chunk."""
    chunk = []
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(record)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _csv_lines(tree, rows_in_chunks):
    columns = columns_of(tree)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for rows in rows_in_chunks:
        for item in rows:
            writer.writerow({k: neutralise(v) for k, v in flat_row(tree, item).items()})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _jsonl_lines(rows_in_chunks):
    for rows in rows_in_chunks:
        yield "".join(json.dumps(item, ensure_ascii=False, default=str) + "\n" for item in rows)


def stream_export(request, queryset, make_serializer, name):
    """A StreamingHttpResponse of every record of `queryset`, in the request's format
    (csv or jsonl); make_serializer(records) gives a `many=True` serializer."""
    fmt = request.accepted_renderer.format
    queryset = queryset if queryset.ordered else queryset.order_by("pk")
    total = queryset.count()

    def serialized():
        for chunk in _chunks(queryset):
            yield make_serializer(chunk).data

    if fmt == "csv":
        tree = column_tree(make_serializer([]).child)
        body = (line.encode("utf-8") for line in _csv_lines(tree, serialized()))
        content_type = "text/csv; charset=utf-8"
    else:
        body = (line.encode("utf-8") for line in _jsonl_lines(serialized()))
        content_type = "application/jsonl; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Total-Count"] = str(total)
    return response
