"""Releases seen from the pages and the API: which releases are published (in
RELEASES_DIR, written by `manage.py release`), the one a record is part of, and a
record as it was in a release, rebuilt from its django-simple-history entries as of
the release's `asOf` (the time of the latest change the release holds).

A release counts when its directory has a SHA256SUMS and a datapackage.json with
`version` and `asOf` (releases written before `asOf` existed cannot be dated to the
change, and are listed on /releases/ only)."""

import datetime
import functools
import json
from pathlib import Path

from django.conf import settings
from django.http import Http404

from .history import history_manager


def releases_dir():
    return Path(getattr(settings, "RELEASES_DIR", Path(settings.BASE_DIR) / "releases"))


@functools.lru_cache(maxsize=256)
def _read(path, stamp):
    package = json.loads(Path(path).read_text(encoding="utf-8"))
    as_of = datetime.datetime.fromisoformat(package["asOf"])
    date = datetime.date.fromisoformat(package["created"][:10])
    return {"version": package["version"], "as_of": as_of, "date": date}


def published():
    """Every dated release, oldest first (by the state it holds)."""
    base = releases_dir()
    found = []
    if not base.is_dir():
        return found
    for root in base.iterdir():
        package = root / "datapackage.json"
        if not (root / "SHA256SUMS").is_file() or not package.is_file():
            continue
        try:
            release = _read(str(package), package.stat().st_mtime_ns)
        except (ValueError, KeyError, OSError):
            continue
        if release["version"] == root.name:
            found.append(release)
    return sorted(found, key=lambda r: (r["as_of"], r["version"]))


def find(version):
    """The release named `version`, or a 404 that says so."""
    for release in published():
        if release["version"] == version:
            return release
    raise Http404(f"No release {version!r} has been published here (see /releases/).")


def first_recorded(model, pk):
    """When the record entered the database: its first history entry (one query)."""
    manager = history_manager(model)
    entry = manager.filter(id=pk).order_by("history_date").values_list("history_date", flat=True).first()
    return entry


def release_of(record):
    """The latest release that holds the record (None if it came after the last one)."""
    releases = published()
    if not releases:
        return None
    since = first_recorded(type(record), record.pk) or getattr(record, "created", None)
    for release in reversed(releases):
        if since is None or since <= release["as_of"]:
            return release
    return None


def as_of(model, pk, when):
    """The record as it was at `when` (an instance built from its history entry), or
    None when it did not exist then (created later, or deleted by then)."""
    entry = (
        history_manager(model)
        .filter(id=pk, history_date__lte=when)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if entry is None or entry.history_type == "-":
        return None
    return entry.instance


def related_as_of(model, when, **link):
    """The records of `model` linked by `link` (e.g. person_id=3) at `when`, each as it
    was then, ordered by id: the latest entry of each (one query)."""
    manager = history_manager(model)
    ever = manager.filter(**link).values("id")
    entries = manager.filter(id__in=ever, history_date__lte=when)
    entries = entries.order_by("id", "-history_date", "-history_id")
    found, seen = [], set()
    for entry in entries:
        if entry.id in seen:
            continue
        seen.add(entry.id)
        if entry.history_type != "-" and all(getattr(entry, k) == v for k, v in link.items()):
            found.append(entry.instance)
    return found


def in_release(model, pk, version):
    """(release, the record as it was in it); 404 when the release is unknown or the
    record was not in it."""
    release = find(version)
    record = as_of(model, pk, release["as_of"])
    if record is None:
        raise Http404(
            f"This {model._meta.verbose_name} is not in release {release['version']} "
            f"({release['date'].isoformat()}): it was added to the database after it."
        )
    return release, record


# What a page or the API shows of a record as it was: its own fields (the sortable
# date bounds, normalised forms and bookkeeping are derived, so left out).
HIDDEN = {"id", "slug", "created", "modified", "merged_into"}


def shown_fields(record):
    return [
        field
        for field in record._meta.concrete_fields
        if field.editable and field.name not in HIDDEN and not field.name.startswith("sort_")
    ]


def fields_for_page(record):
    """[(label, value in words)] of the record's filled fields; a link to another
    record is shown by that record's current name (one query per link)."""
    rows = []
    for field in shown_fields(record):
        value = getattr(record, field.attname)
        if value in (None, ""):
            continue
        if field.is_relation:
            related = field.related_model._base_manager.filter(pk=value).first()
            value = str(related) if related else f"#{value}"
        elif field.choices:
            value = getattr(record, f"get_{field.name}_display")()
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        rows.append((str(field.verbose_name), value))
    return rows


def release_data(release, living_url, url):
    return {
        "version": release["version"],
        "date": release["date"].isoformat(),
        "as_of": release["as_of"].isoformat().replace("+00:00", "Z"),
        "url": url,
        "living": living_url,
    }


def record_data(record):
    """The record's own fields as stored then ({attname: value}), for the API."""
    fields = {field.attname: getattr(record, field.attname) for field in shown_fields(record)}
    return {"id": record.pk, **fields}


def cite_version(title, release, url, site_name):
    """The citation of a record as it is in a release."""
    return f"“{title}.” {site_name}, release {release['version']} ({release['date'].isoformat()}). {url}"
