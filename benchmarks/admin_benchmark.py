"""The curators' admin on a loaded database: person search in the changelist, the
person autocomplete, the admin's front page with its queue and the recent changes by
others, the page of recent changes, the suggested duplicates, the change page of the
most connected person (the hub) and that of the most cited event,
each timed in-process with Django's test client (view, queries and template; no
HTTP server). Not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serge_workspace \\
        .venv/bin/python benchmarks/admin_benchmark.py --runs 7

Prints, per read, the median and the slowest of the runs, the number of queries,
and the size of the page. Figures: docs/curators.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from prosopography.models import Event, Person  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries", default="kibal,maitrejean,serge")
    args = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = True  # count queries
    settings.ALLOWED_HOSTS = ["*"]
    user, _ = get_user_model().objects.get_or_create(
        username="benchmark-curator", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    changelist = reverse("admin:prosopography_person_changelist")
    hub = Person.objects.annotate(n=Count("relationships_out")).order_by("-n").first()
    reads = [(f"changelist ?q={q}", changelist, {"q": q}) for q in args.queries.split(",")]
    reads.append(("changelist, no search", changelist, {}))
    reads.append(
        (
            "autocomplete ?term=serg",
            reverse("admin:autocomplete"),
            {
                "term": "serg",
                "app_label": "prosopography",
                "model_name": "relationship",
                "field_name": "object",
            },
        )
    )
    reads.append(("admin index (the queue of work waiting)", reverse("admin:index"), {}))
    reads.append(("recent changes by others", reverse("admin:prosopography_recent_changes"), {}))
    reads.append(("suspected duplicates", reverse("admin:prosopography_person_duplicates"), {}))
    reads.append(
        (
            f"change page of {hub} (id {hub.pk})",
            reverse("admin:prosopography_person_change", args=[hub.pk]),
            {},
        )
    )
    event = Event.objects.annotate(n=Count("citations")).order_by("-n").first()
    if event is not None:
        reads.append(
            (
                f"change page of the most cited event ({event.citations.count()} citations)",
                reverse("admin:prosopography_event_change", args=[event.pk]),
                {},
            )
        )
    print(f"{connection.vendor}, {Person.objects.count()} persons, {args.runs} runs")
    print("| read | median ms | slowest ms | queries | KB |")
    print("|---|---|---|---|---|")
    for name, url, params in reads:
        times = []
        for _ in range(args.runs):
            reset_queries()
            began = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        queries = len(connection.queries)
        size = len(response.content) / 1024
        print(f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} | {queries} | {size:.0f} |")


if __name__ == "__main__":
    main()
