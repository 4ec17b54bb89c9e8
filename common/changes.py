"""The data's version: a number that changes whenever any row the site shows changes.

Why: a representation (a person's detail with its ties and names, a page of
statements, 100 works as BibTeX) is built from many tables, so the `modified` time
of one record cannot say whether it is still current: adding a tie or renaming the
other person changes the detail without touching the person's row. Counting every
change of every table, by the database itself, gives a version that is exact by
construction:

- triggers on each table of the project's apps (history and many-to-many tables
  included) count the changes in `serge_changes`; the version is the sum of its
  counters, read in one query. Triggers see what the ORM's signals miss:
  `queryset.update()`, `bulk_create`, raw SQL, COPY, TRUNCATE;
- a counter is updated in the writing transaction, so a reader sees the new version
  exactly when it sees the new rows (never a new version over old rows);
- PostgreSQL counts a transaction once in the table, in a row of the writing
  connection (its backend pid): concurrent transactions never share a counter row,
  so counting adds no lock between them (a row shared by table made two writers
  touching two tables in opposite orders deadlock); its further statements are
  counted in a setting local to the transaction, which only its own reads see.
  SQLite counts once a row, in a row per table (it has one writer at a time);
- a random epoch starts the version. It is renewed after every `migrate` (the code
  and the schema may have changed what an answer says; on SQLite a migration that
  rebuilds a table drops its triggers until the end of the run) and by
  `manage.py renew_data_version` (after restoring a backup).

`install_triggers()` runs after every `migrate` (prosopography/apps.py), so a table
added later is counted without anyone remembering to.
Used by common/representations.py (kept answers and their ETags).
"""

import hashlib
import uuid

from django.apps import apps
from django.db import connections, router, transaction

TABLE = "serge_changes"
EPOCH = "(epoch)"  # the row that holds the epoch (and the counts folded into it)

# The apps whose tables make up what the site shows (their history tables included:
# IPIF's createdBy/modifiedBy and the recent changes are read from them).
APPS = ("prosopography", "bibliography", "dataset", "ipif", "reconcile")
# Tables counted for some columns only: IPIF names users by user name, but a login
# (which writes `last_login`) changes nothing a reader sees.
COLUMNS = {"auth_user": ("username",)}


def create_table(connection):
    """The counter table and its epoch (a migration calls this once)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(counter varchar(200) PRIMARY KEY, n bigint NOT NULL DEFAULT 0, epoch varchar(40))"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (counter, n, epoch) VALUES (%s, 0, %s) ON CONFLICT (counter) DO NOTHING",
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


def counted_tables():
    """The tables whose changes change the version: every model of APPS, many-to-many
    tables included, and the user table (IPIF names who wrote each statement)."""
    from django.contrib.auth import get_user_model

    tables = {get_user_model()._meta.db_table}
    for label in APPS:
        if label in apps.app_configs:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                if model._meta.managed and not model._meta.proxy:
                    tables.add(model._meta.db_table)
    return sorted(tables)


def install_triggers(using="default", **kwargs):
    """(Re)install the counting triggers on every counted table, in one transaction,
    then start a new epoch. Idempotent; run after each migrate. A no-op until the
    counter table exists."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_schema()")
            cursor.execute(_pg_function(cursor.fetchone()[0]))
        for table in counted_tables():
            if table not in existing:
                continue
            for statement in _drop_statements(connection, table):
                cursor.execute(statement)
            for statement in _create_statements(connection, table):
                cursor.execute(statement)
        fold_counters(using)
        renew_epoch(using)


