"""History baselines: the first entry of a record's history when it arrives by a bulk
load rather than through the admin or the API.

django-simple-history records a save made by a person (admin, API, shell), but not
the raw saves of `loaddata`, nor rows created with `bulk_create`. A record loaded
that way had no history, so its first edit could not be reverted to the loaded
value. `collect_raw_saves()` notes every record `loaddata` writes, and
`record_baseline()` writes one history entry for each, in bulk ("loaded from
prosopography.json of release …"), with the values as loaded.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import connection
from django.db.models.signals import post_save
from django.utils import timezone

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
    """One history entry per instance of a model that keeps history, with the values
    its row holds in the database: `+` (created) or, with update=True, `~` (changed).
    Written by the database itself, INSERT ... SELECT from the record's table, PK_CHUNK
    records a statement (a Python object per history row made the load twice as long).
    Returns {model label: entries written}. Many-to-many fields kept in history (e.g.
    an event's citations) are not copied: the entry records the record's own fields."""
    by_model = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance.pk)
    return record_baseline_of(by_model, reason, update=update, user=user, when=when)


def record_baseline_of(by_model, reason, *, update=False, user=None, when=None):
    """record_baseline() for {model: [pk, ...]} (rows written without instances)."""
    when = when or timezone.now()
    written = {}
    for model, pks in by_model.items():
        manager = history_manager(model)
        if manager is None:
            continue
        _insert_history(model, manager.model, pks, reason[:REASON_LENGTH], "~" if update else "+", user, when)
        written[model._meta.label] = len(pks)
    return written


PK_CHUNK = 500


def _insert_history(model, historical, pks, reason, history_type, user, when):
    quote = connection.ops.quote_name
    columns = [f.column for f in historical.tracked_fields]
    names = ", ".join(quote(c) for c in columns)
    pk_column = quote(model._meta.pk.column)
    date = connection.ops.adapt_datetimefield_value(when)
    user_id = getattr(user, "pk", None)
    with connection.cursor() as cursor:
        for at in range(0, len(pks), PK_CHUNK):
            chunk = pks[at : at + PK_CHUNK]
            cursor.execute(
                f"INSERT INTO {quote(historical._meta.db_table)} "
                f"({names}, history_date, history_type, history_change_reason, history_user_id) "
                f"SELECT {names}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {pk_column} IN ({', '.join(['%s'] * len(chunk))}) ORDER BY {pk_column}",
                [date, history_type, reason, user_id, *chunk],
            )
