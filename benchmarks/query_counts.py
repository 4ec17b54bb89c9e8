"""How many SQL queries each API read costs, at page sizes 10 and 100.

Not a test (tests/test_speed.py and tests/test_api_*.py bound the counts); a table
for docs/benchmarks.md, showing that no read's query count grows with its page or
with the record it reads (the hub: the person with most ties). In process, through
Django's test client, against the database the settings name:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serge_bench \\
        python benchmarks/query_counts.py

or, with nothing set up, a scratch SQLite database filled with synthetic data
(`manage.py generate_synthetic --scale 0.01`, 1,000 persons, a few seconds):

    python benchmarks/query_counts.py --synthetic

It prints a Markdown table: the read, queries at page size 10, at 100, and the
size of the answer at 100.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(synthetic):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("SERGE_ANON_RATE", "1000000/minute")
    if synthetic:
        path = Path(tempfile.mkdtemp()) / "query_counts.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    if synthetic:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("generate_synthetic", scale=0.01, seed=1890, verbosity=0)


def reads():
    """(label, path with {n} for the page size) for each read measured."""
    from django.db.models import Count, Q

    from bibliography.models import Work
    from prosopography.models import Person

    hub = (
        Person.objects.current()
        .annotate(ties=Count("relationships_out", distinct=True) + Count("relationships_in", distinct=True))
        .order_by("-ties", "id")
        .first()
    )
    mentioned = (
        Person.objects.current()
        .annotate(n=Count("mentions", filter=Q(mentions__isnull=False)))
        .order_by("-n", "id")
        .first()
    )
    name = hub.name.split()[-1]
    work = Work.objects.current().order_by("id").first()
    return [
        ("person list", "/api/v1/persons/?page_size={n}"),
        ("person list, keyset page", "/api/v1/persons/?cursor=&page_size={n}"),
        (f"person detail, the hub ({hub.ties} ties)", f"/api/v1/persons/{hub.pk}/"),
        ("person detail, 304 (If-None-Match)", f"/api/v1/persons/{hub.pk}/#304"),
        ("the hub's relationships", f"/api/v1/persons/{hub.pk}/relationships/?page_size={{n}}"),
        ("a person's mentions", f"/api/v1/persons/{mentioned.pk}/mentions/?page_size={{n}}"),
        ("relationship list", "/api/v1/relationships/?page_size={n}"),
        ("relationship list, keyset page", "/api/v1/relationships/?cursor=&page_size={n}"),
        ("mention list", "/api/v1/mentions/?page_size={n}"),
        ("work list", "/api/v1/works/?page_size={n}"),
        ("work list, BibTeX", "/api/v1/works/?format=bibtex&page_size={n}"),
        ("a work", f"/api/v1/works/{work.pk}/"),
        ("search", f"/api/v1/search/?q={name}&page_size={{n}}"),
        ("network depth 2 around the hub", f"/api/v1/persons/{hub.pk}/network/?depth=2"),
    ]


def count(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    conditional = path.endswith("#304")
    path = path.removesuffix("#304")
    headers = {}
    if conditional:
        headers["HTTP_IF_NONE_MATCH"] = client.get(path)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code in (200, 304), (path, response.status_code, response.content[:300])
    return len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--synthetic", action="store_true", help="a scratch SQLite database, 1,000 persons")
    args = parser.parse_args()
    setup(args.synthetic)

    from django.db import connection
    from django.test import Client

    client = Client()
    rows = reads()
    for _, path in rows:  # warm the per-process caches (content types, routes)
        count(client, path.format(n=10))
    print(f"Database: {connection.vendor}; queries per request (and bytes of the answer at 100 a page).\n")
    print("| read | queries, 10 a page | queries, 100 a page | bytes at 100 |")
    print("|---|---:|---:|---:|")
    for label, path in rows:
        small, _ = count(client, path.format(n=10))
        large, size = count(client, path.format(n=100))
        print(f"| {label} | {small} | {large} | {size:,} |")


if __name__ == "__main__":
    main()
