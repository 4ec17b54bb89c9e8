"""Bulk matching of a CSV of names (optionally with dates of birth and death):
the same matching as the API, for the command line (reconcile_csv) and the
admin upload page, so that a curator can also look for duplicates before
importing a new list. Input columns: name (required), type, birth, death;
other columns are kept as they are."""

import csv
import io

from . import service
from .matching import BadValue

BATCH = 50
CANDIDATES = 3


def reconcile_rows(rows):
    """Yield each input row extended with the best candidates' ids, names, scores and the match flag."""
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        queries = []
        for row in chunk:
            name = (row.get("name") or "").strip()
            type_id = (row.get("type") or "person").strip() or "person"
            conditions = []
            for column, pid in (("birth", "birth_date"), ("death", "death_date")):
                if (row.get(column) or "").strip():
                    conditions.append(service.Condition(pid=pid, values=[row[column].strip()]))
            service.check_type(type_id)
            for condition in conditions:
                service.check_condition([type_id], condition)
            queries.append(service.Query(name=name, types=[type_id], limit=CANDIDATES, conditions=conditions))
        for row, candidates in zip(chunk, service.reconcile_batch(queries), strict=True):
            out = dict(row)
            matched = next((c for c in candidates if c.match), None)
            out["match"] = "yes" if matched else "no"
            out["match_id"] = matched.key if matched else ""
            for i in range(CANDIDATES):
                c = candidates[i] if i < len(candidates) else None
                out[f"candidate_{i + 1}_id"] = c.key if c else ""
                out[f"candidate_{i + 1}_name"] = c.name if c else ""
                out[f"candidate_{i + 1}_score"] = c.score if c else ""
            yield out


def reconcile_csv(in_handle, out_handle):
    """Read CSV from one text handle, write the reconciled CSV to another; return the row count.
    BadValue (no name column, an unknown type, an unreadable date) says which row."""
    reader = csv.DictReader(in_handle)
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise BadValue("The CSV needs a header row with a “name” column (optional: type, birth, death).")
    rows = list(reader)
    extra = ["match", "match_id"] + [
        f"candidate_{i + 1}_{f}" for i in range(CANDIDATES) for f in ("id", "name", "score")
    ]
    writer = csv.DictWriter(out_handle, fieldnames=list(reader.fieldnames) + extra)
    writer.writeheader()
    for row in reconcile_rows(rows):
        writer.writerow(row)
    return len(rows)


def reconcile_text(text):
    out = io.StringIO()
    count = reconcile_csv(io.StringIO(text), out)
    return out.getvalue(), count
