"""The time to import persons through the write services, beside COPY. Not a test.

    .venv/bin/python benchmarks/import_benchmark.py --persons 10000

Creates a scratch PostgreSQL database on --server (dropped at the end unless --keep),
or uses --dsn, which must name an empty database (migrated here if need be; never
dropped). Writes the places and organisations the persons refer to, untimed, then
imports the persons of benchmarks/import_shape.py through the API's write serializers
with history (benchmarks/importing.py says why those and not prosopography/services.py),
empties the imported tables, and imports the same records with the synthetic
generator's COPY loader, then their history baseline. Prints persons per second, the
total, and the milliseconds per person of each batch (median, first, last: the last
shows whether growing tables slow the writes down). Figures: docs/benchmarks.md.

Why a script and not a flag of run_benchmarks.py: that one times a running server over
HTTP with psycopg2 alone; this one needs Django set up on a database of its own.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _admin(server, sql):
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def scratch_dsn(server, name):
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


def setup(dsn):
    """Django on `dsn`, migrated; refuses a database that already holds persons."""
    os.environ["DATABASE_URL"] = dsn
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # local settings: do not keep every query in memory
    call_command("migrate", verbosity=0)
    from prosopography.models import Person

    if Person.objects.exists():
        sys.exit(f"{urlsplit(dsn).path[1:]} already holds persons: give an empty database.")


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run(args):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from benchmarks import importing
    from benchmarks.import_shape import plan

    the_plan = plan(args.persons, args.seed)
    places, organisations = importing.prerequisites(the_plan)
    user, _ = get_user_model().objects.get_or_create(username="import-benchmark", defaults={"is_staff": True})
    counter = QueryCounter()
    load_before = os.getloadavg()
    with connection.execute_wrapper(counter):
        batches = importing.through_services(the_plan, places, organisations, user, args.batch)
    services = {
        "seconds": sum(batches),
        "batch_ms_per_person": [1000 * t / args.batch for t in batches],
        "queries": counter.count,
        "rows": importing.counts(),
        "load_average": [load_before, os.getloadavg()],
    }
    importing.reset()
    seconds, written = importing.by_copy(the_plan, places, organisations)
    baseline = importing.history_baseline(written, user)
    copy = {"seconds": seconds, "history_seconds": baseline, "rows": importing.counts()}
    return {"persons": args.persons, "services": services, "copy": copy}


def report(result):
    n, services, copy = result["persons"], result["services"], result["copy"]
    per_batch = services["batch_ms_per_person"]
    lines = [
        f"{n:,} persons, {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        "| path | total | persons/s | ms per person |",
        "|---|---:|---:|---:|",
        f"| services (API serializers, history) | {services['seconds']:.1f} s | "
        f"{n / services['seconds']:,.0f} | {statistics.median(per_batch):.2f} "
        f"(median of {len(per_batch)} batches; first {per_batch[0]:.2f}, last {per_batch[-1]:.2f}) |",
        f"| COPY (synthetic loader), no history | {copy['seconds']:.2f} s | "
        f"{n / copy['seconds']:,.0f} | {1000 * copy['seconds'] / n:.3f} |",
        f"| COPY, then the history baseline | {copy['seconds'] + copy['history_seconds']:.2f} s | "
        f"{n / (copy['seconds'] + copy['history_seconds']):,.0f} | "
        f"{1000 * (copy['seconds'] + copy['history_seconds']) / n:.3f} |",
        "",
        f"Queries through the services: {services['queries']:,} ({services['queries'] / n:.1f} a person).",
        "Rows (records, history) after each path: "
        + "; ".join(f"{k} {v[0]:,}/{v[1]:,} and {copy['rows'][k][0]:,}/{copy['rows'][k][1]:,}"
                    for k, v in services["rows"].items()),
        "Load average before and after the services: "
        + " → ".join(" / ".join(f"{x:.2f}" for x in triple) for triple in services["load_average"]),
    ]  # fmt: skip
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500, help="Persons per timed batch.")
    parser.add_argument("--seed", type=int, default=1890)
    parser.add_argument("--dsn", help="An empty PostgreSQL database to use (not dropped).")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--keep", action="store_true", help="Keep the scratch database.")
    parser.add_argument("--json", metavar="FILE", help="Also write every figure to FILE.")
    args = parser.parse_args()
    scratch = None
    if args.dsn is None:
        scratch = f"serge_import_{os.getpid()}"
        _admin(args.server, f'CREATE DATABASE "{scratch}"')
        args.dsn = scratch_dsn(args.server, scratch)
    try:
        setup(args.dsn)
        result = run(args)
    finally:
        if scratch and not args.keep:
            from django.db import connections

            connections.close_all()
            _admin(args.server, f'DROP DATABASE IF EXISTS "{scratch}"')
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
