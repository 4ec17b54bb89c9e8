"""Writing the parsed bibliography as Django fixture records (see
prosopography/ingest/fixtures/ for the conventions: fixed order, fixed keys,
permanent ids for works and periodicals from fixtures/curated/ids.yaml)."""

from common.text import make_slug, normalize
from prosopography.ingest.curated import CurationError
from prosopography.ingest.fixtures import FixtureWriter, assign_ids, dated, moved_records

REFERENCES = {  # where parsed records point at persons, organisations, places
    "persons": [("contributions", "person")],
    "organisations": [("editions", "publisher"), ("holdings", "repository")],
    "places": [("editions", "place"), ("periodicals", "place")],
}


def _name_index(records, surnames):
    """normalised name form -> keys of the records that bear it; full names, or
    (surnames=True) the surnames alone."""
    index = {}
    for key, rec in records.items():
        for form in [rec["name"]] + [
            n["name"] for n in rec["names"] if (n.get("type") == "surname") == surnames
        ]:
            index.setdefault(normalize(form), set()).add(key)
    return index


def _rekey(parsed, kind, old, new):
    for list_name, field in REFERENCES[kind]:
        for rec in getattr(parsed, list_name):
            if rec.get(field) == old:
                rec[field] = new
    if kind == "persons":
        for work in parsed.works:
            work["about"] = [new if k == old else k for k in work.get("about") or []]


def merge_entities(world, parsed):
    """Add the bibliography's persons, publishers, archives and places to the curated
    world. A bibliography record whose key is new but whose name is a name form of
    exactly one curated record is that record (the parser builds keys from names as
    printed, the curators may have chosen another spelling). Curated records win; the
    bibliography only adds name forms to them."""
    for kind in ("persons", "organisations", "places"):
        records = getattr(world, kind)
        names, surnames = _name_index(records, False), _name_index(records, True)
        for rec in getattr(parsed, kind):
            canonical = (getattr(world, "same_as", {}).get(kind) or {}).get(rec["key"])
            if canonical:  # curation.yaml same_as: a duplicate the curators merged
                _rekey(parsed, kind, rec["key"], canonical)
                rec = {**rec, "key": canonical}
            if rec["key"] not in records:
                # A name printed as a surname alone ("Monatte") may match a curated surname.
                index = surnames if " " not in rec["name"].strip() else names
                owners = index.get(normalize(rec["name"]), set())
                if len(owners) == 1:
                    (curated_key,) = owners
                    _rekey(parsed, kind, rec["key"], curated_key)
                    rec = {**rec, "key": curated_key}
            target = records.setdefault(
                rec["key"],
                {
                    "key": rec["key"],
                    "name": rec["name"],
                    "names": [],
                    "origin": "bibliography",
                    **{k: rec[k] for k in ("sort_name", "kind") if rec.get(k)},
                },
            )
            known = {n["name"] for n in target["names"]} | {target["name"]}
            for form in rec.get("names") or []:
                if form["name"] not in known:
                    target["names"].append({"name": form["name"], "type": form.get("type") or "variant"})
                    known.add(form["name"])


