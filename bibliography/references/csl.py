"""CSL-JSON items from works and editions (`to_csl_json`), the format every
other citation export starts from."""

import datetime
import re

from common import dates

from ..models import Edition, Work, WorkStatus
from .mapping import _csl_type, _names

_DAY = re.compile(r"^[\[{]?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def csl_date(value):
    """CSL date from an EDTF string: the parts of its lower bound, as precise as
    the curator wrote them, with `circa` when the date is uncertain, approximate
    or a range ("1936?" -> 1936, circa). None when there is no usable date."""
    if not value:
        return None
    try:
        lower, _ = dates.bounds(value)
    except Exception:  # an invalid string in old data must not break an export
        return None
    if lower is None:
        return None
    parts = [lower.year]
    written = _DAY.match(value)
    if written and written.group(2) and int(written.group(2)) <= 12:
        parts.append(lower.month)
        if written.group(3):
            parts.append(lower.day)
    date = {"date-parts": [parts]}
    if dates.is_uncertain(value):
        date["circa"] = True
    return date


def _original_edition(work):
    """The edition a citation of the work points to: the earliest that is not a
    translation (sorted here, as databases place undated rows differently)."""
    editions = list(work.editions.all())
    originals = [e for e in editions if not e.translation_of_id] or editions
    if not originals:
        return None
    return min(originals, key=lambda e: (e.date_lower is None, e.date_lower or datetime.date.min, e.pk))


def _absolute(path, request, base_url):
    if not path:
        return None
    if request is not None:
        return request.build_absolute_uri(path)
    if base_url:
        return base_url.rstrip("/") + path
    return None


def _drop_empty(item):
    return {key: value for key, value in item.items() if value not in (None, "", [], {})}


def work_to_csl(work, request=None, base_url=None):
    """One CSL-JSON item for a work, published details from its original edition."""
    edition = _original_edition(work)
    names, notes = _names(work.contributions.all())
    if edition is not None:
        edition_names, edition_notes = _names(edition.contributions.all())
        names = {**names, **edition_names}  # the edition's own credits win, role by role
        notes += edition_notes
    if work.status != WorkStatus.PUBLISHED:
        notes.insert(0, work.get_status_display().capitalize() + ".")
    parts = getattr(work, "part_of_relations", None) or []
    item = {
        "id": f"work-{work.pk}",
        "type": _csl_type(work, edition),
        "title": work.title,
        **names,
        "issued": csl_date(work.first_published)
        or csl_date(work.written)
        or (csl_date(edition.date) if edition else None),
        "language": work.language or (edition.language if edition else ""),
        "URL": _absolute(work.get_absolute_url(), request, base_url),
        "note": " ".join(notes),
    }
    if edition is not None:
        item.update(_edition_fields(edition))
    if parts and not edition_is_periodical(edition):
        item["container-title"] = parts[0].object.title
    return _drop_empty(item)


def edition_is_periodical(edition):
    return edition is not None and edition.periodical_id is not None


def _edition_fields(edition):
    return {
        "publisher": edition.publisher.name if edition.publisher_id else "",
        "publisher-place": edition.place.name if edition.place_id else "",
        "container-title": edition.periodical.title if edition.periodical_id else "",
        "collection-title": edition.series,
        "volume": edition.volume,
        "issue": edition.issue,
        "page": edition.pages,
    }


def edition_to_csl(edition, request=None, base_url=None):
    """One CSL-JSON item for an edition: its own title, date and credits; the
    work's credits fill the roles the edition does not name (its author)."""
    work = edition.work
    names, notes = _names(work.contributions.all())
    edition_names, edition_notes = _names(edition.contributions.all())
    names = {**names, **edition_names}
    item = {
        "id": f"edition-{edition.pk}",
        "type": _csl_type(work, edition),
        "title": edition.title,
        **names,
        "issued": csl_date(edition.date),
        "language": edition.language or work.language,
        "URL": _absolute(work.get_absolute_url(), request, base_url),
        "note": " ".join(notes + edition_notes),
        **_edition_fields(edition),
    }
    if edition.translation_of_id or edition.title != work.title:
        item["original-title"] = work.title
    return _drop_empty(item)


def is_translation(edition, work):
    """An edition that translates its work: marked as such, or in another language."""
    return bool(edition.translation_of_id) or bool(
        edition.language and work.language and edition.language.lower() != work.language.lower()
    )


def to_csl_json(records, request=None, base_url=None, translations=False):
    """CSL-JSON items for works and/or editions, in the order given. Pass records
    from `works_for_export` / `editions_for_export` to keep queries constant.
    With a request (or a base URL such as "https://serge.example.org"), each item
    carries the permanent URL of its work's page, when reader pages exist.

    With `translations` (as the API exports works), each work is followed by its translations,
    each an item of its own: a translation is cited as the translated edition, with
    its translator, title, publisher and date (Manheim's *From Lenin to Stalin*),
    which the work's item, taken from its original edition, cannot say."""
    items = []
    for record in records:
        if isinstance(record, Work):
            items.append(work_to_csl(record, request, base_url))
            if translations:
                editions = sorted(
                    record.editions.all(), key=lambda e: (e.date_lower or datetime.date.max, e.pk)
                )
                items += [edition_to_csl(e, request, base_url) for e in editions if is_translation(e, record)]
        elif isinstance(record, Edition):
            items.append(edition_to_csl(record, request, base_url))
        else:
            raise TypeError(f"Cannot cite a {type(record).__name__}.")
    return items
