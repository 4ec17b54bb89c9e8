"""History baselines: the first entry of a record's history when it arrives by a bulk
load rather than through the admin or the API.

django-simple-history records a save made by a person (admin, API, shell), but not
the raw saves of `loaddata`, nor rows created with `bulk_create`. A record loaded
that way had no history, so its first edit could not be reverted to the loaded
value. `collect_raw_saves()` notes every record `loaddata` writes, and
`record_baseline()` writes one history entry for each, in batches ("loaded from
prosopography.json of release …"), with the values as loaded.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from django.utils import timezone

BATCH_SIZE = 2000
# simple_history's change-reason column holds 100 characters.
REASON_LENGTH = 100


def history_manager(model):
    """The model's history manager, or None for a model without history."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute) if attribute else None


@contextmanager
def collect_raw_saves():
    """Yields a list that receives every instance saved raw (as `loaddata` saves)
    while the block runs, in the order saved."""
    saved = []

    def note(sender, instance, raw=False, **kwargs):
        if raw:
            saved.append(instance)

    post_save.connect(note, weak=False, dispatch_uid="common.history.collect_raw_saves")
    try:
        yield saved
    finally:
        post_save.disconnect(dispatch_uid="common.history.collect_raw_saves")


def record_baseline(instances, reason, *, update=False, user=None, when=None):
    """One history entry per instance of a model that keeps history, with its values
    as they are on the instance: `+` (created) or, with update=True, `~` (changed).
    Bulk inserts, BATCH_SIZE rows at a time. Returns {model label: entries written}.
    Many-to-many fields kept in history (e.g. an event's citations) are not copied:
    the entry still records every field of the record itself."""
    by_model = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    when = when or timezone.now()
    written = {}
    for model, objects in by_model.items():
        manager = history_manager(model)
        if manager is None:
            continue
        manager.bulk_history_create(
            objects,
            batch_size=BATCH_SIZE,
            update=update,
            default_user=user,
            default_change_reason=reason[:REASON_LENGTH],
            default_date=when,
        )
        written[model._meta.label] = len(objects)
    return written
