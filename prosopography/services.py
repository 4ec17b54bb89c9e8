"""Writes that touch many records at once: merging duplicates and undoing merges,
recording that two records are distinct. (Reads live in selectors.py.)

Every change goes through `save()` so that django-simple-history records it
with the curator and the reason."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import UniqueConstraint
from django.utils import timezone

from .models import DistinctRecords, ExternalIdentifier, MergeLog, Rank, Relationship

# In MergeLog.moved beside the moved links: {relationship pk: its rank and note before the merge}.
DEPRECATED_TIES = "deprecated_relationships"


def _save(obj, user, reason, **kwargs):
    obj._change_reason = reason
    if user is not None:
        obj._history_user = user
    obj.save(**kwargs)


def _links(model):
    """The foreign keys and many-to-many fields of other models that point at `model`."""
    for rel in model._meta.related_objects:
        yield rel.related_model, rel.field


def _already_at(row, field_name, survivor):
    """Whether the survivor already has a row equal to `row` under a unique constraint (the
    same name form, the same identifier). Such a row stays with the merged record: moving it
    would break the constraint, and the survivor has the fact already."""
    for constraint in row._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and field_name in constraint.fields:
            lookup = {name: getattr(row, name) for name in constraint.fields}
            lookup[field_name] = survivor.pk
            if type(row)._default_manager.filter(**lookup).exists():
                return True
    return False


def are_distinct(first, second):
    ct = ContentType.objects.get_for_model(first)
    low, high = sorted([first.pk, second.pk])
    return DistinctRecords.objects.filter(content_type=ct, first_id=low, second_id=high).exists()


def mark_distinct(first, second, reason="", user=None):
    """Record that two similar records are not the same entity (and who decided)."""
    if first.pk == second.pk:
        raise ValidationError("A record is always the same as itself.")
    ct = ContentType.objects.get_for_model(first)
    low, high = sorted([first.pk, second.pk])
    pair, _ = DistinctRecords.objects.get_or_create(
        content_type=ct, first_id=low, second_id=high, defaults={"reason": reason, "user": user}
    )
    return pair


@transaction.atomic
def mark_all_distinct(records, *, reason, user=None):
    """Record that each pair of `records` are different entities, with the curator's
    reason (required). Returns (pairs recorded, pairs that already were): a pair
    marked before is left as it was, with its first reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why these records are different."})
    if user is not None and getattr(user, "is_authenticated", False):
        reason = f"{reason} (recorded by {user.get_username()})"
    else:
        user = None
    recorded, already = [], []
    for i, first in enumerate(records):
        for second in records[i + 1 :]:
            if are_distinct(first, second):
                already.append((first, second))
            else:
                mark_distinct(first, second, reason=reason, user=user)
                recorded.append((first, second))
    return recorded, already


def _locked(model, *pks):
    """The records with these ids, read afresh under a row lock (SELECT ... FOR UPDATE)
    taken in ascending id order, so that two merges of the same pair, in whichever
    direction, wait for each other instead of deadlocking. SQLite has no row locks, but
    its write transactions are serialised (IMMEDIATE, see settings)."""
    records = {}
    for pk in sorted(set(pks)):
        records[pk] = model._base_manager.select_for_update().get(pk=pk)
    return [records[pk] for pk in pks]