def fold_counters(using="default"):
    """Fold every counter into the epoch row (the sum, so the version, unchanged):
    on PostgreSQL each connection that ever wrote has a row. Under a table lock, so
    no writer counts meanwhile; run by migrate and renew_data_version."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT coalesce(sum(n), 0) FROM {TABLE}")
        total = cursor.fetchone()[0]
        cursor.execute(f"DELETE FROM {TABLE} WHERE counter <> %s", [EPOCH])
        cursor.execute(f"UPDATE {TABLE} SET n = %s WHERE counter = %s", [total, EPOCH])


def renew_epoch(using="default"):
    """A new epoch: every version after it is new, whatever the count. After a
    deploy (migrate calls it) and after restoring a backup, when the cache may keep
    answers built by other code or from abandoned data."""
    epoch = uuid.uuid4().hex[:12]
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET epoch = %s WHERE counter = %s", [epoch, EPOCH])
    return epoch


def current(using=None):
    """The data's version, e.g. '3f9a0c21d4b7.48211': the epoch and the number of
    changes counted. One query, on the database reads go to (a replica's version
    describes the replica's rows)."""
    connection = connections[using or router.db_for_read(None)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A writer's own changes after its first are counted in the transaction
            # (_pg_function): its reads see them, others' at commit (as one).
            cursor.execute(f"SELECT max(epoch), sum(n), current_setting('serge.pending', true) FROM {TABLE}")
            epoch, count, pending = cursor.fetchone()
        else:
            cursor.execute(f"SELECT max(epoch), sum(n) FROM {TABLE}")
            (epoch, count), pending = cursor.fetchone(), None
    if not epoch:
        return None
    return f"{epoch}.{count}+{pending}" if pending and pending != "0" else f"{epoch}.{count}"


def current_for(request):
    """current(), read once per request (a view may need it twice: cache key, ETag)."""
    if not hasattr(request, "_serge_data_version"):
        request._serge_data_version = current()
    return request._serge_data_version


# ---------------------------------------------------------------- the triggers


def _pg_function(schema):
    # The counter row is written once a transaction: updating one row thousands of
    # times in one transaction (a load) made each update walk the row's versions,
    # and tripled the fixtures' load. Later statements of the transaction count in a
    # setting local to it (`serge.pending`), which current() adds for the writer's
    # own reads and which ends with the transaction. The table is named with its
    # schema: a session with another search_path (pg_restore's) still finds it.
    table = f'"{schema}".{TABLE}'
    return f"""
CREATE OR REPLACE FUNCTION serge_count_change() RETURNS trigger AS $$
DECLARE
  pending bigint := coalesce(nullif(current_setting('serge.pending', true), ''), '0')::bigint;
BEGIN
  IF pending = 0 THEN
    INSERT INTO {table} (counter, n) VALUES (pg_backend_pid()::text, 1)
      ON CONFLICT (counter) DO UPDATE SET n = {table}.n + 1;
  END IF;
  PERFORM set_config('serge.pending', (pending + 1)::text, true);
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def _trigger(table, event):
    # Trigger names are unique per database on SQLite: a digest keeps two long table
    # names with the same beginning apart.
    return f"serge_count_{event}_{hashlib.sha1(table.encode()).hexdigest()[:12]}"


def _events(connection, table):
    update = "UPDATE"
    if table in COLUMNS:
        update = f"UPDATE OF {', '.join(COLUMNS[table])}"
    events = {"insert": "INSERT", "update": update, "delete": "DELETE"}
    if connection.vendor == "postgresql":
        events["truncate"] = "TRUNCATE"
    return events


def _drop_statements(connection, table):
    names = [_trigger(table, event) for event in ("insert", "update", "delete", "truncate")]
    if connection.vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"' for name in names]
    return [f'DROP TRIGGER IF EXISTS "{name}"' for name in names[:3]]


def _create_statements(connection, table):
    events = _events(connection, table)
    if connection.vendor == "postgresql":
        return [
            f'CREATE TRIGGER "{_trigger(table, event)}" AFTER {sql} ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION serge_count_change()"
            for event, sql in events.items()
        ]
    # SQLite: row-level triggers only; the upsert is a few microseconds a row.
    return [
        f'CREATE TRIGGER "{_trigger(table, event)}" AFTER {sql} ON "{table}" '
        f"BEGIN INSERT INTO {TABLE} (counter, n) VALUES ('{table}', 1) "
        f"ON CONFLICT (counter) DO UPDATE SET n = n + 1; END"
        for event, sql in events.items()
    ]
