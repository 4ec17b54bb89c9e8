"""Load a release written by `manage.py release` back into an empty database
(`manage.py load_release <directory>`): the backup-and-restore path of the data.

The release's tables (`data/*.csv`, described by `datapackage.json`) hold every
stored field of every record, ids included, timestamps to the microsecond and kinds
of record by name ("prosopography.person"), so the records come back as they were:
the same ids, values, `modified` times (and so the same ETags). Every record that
keeps a history gets one entry, "loaded from release <version>", dated with the
release's `asOf` (the time of the latest change it holds): a release written from
the restored database is byte-identical to the one loaded.

Checked before anything is written: every file listed in SHA256SUMS has its
checksum, and the database holds no record (a freshly migrated one: only the
relationship vocabulary its migration installs, which the release's replaces).

Not in a release, so not restored: the history before the release, user accounts and
merge logs; the review queue (unresolved and rejected mentions and their candidates)
and "distinct records" decisions only when the release was written with
`--with-review`. A complete backup is a database dump (docs/backup.md).
"""

import csv
import datetime
import decimal
import hashlib
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction

from common.history import history_manager, record_baseline_of
from prosopography import models as pros

from .release import _field_type, column, is_content_type, released_fields, review_tables, tables

BATCH = 1000
# Installed by a migration (prosopography 0002) in every new database; the release
# holds the vocabulary as it was, which replaces it.
SEEDED = {"relationship_types"}


class ReleaseError(Exception):
    pass


def read_sums(root):
    sums = root / "SHA256SUMS"
    if not sums.is_file():
        raise ReleaseError(f"{root}: no SHA256SUMS, not a release written by `manage.py release`.")
    listed = {}
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64:
            raise ReleaseError(f"SHA256SUMS line {number} is not '<sha256>  <file>'.")
        listed[name] = digest
    return listed


def verify(root):
    """Every file SHA256SUMS lists exists with its checksum; the data package is listed."""
    listed = read_sums(root)
    wrong = []
    for name, digest in sorted(listed.items()):
        path = root / name
        if not path.is_file():
            wrong.append(f"{name}: missing")
            continue
        actual = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                actual.update(block)
        if actual.hexdigest() != digest:
            wrong.append(f"{name}: checksum {actual.hexdigest()[:12]}… is not the listed {digest[:12]}…")
    if wrong:
        raise ReleaseError("The release does not match its SHA256SUMS:\n  " + "\n  ".join(wrong))
    if "datapackage.json" not in listed:
        raise ReleaseError("SHA256SUMS does not list datapackage.json.")
    return listed


def models_to_check():
    """Every model a release fills, and those a restored database must not hold yet."""
    found = [queryset.model for _, queryset in tables()]
    found += [pros.Mention, pros.MergeLog, pros.DistinctRecords]
    found += [history_manager(m).model for m in list(found) if history_manager(m) is not None]
    return list(dict.fromkeys(found))


def not_empty():
    """The tables that hold rows (the relationship vocabulary a migration installs aside)."""
    seeded = {queryset.model for name, queryset in tables() if name in SEEDED}
    return [
        model._meta.db_table
        for model in models_to_check()
        if model not in seeded and model._base_manager.exists()
    ]


def _parser(field):
    kind = _field_type(field)
    if is_content_type(field):

        def parse(text):
            app_label, _, model = text.partition(".")
            return ContentType.objects.get_by_natural_key(app_label, model).pk

        return parse
    if kind == "boolean":
        return lambda text: {"true": True, "false": False}[text]
    if kind == "integer":
        return int
    if kind == "number":
        return decimal.Decimal if isinstance(field, models.DecimalField) else float
    if kind == "datetime":
        return datetime.datetime.fromisoformat
    if kind == "date":
        return datetime.date.fromisoformat
    if kind == "object":
        return json.loads
    return str


def _converters(model, header):
    by_column = {column(f): f for f in released_fields(model)}
    missing = set(by_column) - set(header)
    unknown = set(header) - set(by_column)
    if missing or unknown:
        raise ReleaseError(
            f"{model._meta.db_table}: the release's columns do not fit this database "
            f"(missing: {sorted(missing)}, unknown: {sorted(unknown)}); "
            "load it with the code of the release's time, then migrate."
        )
    converters = []
    for name in header:
        field = by_column[name]
        parse = _parser(field)
        empty = None if field.null or _field_type(field) != "string" else ""

        def convert(text, field=field, parse=parse, empty=empty):
            value = empty if text == "" else parse(text)
            return field.get_db_prep_save(value, connection)

        converters.append((field.column, convert))
    return converters


def _insert(model, path):
    quote = connection.ops.quote_name
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        converters = _converters(model, header)
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c, _ in converters)}) "
            f"VALUES ({', '.join(['%s'] * len(converters))})"
        )
        pk_at = header.index(column(model._meta.pk))
        pks, batch = [], []
        with connection.cursor() as cursor:
            for row in reader:
                batch.append([convert(text) for (_, convert), text in zip(converters, row, strict=True)])
                pks.append(int(row[pk_at]))
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
    return pks


def load_release(directory, *, progress=None):
    """Load the release in `directory` into the empty database. Returns
    (version, {table: rows}, history entries written)."""
    root = Path(directory)
    verify(root)
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    if "asOf" not in package:
        raise ReleaseError(
            "datapackage.json has no asOf: a release written before load_release existed "
            "(its timestamps are to the second), which cannot be restored exactly."
        )
    as_of = datetime.datetime.fromisoformat(package["asOf"])
    version = package["version"]
    model_of = {name: queryset.model for name, queryset in tables() + review_tables()}
    resources = [r for r in package["resources"]]
    unknown = [r["name"] for r in resources if r["name"] not in model_of]
    if unknown:
        raise ReleaseError(f"Tables this database has no model for: {', '.join(unknown)}.")
    counts, loaded = {}, {}
    with transaction.atomic():
        held = not_empty()
        if held:
            raise ReleaseError(
                "The database is not empty (" + ", ".join(held[:5]) + (" …" if len(held) > 5 else "") + "): "
                "load a release into a new, migrated database only."
            )
        for resource in resources:
            model = model_of[resource["name"]]
            if resource["name"] in SEEDED:
                model._base_manager.all()._raw_delete(connection.alias)
            pks = _insert(model, root / resource["path"])
            counts[resource["name"]] = len(pks)
            loaded.setdefault(model, []).extend(pks)
            if progress:
                progress(resource["name"], len(pks))
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        # New records are numbered after the restored ones (PostgreSQL's sequences;
        # SQLite follows the largest id by itself).
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
                cursor.execute(statement)
        written = record_baseline_of(
            {m: pks for m, pks in loaded.items() if pks}, f"loaded from release {version}", when=as_of
        )
    return version, counts, sum(written.values())
