"""Records that can be merged: the one definition of "current" (not merged into
another record) and the one way of following a merge to its survivor.

A merged duplicate keeps its id forever: its pages and API URLs lead to the
record it was merged into, following chains of merges (A into B, then B into C).
"""

from django.db import models


class MergeableQuerySet(models.QuerySet):
    """The queryset of every model with a `merged_into` field."""

    def current(self):
        """Records that are not duplicates merged into another: what lists, counts,
        searches and exports show."""
        return self.filter(merged_into__isnull=True)


def not_merged_into_itself(name):
    """The check constraint every mergeable model carries: a record merged into itself
    would vanish from every list while its URLs redirect to themselves. The merge
    service refuses it; the database makes sure."""
    return models.CheckConstraint(condition=~models.Q(merged_into=models.F("pk")), name=name)


class MergeableModel(models.Model):
    """What the models with a `merged_into` field share beyond their queryset."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        # Django validates a check constraint by asking the database; a record that is
        # not merged has nothing to check, and a form or a fixture build need no query.
        if self.merged_into_id is None:
            exclude = {*(exclude or ()), "merged_into"}
        super().validate_constraints(exclude=exclude)


def survivor_of(record):
    """The record a merged duplicate now lives in (itself when not merged),
    following chains of merges; a cycle, which would be a data error, stops the walk."""
    seen = {record.pk}
    while getattr(record, "merged_into_id", None) and record.merged_into_id not in seen:
        seen.add(record.merged_into_id)
        record = type(record)._base_manager.get(pk=record.merged_into_id)
    return record


def resolve(model, pk):
    """(the record with this id, its survivor). Raises model.DoesNotExist for an unknown id."""
    record = model._base_manager.get(pk=pk)
    return record, survivor_of(record)