@transaction.atomic
def merge(merged, survivor, *, user=None, reason):
    """Merge the duplicate `merged` into `survivor` (persons, organisations or works).

    Every link to `merged` moves to `survivor` in one transaction; `merged` stays
    in the database with `merged_into` set, so its id and URLs keep resolving.
    Returns the MergeLog, which `undo_merge` uses to put every link back.

    Both records are locked and read again before anything is checked: the instances
    passed in may be stale, and a merge of the same records running at the same time
    (even the other way round) must see this one's outcome. So a merge can never leave
    a cycle (A into B and B into A) or a record merged into itself; a database
    constraint forbids the latter too.
    """
    model = type(survivor)
    if type(merged) is not model:
        raise ValidationError("Only records of the same kind can be merged.")
    if merged.pk == survivor.pk:
        raise ValidationError("A record cannot be merged into itself.")
    merged, survivor = _locked(model, merged.pk, survivor.pk)
    if merged.merged_into_id:
        raise ValidationError(f"“{merged}” has already been merged into another record.")
    if survivor.merged_into_id:
        raise ValidationError(f"“{survivor}” was itself merged; merge into {survivor.merged_into} instead.")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why these records are the same."})
    if are_distinct(merged, survivor):
        raise ValidationError(
            "A curator has recorded that these two are different; remove that statement first."
        )
    note = f"Merged {model._meta.model_name} {merged.pk} into {survivor.pk}: {reason}"
    moved = {}
    for related_model, field in _links(model):
        label = f"{related_model._meta.label_lower}.{field.name}"
        if field.many_to_many:
            # Owners already linked to the survivor keep both links, so that undo is exact.
            owners = list(
                related_model.objects.filter(**{field.name: merged}).exclude(**{field.name: survivor})
            )
            for owner in owners:
                getattr(owner, field.name).remove(merged)
                getattr(owner, field.name).add(survivor)
            if owners:
                moved[label] = [o.pk for o in owners]
            continue
        rows = [
            row
            for row in related_model.objects.filter(**{field.name: merged})
            if not _already_at(row, field.name, survivor)
        ]
        for row in rows:
            setattr(row, field.name, survivor)
            _save(row, user, note)
        if rows:
            moved[label] = [r.pk for r in rows]
    ct = ContentType.objects.get_for_model(model)
    identifiers = [
        i
        for i in ExternalIdentifier.objects.filter(content_type=ct, object_id=merged.pk)
        if not _already_at(i, "object_id", survivor)
    ]
    for identifier in identifiers:
        identifier.object_id = survivor.pk
        _save(identifier, user, note)
    if identifiers:
        moved["prosopography.externalidentifier.object_id"] = [i.pk for i in identifiers]
    # A tie between the two duplicates is now a tie of the survivor with itself:
    # keep it for the record, but deprecate it so that it is not shown as a fact.
    if model._meta.label_lower == "prosopography.person":
        deprecated = {}
        for loop in Relationship.objects.filter(subject=survivor, object=survivor):
            deprecated[str(loop.pk)] = {"rank": loop.rank, "note": loop.note}  # for undo_merge
            loop.rank = Rank.DEPRECATED
            loop.note = (loop.note + "\n" if loop.note else "") + note
            _save(loop, user, note)
        if deprecated:
            moved[DEPRECATED_TIES] = deprecated
    merged.merged_into = survivor
    _save(merged, user, note)
    return MergeLog.objects.create(
        content_type=ct, merged_id=merged.pk, survivor_id=survivor.pk, reason=reason, user=user, moved=moved
    )


def _edited_since(row, when, **unless):
    """Whether the row's history has a change after `when` (the merge's time), other
    than versions whose fields equal `unless` (an edit that left the link alone)."""
    if getattr(type(row), "history", None) is None:
        return False
    return row.history.filter(history_date__gt=when).exclude(**unless).exists()


def _later_edits(log, model, survivor, moved, deprecated):
    """The moved links a curator changed after the merge, as readable labels. Undoing the
    merge would silently revert their work, so undo refuses while there are any."""
    edited = []
    for label, pks in moved.items():
        app_model, field_name = label.rsplit(".", 1)
        related_model = ContentType.objects.get_by_natural_key(*app_model.split(".")).model_class()
        field = related_model._meta.get_field(field_name)
        rows = related_model._base_manager.filter(pk__in=pks)
        for row in rows:
            if field.many_to_many:
                changed = not getattr(row, field_name).filter(pk=survivor.pk).exists()
            else:  # re-pointed now, or at some time since the merge
                changed = getattr(row, field.attname) != survivor.pk or _edited_since(
                    row, log.created, **{field.attname: survivor.pk}
                )
            if changed:
                edited.append(f"{related_model._meta.verbose_name} {row.pk} ({row})")
        if len(rows) < len(set(pks)):
            edited.append(f"{len(set(pks)) - len(rows)} {related_model._meta.verbose_name_plural} deleted")
    for pk in deprecated:
        tie = Relationship.objects.filter(pk=pk).first()
        if tie is None or _edited_since(tie, log.created):
            edited.append(f"relationship {pk}")
    return edited


