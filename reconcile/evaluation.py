"""Precision and recall of automatic matches (`match: true`) on a list of names
as the source documents print them (tests/data/reconcile_eval.csv), with
distractors that must not be matched. Shared by the test that asserts a floor
and by benchmarks/reconcile_benchmark.py, which prints the figures."""

import csv
from pathlib import Path

from django.conf import settings

from prosopography.models import Person

from . import service

EVAL_LIST = Path(settings.BASE_DIR) / "tests" / "data" / "reconcile_eval.csv"


def evaluate(path=EVAL_LIST):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected_names = {row["expected"] for row in rows if row["expected"]}
    ids = dict(
        Person.objects.filter(name__in=expected_names, merged_into__isnull=True).values_list("name", "pk")
    )
    missing = expected_names - set(ids)
    queries = [service.Query(name=row["name"], types=[row["type"]]) for row in rows]
    results = service.reconcile_batch(queries)
    true_pos = false_pos = 0
    details = []
    for row, candidates in zip(rows, results, strict=True):
        expected = f"persons/{ids[row['expected']]}" if row["expected"] in ids else None
        matched = next((c.key for c in candidates if c.match), None)
        top = candidates[0].key if candidates else None
        if matched and matched == expected:
            true_pos += 1
        elif matched:
            false_pos += 1
        details.append({"name": row["name"], "expected": expected, "matched": matched, "top": top})
    positives = sum(1 for row in rows if row["expected"])
    return {
        "rows": len(rows),
        "positives": positives,
        "auto_matched": true_pos + false_pos,
        "precision": true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0,
        "recall": true_pos / positives if positives else 1.0,
        "top_candidate_recall": sum(1 for d in details if d["expected"] and d["top"] == d["expected"])
        / positives,
        "missing_expected": sorted(missing),
        "details": details,
    }