def build(parsed, ids, as_of, allow_new_ids=False, first_mention_pk=1, moved=None):
    """Return a FixtureWriter holding the bibliography's records. Mentions of works
    are written here, after the works they point at, numbered after the
    prosopography's mentions (`first_mention_pk`)."""
    writer = FixtureWriter(as_of)
    work_ids = assign_ids(ids, "works", [w["key"] for w in parsed.works], allow_new_ids)
    periodical_ids = assign_ids(ids, "periodicals", [p["key"] for p in parsed.periodicals], allow_new_ids)
    person_ids, org_ids, place_ids = ids["persons"], ids["organisations"], ids["places"]

    def ref(registry, key, what):
        if key is None or key == "":
            return None
        if key not in registry:
            raise CurationError(f"bibliography: unknown {what} key {key!r}")
        return registry[key]

    for p in sorted(parsed.periodicals, key=lambda p: periodical_ids[p["key"]]):
        writer.add(
            "bibliography.periodical",
            {
                "slug": make_slug(p["title"]),
                "title": p["title"],
                "place": ref(place_ids, p.get("place"), "place"),
                "language": p.get("language") or "",
                "publisher": None,
                "description": "",
            },
            pk=periodical_ids[p["key"]],
            timestamps=True,
        )
    for w in sorted(parsed.works, key=lambda w: work_ids[w["key"]]):
        writer.add(
            "bibliography.work",
            dated(
                {
                    "slug": make_slug(w["title"]),
                    "title": w["title"][:500],
                    "language": w.get("language") or "",
                    "type": w.get("type") or "other",
                    "status": w.get("status") or "published",
                    "description": w.get("description") or "",
                    "merged_into": None,
                    "about": sorted(ref(person_ids, k, "person") for k in w.get("about") or []),
                },
                written=w.get("written") or "",
                first_published=w.get("first_published") or "",
            ),
            pk=work_ids[w["key"]],
            timestamps=True,
        )
    works_by_key = {w["key"]: w for w in parsed.works}
    for pk, survivor, old_key, new_key in moved_records(ids, moved or {}, "works", works_by_key):
        w = works_by_key[new_key]
        writer.add(
            "bibliography.work",
            dated(
                {
                    "slug": make_slug(w["title"]),
                    "title": w["title"][:500],
                    "language": w.get("language") or "",
                    "type": w.get("type") or "other",
                    "status": w.get("status") or "published",
                    "description": f"Duplicate record (key {old_key}), merged into work {survivor}.",
                    "merged_into": survivor,
                    "about": [],
                },
                written="",
                first_published="",
            ),
            pk=pk,
            timestamps=True,
        )
    edition_ids = {e["key"]: i for i, e in enumerate(parsed.editions, start=1)}
    for e in parsed.editions:
        writer.add(
            "bibliography.edition",
            dated(
                {
                    "work": ref(work_ids, e["work"], "work"),
                    "title": (e.get("title") or "")[:500],
                    "language": e.get("language") or "",
                    "publisher": ref(org_ids, e.get("publisher"), "organisation"),
                    "place": ref(place_ids, e.get("place"), "place"),
                    "series": e.get("series") or "",
                    "periodical": ref(periodical_ids, e.get("periodical"), "periodical"),
                    "volume": str(e.get("volume") or ""),
                    "issue": str(e.get("issue") or ""),
                    "pages": str(e.get("pages") or ""),
                    "translation_of": ref(edition_ids, e.get("translation_of"), "edition"),
                    "note": e.get("note") or "",
                },
                date=e.get("date") or "",
            ),
            pk=edition_ids[e["key"]],
            timestamps=True,
        )
    for c in parsed.contributions:
        writer.add(
            "bibliography.contribution",
            {
                "person": ref(person_ids, c["person"], "person"),
                "work": ref(work_ids, c.get("work"), "work"),
                "edition": ref(edition_ids, c.get("edition"), "edition"),
                "role": c.get("role") or "author",
                "credited_as": c.get("credited_as") or "",
                "order": c.get("order") or 0,
            },
        )
    for r in parsed.work_relations:
        writer.add(
            "bibliography.workrelation",
            {
                "subject": ref(work_ids, r["subject"], "work"),
                "type": r["type"],
                "object": ref(work_ids, r["object"], "work"),
                "order": r.get("order") or 0,
            },
        )
    for h in parsed.holdings:
        writer.add(
            "bibliography.holding",
            {
                "work": ref(work_ids, h["work"], "work"),
                "repository": ref(org_ids, h["repository"], "organisation"),
                "item_count": h.get("item_count"),
                "shelfmark": h.get("shelfmark") or "",
                "description": h.get("description") or "",
            },
        )
    source_ids = ids["sources"]
    for pk, m in enumerate(parsed.work_mentions, start=first_mention_pk):
        writer.add(
            "prosopography.mention",
            {
                "source": ref(source_ids, m["source"], "source"),
                "start": m["start"],
                "end": m["end"],
                "surface": m["surface"],
                "snippet": m["snippet"],
                "paragraph": m["paragraph"],
                "status": "machine",
                "rule": "cited",
                "person": None,
                "organisation": None,
                "place": None,
                "work": ref(work_ids, m["work"], "work"),
                "candidates": [],
            },
            pk=pk,
        )
    for e in parsed.extracts:
        writer.add(
            "bibliography.extract",
            {
                "work": ref(work_ids, e["work"], "work"),
                "source": ref(source_ids, e["source"], "source"),
                "start": e["start"],
                "end": e["end"],
                "label": e["label"],
            },
        )
    return writer
