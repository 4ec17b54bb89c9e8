"""Backups that restore (issue 19; docs/backup.md): pg_dump in the custom format,
restored with pg_restore into an empty database, gives back every record, every
history row and the same ETags. (dumpdata/loaddata does not: see the docs.)

Skipped unless the tests run on PostgreSQL with pg_dump and pg_restore at hand.
"""

import os
import shutil
import subprocess

import psycopg2
import pytest
from django.db import connection

from prosopography.api.views import PersonViewSet
from prosopography.models import Person


def _pg_env(settings_dict):
    env = {}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _pg_args(settings_dict):
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return args


def _table_digests(conn):
    """{table: an md5 of all its rows}, for every table of the public schema."""
    with conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        digests = {}
        for table in tables:
            cursor.execute(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            digests[table] = cursor.fetchone()[0]
    return digests


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_pg_dump_restored_into_an_empty_database_is_the_same(curator_api, api_world, tmp_path):  # noqa: F811
    if connection.vendor != "postgresql" or not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("needs PostgreSQL and its pg_dump/pg_restore")
    serge = api_world["serge"]
    url = f"/api/v1/persons/{serge.pk}/"
    etag = curator_api.get(url)["ETag"]
    response = curator_api.patch(url, {"description": "Backed up."}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    etag = response["ETag"]

    source = connection.settings_dict
    restored_name = f"{source['NAME']}_restored"
    dump = tmp_path / "serge.dump"

    def run(*args):
        subprocess.run(args, check=True, capture_output=True, env={**os.environ, **_pg_env(source)})

    run("pg_dump", "-Fc", "-f", str(dump), *_pg_args(source), source["NAME"])
    run("dropdb", "--if-exists", *_pg_args(source), restored_name)
    run("createdb", *_pg_args(source), restored_name)
    try:
        run("pg_restore", "--no-owner", "--exit-on-error", "-d", restored_name, *_pg_args(source), str(dump))
        restored = psycopg2.connect(
            dbname=restored_name,
            host=source.get("HOST") or None,
            port=source.get("PORT") or None,
            user=source.get("USER") or None,
            password=source.get("PASSWORD") or None,
        )
        try:
            assert _table_digests(restored) == _table_digests(connection)
            with restored.cursor() as cursor:
                table, history = Person._meta.db_table, Person.history.model._meta.db_table
                cursor.execute(f"SELECT description, modified FROM {table} WHERE id = %s", [serge.pk])
                description, modified = cursor.fetchone()
                cursor.execute(f"SELECT count(*) FROM {history} WHERE id = %s", [serge.pk])
                assert cursor.fetchone()[0] == serge.history.count() > 1
            assert description == "Backed up."
            # The record's part of the ETag (what If-Match compares) is the same after
            # the restore: a curator's pending write still goes through.
            again = PersonViewSet().etag_for(Person(pk=serge.pk, modified=modified))
            assert again.split(".")[0] == etag.split(".")[0]
        finally:
            restored.close()
    finally:
        run("dropdb", "--if-exists", *_pg_args(source), restored_name)
