"""Bulk writing with explicit ids: COPY on PostgreSQL, executemany elsewhere; model
save() hooks do not run, so callers compute slugs, sort names and date bounds."""

import bisect
import datetime
import io
import itertools
import time

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def dated(year, rng, uncertain=0.1):
    """(EDTF text, lower, upper) for a year, sometimes uncertain or approximate."""
    if year is None:
        return "", None, None
    lower, upper = year_bounds(year)
    mark = rng.choice("?~") if rng.random() < uncertain else ""
    return f"{year}{mark}", lower, upper


class Weighted:
    """Pick items with probability proportional to their weight (zero: never)."""

    def __init__(self, items, weights, rng):
        self.items, self.rng = list(items), rng
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1] if self.cum else 0

    def __bool__(self):
        return self.total > 0

    def pick(self):
        return self.items[bisect.bisect(self.cum, self.rng.random() * self.total)]


def chunks(rows, size):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _copy_text(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class Loader:
    """Writes rows (tuples, id first) into a model's table: COPY on PostgreSQL,
    executemany elsewhere. Ids are given by the caller, from `next_id()`."""

    CHUNK = 50_000

    def __init__(self, write):
        self.write = write
        self.counts = {}
        self.models = []

    @staticmethod
    def next_id(model):
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def load(self, model, fields, rows):
        # Columns the generator does not name take their model default (a field added
        # to a model later must not break the load with a NOT NULL error).
        missing = [
            f
            for f in model._meta.concrete_fields
            if f.name not in fields
            and f.attname not in fields
            and not f.null
            and (f.has_default() or (f.empty_strings_allowed and not f.primary_key and not f.is_relation))
        ]
        if missing:
            defaults = tuple(f.get_default() for f in missing)
            fields = [*fields, *(f.name for f in missing)]
            rows = (tuple(row) + defaults for row in rows)
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in fields]
        if len(set(columns)) != len(columns):
            # SQLite would take a repeated column silently; PostgreSQL's COPY refuses it
            # only after every earlier table is loaded. Say so before anything is written.
            raise ValueError(f"{model._meta.label}: a column is listed twice in {columns}")
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for chunk in chunks(rows, self.CHUNK):
                if connection.vendor == "postgresql":
                    buffer = io.StringIO()
                    for row in chunk:
                        buffer.write("\t".join(map(_copy_text, row)))
                        buffer.write("\n")
                    buffer.seek(0)
                    cursor.copy_expert(
                        f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN", buffer
                    )
                else:
                    placeholders = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",
                        [tuple(self._adapt(v) for v in row) for row in chunk],
                    )
                count += len(chunk)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + count
        if model not in self.models:
            self.models.append(model)
        self.write(f"  {model._meta.label}: {count:,} rows ({time.perf_counter() - started:.1f} s)")
        return count

    @staticmethod
    def _adapt(value):
        if isinstance(value, datetime.datetime):
            return connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def reset_sequences(self):
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(sql)
