"""Data extension: the values of chosen properties for reconciled entities, so a
user can pull dates (as EDTF strings: the spec's `date` value wants an exact
date-time, which would hide the uncertainty of "1890?" or "189X"), places,
name forms, organisations, works and authority identifiers into columns.

A fixed number of queries per entity type and property, whatever the number of ids.
"""

from bibliography.models import Contribution, Edition
from prosopography.models import Alias, Membership, NameType, OrganisationName, PlaceName

from . import selectors
from .matching import BadValue
from .properties import AUTHORITIES, PROPERTIES, all_properties
from .selectors import TYPES, entity_key


def _place_value(pk, names):
    return {"id": f"places/{pk}", "name": names[pk]} if pk in names else None


def _for_type(type_id, pks, pids):
    t = TYPES[type_id]
    rows = {r["pk"]: r for r in t.model.objects.filter(pk__in=pks).values("pk", t.title_field, *t.fields)}
    out = {pk: {pid: [] for pid in pids} for pk in rows}
    wanted = set(pids)

    def put(pk, pid, value):
        if value and pk in out and pid in out[pk]:
            out[pk][pid].append(value)

    for pk, row in rows.items():
        if "description" in wanted and row.get("description"):
            put(pk, "description", {"str": row["description"]})
        for pid, field in (
            ("birth_date", "birth"),
            ("death_date", "death"),
            ("start_date", "start"),
            ("end_date", "end"),
            ("first_published", "first_published"),
        ):
            if pid in wanted and row.get(field):
                put(pk, pid, {"str": row[field]})
    place_columns = {
        "birth_place": "birth_place_id",
        "death_place": "death_place_id",
        "place": "place_id",
        "within": "within_id",
    }
    place_ids = {row.get(col) for pid, col in place_columns.items() if pid in wanted for row in rows.values()}
    place_ids.discard(None)
    if place_ids:
        names = dict(selectors.Place.objects.filter(pk__in=place_ids).values_list("pk", "name"))
        for pid, col in place_columns.items():
            if pid in wanted:
                for pk, row in rows.items():
                    put(pk, pid, _place_value(row.get(col), names))
    if "name_forms" in wanted or "pseudonyms" in wanted:
        forms_model = {"person": Alias, "organisation": OrganisationName, "place": PlaceName}.get(type_id)
        if forms_model:
            fk = f"{t.forms_fk}_id"
            for pk, name, kind in forms_model.objects.filter(**{f"{fk}__in": pks}).values_list(
                fk, "name", "type"
            ):
                put(pk, "name_forms", {"str": name})
                if kind == NameType.PSEUDONYM:
                    put(pk, "pseudonyms", {"str": name})
    if "organisations" in wanted:
        seen = set()
        for pk, org_id, name in Membership.objects.filter(person_id__in=pks).values_list(
            "person_id", "organisation_id", "organisation__name"
        ):
            if (pk, org_id) not in seen:
                seen.add((pk, org_id))
                put(pk, "organisations", {"id": f"organisations/{org_id}", "name": name})
    if "works" in wanted:
        seen = set()
        rows_ = Contribution.objects.filter(
            person_id__in=pks,
            work__isnull=False,
            role__in=[Contribution.Role.AUTHOR, Contribution.Role.COAUTHOR],
        ).values_list("person_id", "work_id", "work__title")
        for pk, work_id, title in rows_:
            if (pk, work_id) not in seen:
                seen.add((pk, work_id))
                put(pk, "works", {"id": f"works/{work_id}", "name": title})
    if "authors" in wanted:
        for work_id, people in selectors.authors(pks).items():
            for person_id, name, _ in people:
                put(work_id, "authors", {"id": f"persons/{person_id}", "name": name})
    if "edition_titles" in wanted:
        for pk, title in Edition.objects.filter(work_id__in=pks).values_list("work_id", "title"):
            put(pk, "edition_titles", {"str": title})
    if wanted & (set(AUTHORITIES) | {"authority_links"}):
        for pk, values in selectors.identifiers(type_id, pks).items():
            for scheme, value, url in values:
                put(pk, scheme, {"str": value})
                if scheme in AUTHORITIES and url:
                    put(pk, "authority_links", {"str": url})
    return out


def extension_rows(keys, pids):
    """{key: {pid: [values]}}; an id that is not ours, or unknown, gets empty values.
    An unknown property id is an error (BadValue)."""
    known = all_properties()
    for pid in pids:
        if pid not in known:
            raise BadValue(
                f"Unknown property “{pid}”: see /reconcile/propose_properties for each type's properties."
            )
    by_type = {}
    for key in keys:
        parsed = selectors.parse_key(key)
        if parsed:
            by_type.setdefault(parsed[0], []).append(parsed[1])
    rows = {key: {pid: [] for pid in pids} for key in keys}
    for type_id, pks in by_type.items():
        type_pids = [pid for pid in pids if pid in PROPERTIES[type_id]]
        for pk, values in _for_type(type_id, pks, type_pids).items():
            key = entity_key(TYPES[type_id], pk)
            for canonical in (key,) + tuple(k for k in rows if selectors.parse_key(k) == (type_id, pk)):
                if canonical in rows:
                    rows[canonical].update(values)
    return rows


def meta(pids):
    known = all_properties()
    return [{"id": pid, "name": known[pid]} for pid in pids]
