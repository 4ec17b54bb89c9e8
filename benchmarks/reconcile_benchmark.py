"""Reconciliation on the real data: the time of a batch of 10 queries through the
0.2 endpoint (median of 20 runs, typed and untyped), and precision and recall of
automatic matches on tests/data/reconcile_eval.csv.

Run on a database loaded with `manage.py load_world`:
    DATABASE_URL=sqlite:////tmp/reconcile.sqlite3 .venv/bin/python benchmarks/reconcile_benchmark.py
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from reconcile.evaluation import evaluate  # noqa: E402

NAMES = ["V. Serzh", "Kibaltchiche, Victor", "R. Albert", "Zborovsky", "Trotski",
         "Lev Sedov", "Magdeleine Paz", "Maitrejean", "Boris Souvarine", "Victor Hugo"]  # fmt: skip


def timed(client, queries, runs=20):
    data = {"queries": json.dumps(queries)}
    client.post("/reconcile/", data)  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.post("/reconcile/", data)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(times), max(times)


def main():
    client = Client()
    typed = {f"q{i}": {"query": n, "type": "person"} for i, n in enumerate(NAMES)}
    untyped = {f"q{i}": {"query": n} for i, n in enumerate(NAMES)}
    dated = {
        f"q{i}": {"query": n, "type": "person", "properties": [{"pid": "birth_date", "v": "1890"}]}
        for i, n in enumerate(NAMES)
    }
    for label, queries in [("10 queries, type person", typed), ("10 queries, all types", untyped),
                           ("10 queries, person + birth date", dated)]:  # fmt: skip
        median, worst = timed(client, queries)
        print(f"{label}: median {median:.0f} ms, worst {worst:.0f} ms")
    figures = evaluate()
    print(
        f"evaluation list: {figures['rows']} names, {figures['positives']} with a person in the database; "
        f"{figures['auto_matched']} auto-matched; precision {figures['precision']:.2f}, "
        f"recall {figures['recall']:.2f}, right person ranked first {figures['top_candidate_recall']:.2f}"
    )


if __name__ == "__main__":
    main()
