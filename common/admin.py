"""Admin machinery every curated record shares.

`StaleEditGuard` keeps two curators from overwriting each other in the admin, as
the API's If-Match does for scripts: the change form carries the version of the
record it was opened on (its `modified` time), and saving is refused when the
record has changed since, naming who changed what. The comparison runs inside
the admin's own transaction, with the row locked, so two saves of forms opened on
the same version cannot both pass.
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

VERSION_FIELD = "opened_version"


def version_of(record):
    """The version token of a record: its last change time, to the microsecond."""
    return record.modified.isoformat() if getattr(record, "modified", None) else ""


def changes_since(record, version):
    """Who changed `record` after `version`, and which fields: a list of sentences.

    Read from the record's history (django-simple-history); a record without
    history answers with a plain notice."""
    history = getattr(record, "history", None)
    if history is None:
        return ["it was changed by someone else"]
    try:
        since = datetime.fromisoformat(version)
    except ValueError:
        return ["it was changed by someone else"]
    lines = []
    for entry in history.filter(history_date__gt=since).select_related("history_user")[:5]:
        who = entry.history_user.get_username() if entry.history_user else "the system"
        fields = []
        previous = entry.prev_record
        if previous is not None:
            fields = [change.field for change in entry.diff_against(previous).changes]
        what = f" ({', '.join(fields)})" if fields else ""
        when = timezone.localtime(entry.history_date).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f"{who} at {when}{what}")
    return lines or ["it was changed by someone else"]


class StaleEditGuard:
    """ModelAdmin mixin: refuse to save a change form opened on an older version."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and hasattr(obj, "modified"):
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(base.__name__, (_VersionedForm, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not hasattr(obj, "modified"):
            return fieldsets
        if any(VERSION_FIELD in options.get("fields", ()) for _, options in fieldsets):
            return fieldsets
        # The hidden field rides with the first fieldset; the admin renders a
        # hidden widget without a label.
        (name, options), *rest = fieldsets
        fields = [*options.get("fields", ()), VERSION_FIELD]
        return [(name, {**options, "fields": fields}), *rest]


class _VersionedForm(forms.ModelForm):
    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # From the database, not the instance: a revert form's instance is the
            # old version, and what it will overwrite is the current one.
            current = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
            self.fields[VERSION_FIELD].initial = version_of(current) if current else ""

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get(VERSION_FIELD, "")
        if not self.instance.pk:
            return cleaned
        model = type(self.instance)
        # Locked until the admin's transaction ends: a second save waits, then sees
        # the first one's version and is refused.
        current = model._default_manager.select_for_update().get(pk=self.instance.pk)
        if not opened:
            raise ValidationError(
                "This form does not say which version of the record it was opened on; "
                "reload the page and make your changes again."
            )
        if opened != version_of(current):
            raise ValidationError(
                "This record was changed after you opened it: "
                + "; ".join(changes_since(current, opened))
                + ". Your changes are not saved: reload the page to see the current "
                "version, then make them again."
            )
        return cleaned
