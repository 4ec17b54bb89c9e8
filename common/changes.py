"""The data's version: a number that changes whenever any row the site shows changes.

Why: a representation (a person's detail with its ties and names, a page of
statements, 100 works as BibTeX) is built from many tables, so the `modified` time
of one record cannot say whether it is still current: adding a tie or renaming the
other person changes the detail without touching the person's row. Counting every
change of every table, by the database itself, gives a version that is exact by
construction:

- triggers on each table of the project's apps (history tables included) count the
  changes in `serge_changes`, one row a table; the version is their sum, read in one
  query. Triggers see what the ORM's signals miss: `queryset.update()`,
  `bulk_create`, raw SQL, COPY, TRUNCATE;
- the count is updated in the writing transaction, so a reader sees the new version
  exactly when it sees the new rows (never a new version over old rows);
- PostgreSQL counts a statement once (statement-level triggers), SQLite a row
  (it has no other kind);
- a random epoch, written when the table is made, starts the version, so two
  databases (or a database rebuilt from a release) never share version numbers.

`install_triggers()` runs after every `migrate` (prosopography/apps.py), so a table
added later is counted without anyone remembering to. A writer holds its table's
counter row until it commits: two long writes to the same table wait for each other
(they would anyway on most rows they share); writes to different tables do not.
Used by common/representations.py (cached answers and their ETags).
"""

import uuid

from django.apps import apps
from django.db import connections, router

TABLE = "serge_changes"
EPOCH = "(epoch)"  # the row that holds the epoch, not a count

# The apps whose tables make up what the site shows (their history tables included:
# IPIF's createdBy/modifiedBy and the recent changes are read from them).
APPS = ("prosopography", "bibliography", "dataset", "ipif", "reconcile")


def create_table(connection):
    """The counter table and its epoch (a migration calls this once)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(tbl varchar(200) PRIMARY KEY, n bigint NOT NULL DEFAULT 0, epoch varchar(40))"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (tbl, n, epoch) VALUES (%s, 0, %s) ON CONFLICT (tbl) DO NOTHING",
            [EPOCH, uuid.uuid4().hex[:12]],
        )


def drop_table(connection):
    with connection.cursor() as cursor:
        for table in counted_tables():
            for statement in _drop_statements(connection, table):
                cursor.execute(statement)
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS serge_count_change()")


def renew_epoch(using="default"):
    """A new epoch: every version after it is new, whatever the count. For a database
    restored from a backup while the cache kept answers of the abandoned data (the
    restored count may reach again a number those answers are filed under)."""
    epoch = uuid.uuid4().hex[:12]
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET epoch = %s WHERE tbl = %s", [epoch, EPOCH])
    return epoch


def counted_tables():
    """The tables whose changes change the version: every model of APPS, many-to-many
    tables included, and the user table (IPIF names who created and changed each
    statement by user name)."""
    from django.contrib.auth import get_user_model

    tables = {get_user_model()._meta.db_table}
    for label in APPS:
        if label in apps.app_configs:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                if model._meta.managed and not model._meta.proxy:
                    tables.add(model._meta.db_table)
    return sorted(tables)


def install_triggers(using="default", **kwargs):
    """(Re)install the counting triggers on every counted table: idempotent, run
    after each migrate. A no-op until the counter table exists."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
        for table in counted_tables():
            if table not in existing:
                continue
            for statement in _drop_statements(connection, table):
                cursor.execute(statement)
            for statement in _create_statements(connection, table):
                cursor.execute(statement)


def current(using=None):
    """The data's version, e.g. '3f9a0c21d4b7.48211': the epoch and the number of
    changes counted. One query, on the database reads go to (a replica's version
    describes the replica's rows)."""
    with connections[using or router.db_for_read(None)].cursor() as cursor:
        cursor.execute(f"SELECT max(epoch), sum(n) FROM {TABLE}")
        epoch, count = cursor.fetchone()
    return f"{epoch}.{count}" if epoch else None


def current_for(request):
    """current(), read once per request (a view may need it twice: cache key, ETag)."""
    if not hasattr(request, "_serge_data_version"):
        request._serge_data_version = current()
    return request._serge_data_version


# ---------------------------------------------------------------- the triggers

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION serge_count_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO {TABLE} (tbl, n) VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT (tbl) DO UPDATE SET n = {TABLE}.n + 1;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def _trigger(table, event):
    return f"serge_count_{event}_{table}"[:63]


def _drop_statements(connection, table):
    events = ("insert", "update", "delete", "truncate")
    if connection.vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS "{_trigger(table, e)}" ON "{table}"' for e in events]
    return [f'DROP TRIGGER IF EXISTS "{_trigger(table, e)}"' for e in events[:3]]


def _create_statements(connection, table):
    if connection.vendor == "postgresql":
        return [
            f'CREATE TRIGGER "{_trigger(table, event)}" AFTER {event.upper()} ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION serge_count_change()"
            for event in ("insert", "update", "delete", "truncate")
        ]
    # SQLite: row-level triggers only; the upsert is a few microseconds a row.
    return [
        f'CREATE TRIGGER "{_trigger(table, event)}" AFTER {event.upper()} ON "{table}" '
        f"BEGIN INSERT INTO {TABLE} (tbl, n) VALUES ('{table}', 1) "
        f"ON CONFLICT (tbl) DO UPDATE SET n = n + 1; END"
        for event in ("insert", "update", "delete")
    ]
