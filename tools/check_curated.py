"""Check a curated YAML file before the pipeline sees it.

Usage: .venv/bin/python tools/check_curated.py FILE [FILE ...] [--seeds DIR]

Verifies, by program, that every quote is a verbatim substring of the file's
source document (within one line), that dates look like EDTF, that the
vocabularies (the models' own) are respected and that every name form occurs in
the document.
"""

import os
import re
import sys
from pathlib import Path

import django
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# The vocabularies are the model's own, never a copy kept here (a copy once refused
# name types the model accepts). The models need Django set up.
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from prosopography.models import Claim, EventType, NameType, OrganisationKind, PlaceKind  # noqa: E402
from prosopography.vocabulary import RELATIONSHIP_TYPES  # noqa: E402

REL_TYPES = {slug for slug, _label, _inverse, _kind in RELATIONSHIP_TYPES}
NAME_TYPES = set(NameType.values)
ORG_KINDS = set(OrganisationKind.values)
PLACE_KINDS = set(PlaceKind.values)
EVENT_TYPES = set(EventType.values)
# Curated claims are about persons (events carry their own date and place).
CLAIM_PROPS = {value for value in Claim.Attribute.values if not value.startswith("event_")}
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DAY = r"\d{3}[\dX](-\d{2}(-\d{2})?)?[?~%]?"
EDTF = re.compile(rf"^({DAY}(/({DAY}|\.\.))?|\.\./{DAY}|\[{DAY}(,{DAY})+\]|\d{{2}}XX|\d{{3}}X)$")


def check(path, seeds):
    errors, warnings = [], []
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    text = (seeds / data["source"]).read_text(encoding="utf-8")
    lines = set(text.splitlines())

    def quote_ok(where, q):
        if not q:
            errors.append(f"{where}: no quote")
        elif q not in text:
            errors.append(f"{where}: quote not found verbatim: {q[:80]!r}")
        elif not any(q in line for line in lines):
            errors.append(f"{where}: quote spans lines: {q[:80]!r}")
        elif not 20 <= len(q) <= 300:
            warnings.append(f"{where}: quote length {len(q)} (20-300 wanted)")

    def date_ok(where, d):
        if d is None:
            return
        if not isinstance(d, str) or not EDTF.match(d):
            errors.append(f"{where}: not an EDTF string: {d!r}")

    def names_ok(where, names):
        for n in names or []:
            if n.get("type") not in NAME_TYPES:
                errors.append(f"{where}: bad name type {n!r}")
            if n.get("name") and n["name"] not in text:
                warnings.append(f"{where}: name form not in document: {n['name']!r}")

    for kind in ("persons", "organisations", "places"):
        for r in data.get(kind) or []:
            where = f"{kind}/{r.get('key')}"
            if not KEY.match(r.get("key") or ""):
                errors.append(f"{where}: bad key")
            if not r.get("name"):
                errors.append(f"{where}: no name")
            names_ok(where, r.get("names"))
            date_ok(where, r.get("start"))
            date_ok(where, r.get("end"))
            if kind == "organisations" and r.get("kind") not in ORG_KINDS:
                errors.append(f"{where}: bad kind {r.get('kind')!r}")
            if kind == "places" and r.get("kind") not in PLACE_KINDS:
                errors.append(f"{where}: bad kind {r.get('kind')!r}")
    for i, r in enumerate(data.get("relationships") or []):
        where = f"relationships[{i}] {r.get('subject')} {r.get('type')} {r.get('object')}"
        if r.get("type") not in REL_TYPES:
            errors.append(f"{where}: bad type")
        if r.get("subject") == r.get("object"):
            errors.append(f"{where}: a person related to themself")
        date_ok(where, r.get("start"))
        date_ok(where, r.get("end"))
        quote_ok(where, r.get("quote"))
    for i, r in enumerate(data.get("memberships") or []):
        where = f"memberships[{i}] {r.get('person')} in {r.get('organisation')}"
        date_ok(where, r.get("start"))
        date_ok(where, r.get("end"))
        quote_ok(where, r.get("quote"))
    for i, r in enumerate(data.get("events") or []):
        where = f"events[{i}] {r.get('key')}"
        if r.get("type") not in EVENT_TYPES:
            errors.append(f"{where}: bad type {r.get('type')!r}")
        date_ok(where, r.get("date"))
        quote_ok(where, r.get("quote"))
    for i, r in enumerate(data.get("claims") or []):
        where = f"claims[{i}] {r.get('person')} {r.get('property')}"
        if r.get("property") not in CLAIM_PROPS:
            errors.append(f"{where}: bad property")
        if r.get("property", "").endswith("_date"):
            date_ok(where, r.get("value"))
        quote_ok(where, r.get("quote"))
    return errors, warnings


if __name__ == "__main__":
    args = sys.argv[1:]
    seeds = SEEDS
    if "--seeds" in args:
        i = args.index("--seeds")
        seeds = Path(args[i + 1])
        del args[i : i + 2]
    bad = 0
    for f in args:
        errs, warns = check(f, seeds)
        for w in warns:
            print(f"{f}: warning: {w}")
        for e in errs:
            print(f"{f}: ERROR: {e}")
        bad += len(errs)
        print(f"{f}: {len(errs)} errors, {len(warns)} warnings")
    sys.exit(1 if bad else 0)
