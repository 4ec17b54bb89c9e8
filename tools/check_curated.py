"""Check a curated YAML file before the pipeline sees it.

Usage: python3 tools/check_curated.py FILE [FILE ...] [--seeds DIR]

Verifies, by program, that every quote is a verbatim substring of the file's
source document (within one line), that dates look like EDTF, that the
vocabularies are respected and that every name form occurs in the document.
"""

import re
import sys
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REL_TYPES = {
    "parent",
    "child",
    "spouse",
    "partner",
    "sibling",
    "in-law",
    "grandparent",
    "grandchild",
    "relative",
    "comrade",
    "collaborator",
    "adversary",
    "informer-on",
    "informed-on-by",
    "interrogator-of",
    "interrogated-by",
    "defender-of",
    "defended-by",
    "correspondent",
    "translator-of",
    "translated-by",
    "editor-of",
    "edited-by",
    "biographer-of",
    "biography-subject-of",
    "employer-of",
    "employed-by",
    "teacher-of",
    "pupil-of",
    "friend",
    "acquaintance",
}
NAME_TYPES = {
    "preferred",
    "birth",
    "pseudonym",
    "initials",
    "transliteration",
    "variant",
    "married",
    "nickname",
    "surname",
    "patronymic",
    "title",
}
ORG_KINDS = {
    "party",
    "faction",
    "group",
    "gang",
    "committee",
    "state_agency",
    "secret_police",
    "publisher",
    "periodical",
    "editorial_group",
    "archive",
    "university",
    "trade_union",
    "international",
    "government",
    "military",
    "library",
    "other",
}
PLACE_KINDS = {"city", "country", "region", "prison", "camp", "building", "other"}
EVENT_TYPES = {
    "birth",
    "death",
    "arrest",
    "imprisonment",
    "trial",
    "sentence",
    "exile",
    "deportation",
    "release",
    "expulsion",
    "emigration",
    "journey",
    "residence",
    "marriage",
    "meeting",
    "hunger-strike",
    "illness",
    "employment",
    "other",
}
CLAIM_PROPS = {"birth_date", "death_date", "birth_place", "death_place"}
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