@transaction.atomic
def undo_merge(log, *, user=None):
    """Put back every link a merge moved, and make the merged record stand alone again.

    Refused (ValidationError) when a moved link was changed after the merge (re-pointed,
    edited, deleted): putting it back would silently revert a colleague's work. The log
    and both records are locked, so the same merge cannot be undone twice at once."""
    log = MergeLog.objects.select_for_update().get(pk=log.pk)
    if log.undone:
        raise ValidationError("This merge has already been undone.")
    model = log.content_type.model_class()
    merged, survivor = _locked(model, log.merged_id, log.survivor_id)
    if merged.merged_into_id != survivor.pk:
        raise ValidationError(f"“{merged}” is no longer merged into “{survivor}”; nothing to undo.")
    note = f"Undid merge of {model._meta.model_name} {merged.pk} into {survivor.pk}"
    moved = dict(log.moved)
    deprecated = moved.pop(DEPRECATED_TIES, {})
    edited = _later_edits(log, model, survivor, moved, deprecated)
    if edited:
        raise ValidationError(
            "This merge cannot be undone automatically: links it moved were changed after it "
            "(" + "; ".join(edited[:10]) + ("; ..." if len(edited) > 10 else "") + "). "
            "Undoing it would revert that work; move those links by hand instead."
        )
    for label, pks in moved.items():
        app_model, field_name = label.rsplit(".", 1)
        related_model = ContentType.objects.get_by_natural_key(*app_model.split(".")).model_class()
        field = related_model._meta.get_field(field_name)
        for row in related_model.objects.filter(pk__in=pks):
            if field.many_to_many:
                getattr(row, field_name).remove(survivor)
                getattr(row, field_name).add(merged)
            else:
                setattr(row, field.attname, merged.pk)
                _save(row, user, note)
    for pk, before in deprecated.items():
        tie = Relationship.objects.get(pk=pk)
        tie.rank, tie.note = before["rank"], before["note"]
        _save(tie, user, note)
    merged.merged_into = None
    _save(merged, user, note)
    log.undone = timezone.now()
    log.undone_by = user
    log.save(update_fields=["undone", "undone_by"])
    return merged


# ---------------------------------------------------------------- weighing readings


@transaction.atomic
def rank_reading(claim, rank, *, reason, user=None):
    """Weigh one reading of a fact: prefer or deprecate it (or set it back to normal),
    with the curator's reason, which the history keeps. Preferring one reading of a
    fact sets any other preferred reading of the same fact back to normal, so that a
    fact has at most one preferred reading."""
    reason = (reason or "").strip()
    if rank not in Rank.values:
        raise ValidationError({"rank": f"Unknown rank “{rank}”; choose one of {', '.join(Rank.values)}."})
    if rank != Rank.NORMAL and not reason:
        raise ValidationError({"rank_reason": "Say why this reading is preferred or deprecated."})
    claim = type(claim).objects.select_for_update().get(pk=claim.pk)
    if rank == Rank.PREFERRED:
        others = (
            type(claim)
            .objects.filter(
                person_id=claim.person_id,
                event_id=claim.event_id,
                attribute=claim.attribute,
                rank=Rank.PREFERRED,
            )
            .exclude(pk=claim.pk)
        )
        for other in others:
            other.rank, other.rank_reason = Rank.NORMAL, ""
            _save(other, user, f"another reading preferred: {reason}")
    claim.rank, claim.rank_reason = rank, reason if rank != Rank.NORMAL else ""
    claim.full_clean()
    _save(claim, user, f"ranked {rank}: {reason}" if reason else f"ranked {rank}")
    return claim


GEOCODED_KINDS = ("city",)


@transaction.atomic
def geocode_places(gazetteer=None, *, user=None):
    """Give places of kind city their coordinates from the gazetteer (see
    prosopography.geocoding), with its name and the GeoNames id as provenance.
    Coordinates a curator entered (no recorded source) are never overwritten; a
    place the gazetteer already placed is placed again (a curator's GeoNames id may
    have changed). Returns {"found": [...], "ambiguous": [(place, candidates)],
    "not found": [...]}."""
    from . import geocoding
    from .models import Place

    gazetteer = gazetteer or geocoding.Gazetteer()
    place_type = ContentType.objects.get_for_model(Place)
    chosen = dict(
        ExternalIdentifier.objects.filter(content_type=place_type, scheme="geonames").values_list(
            "object_id", "value"
        )
    )
    places = {p.pk: p for p in Place.objects.prefetch_related("names")}
    report = {"found": [], "ambiguous": [], "not found": []}
    for place in places.values():
        if place.kind not in GEOCODED_KINDS and place.pk not in chosen:
            continue
        if place.latitude is not None and not place.coordinates_source:
            continue  # a curator's coordinates
        ancestors, parent, seen = [], places.get(place.within_id), set()
        while parent is not None and parent.pk not in seen:
            seen.add(parent.pk)
            ancestors += [parent.name] + [n.name for n in parent.names.all()]
            parent = places.get(parent.within_id)
        names = [place.name] + [n.name for n in place.names.all()]
        match = gazetteer.match(names, gazetteer.country_code(ancestors), chosen.get(place.pk))
        if match.status == "found":
            city = match.city
            place.latitude, place.longitude = round(city["latitude"], 6), round(city["longitude"], 6)
            place.coordinates_source, place.coordinates_source_id = gazetteer.name, str(city["geonameid"])
            _save(place, user, f"coordinates from {gazetteer.name}")
            report["found"].append(place)
        elif match.status == "ambiguous":
            report["ambiguous"].append((place, match.candidates))
        else:
            report["not found"].append(place)
    return report
