"""Queries per request, in process (Django's test client and CaptureQueriesContext),
for the reads of compare_apis.py, on either system: run it with that system's Python.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serge_apisshape \\
        .venv/bin/python benchmarks/apis/count_queries.py --system ours
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/apis_bench \\
        /work/apis-env/bin/python benchmarks/apis/count_queries.py --system apis

Prints, per read, the median number of queries over its cases and their range.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--system", choices=["ours", "apis"], required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    if args.system == "ours":
        sys.path.insert(1, str(HERE.parent.parent))
        # The production settings, as benchmarks/serve.sh sets them.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
        os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret-6f1d0c2b9a8e7f6d5c4b3a291807")
        os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
        os.environ.setdefault("SERGE_ANON_RATE", "1000000/minute")
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apis_project.settings")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from reads import reads
    from shape import generate

    column = 0 if args.system == "ours" else 1
    client = Client()
    print(f"| read | queries ({args.system}, median) | range |")
    print("|---|---:|---:|")
    for name, cases in reads(generate()).items():
        counts = []
        for pair in cases:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(
                    pair[column], secure=True, HTTP_ACCEPT="application/json, text/html;q=0.9"
                )
            if response.status_code != 200:
                print(f"warning: {pair[column]} answered {response.status_code}", file=sys.stderr)
            counts.append(len(queries.captured_queries))
        print(f"| {name} | {statistics.median(counts):g} | {min(counts)}-{max(counts)} |")


if __name__ == "__main__":
    main()
