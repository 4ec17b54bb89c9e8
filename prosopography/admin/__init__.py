"""The curators' admin: search across every name form (accents ignored),
autocomplete, inlines, a history of every change with revert (django-simple-history),
merging duplicates with a confirmation page, and reviewing machine-found mentions.

One module per subject: `base` (the machinery the bibliography's admin reuses),
`persons`, `evidence` (ties, memberships, events, readings), `sources`,
`decisions`. Importing the package registers them all."""

from . import decisions, evidence, persons, sources  # noqa: F401  (registration)
from .base import HistoryAdmin, MergeableAdmin
from .persons import ExternalIdentifierInline

__all__ = ["ExternalIdentifierInline", "HistoryAdmin", "MergeableAdmin"]
