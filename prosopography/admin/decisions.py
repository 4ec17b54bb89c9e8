"""The curators' decisions: merges (with undo) and pairs marked as distinct
records, listed with names, who and when, filterable by kind."""

import re

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q

from .. import services
from ..models import (
    DistinctRecords,
    MergeLog,
)

# A statement made before the user column existed names its curator in its reason.
_RECORDED_BY = re.compile(r"\(recorded by ([^()]+)\)\s*$")


def _record_label(content_type, pk):
    """“Victor Serge (person 1)”, read with the model's base manager (merged records too)."""
    model = content_type.model_class()
    record = model._base_manager.filter(pk=pk).first() if model else None
    name = str(record) if record is not None else "(no longer exists)"
    return f"{name} ({content_type.model} {pk})"


class KindFilter(admin.SimpleListFilter):
    """The kinds of record (persons, organisations, works…) a list of pairs holds,
    named as the admin names them; only the kinds present (one query)."""

    title = "kind of record"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        ids = model_admin.model.objects.order_by().values_list("content_type", flat=True).distinct()
        kinds = [ContentType.objects.get_for_id(pk) for pk in ids]
        return sorted(
            (
                (str(kind.pk), kind.model_class()._meta.verbose_name_plural)
                for kind in kinds
                if kind.model_class()
            ),
            key=lambda pair: str(pair[1]),
        )

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type_id=int(self.value()))
        return queryset


class RecordNamesMixin:
    """Lists of pairs of records (merges, distinct statements) show the records'
    names; `pair_fields` are the two id columns. The records of a page are read in
    one query per kind. The search box finds a pair by either record's name, as the
    record's own list finds it (any name form, accents ignored), or by its reason."""

    pair_fields = ()
    search_help_text = "A name of either record (any name form, accents ignored), or words of the reason."

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        condition = Q(reason__icontains=term)
        kinds = queryset.model.objects.order_by().values_list("content_type", flat=True).distinct()
        for ct_id in kinds:
            model = ContentType.objects.get_for_id(ct_id).model_class()
            model_admin = self.admin_site._registry.get(model)
            if model is None or model_admin is None:
                continue
            found, _ = model_admin.get_search_results(request, model._base_manager.all(), term)
            ids = found.values("pk")
            for field in self.pair_fields:
                condition |= Q(content_type_id=ct_id, **{f"{field}__in": ids})
        return queryset.filter(condition), False

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        rows = list(changelist.result_list)
        wanted = {}
        for row in rows:
            for field in self.pair_fields:
                wanted.setdefault(row.content_type_id, set()).add(getattr(row, field))
        names = {}
        for ct_id, pks in wanted.items():
            model = ContentType.objects.get_for_id(ct_id).model_class()
            if model is None:
                continue
            for record in model._base_manager.filter(pk__in=pks):
                names[(ct_id, record.pk)] = str(record)
        for row in rows:
            row.record_names = {
                field: names.get((row.content_type_id, getattr(row, field)), "(no longer exists)")
                for field in self.pair_fields
            }
        changelist.result_list = rows
        return changelist

    def _name(self, obj, field):
        names = getattr(obj, "record_names", None)
        name = names[field] if names else _record_label(obj.content_type, getattr(obj, field))
        return f"{name} ({getattr(obj, field)})" if names else name


@admin.register(DistinctRecords)
class DistinctRecordsAdmin(RecordNamesMixin, admin.ModelAdmin):
    """Statements that two similar records are different entities, with their reason.
    They are made from a list of records (action “Record that the selected records
    are different entities”), which asks for the reason."""

    list_display = ["content_type", "first", "second", "reason", "decided_by", "created"]
    list_filter = [KindFilter]
    list_select_related = ["content_type", "user"]
    search_fields = ["reason"]
    pair_fields = ("first_id", "second_id")
    readonly_fields = ["content_type", "first", "second", "decided_by", "created"]
    fields = ["content_type", "first", "second", "reason", "decided_by", "created"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    @admin.display(description="first record")
    def first(self, obj):
        return self._name(obj, "first_id")

    @admin.display(description="second record")
    def second(self, obj):
        return self._name(obj, "second_id")

    @admin.display(description="decided by", ordering="user__username")
    def decided_by(self, obj):
        """The curator; for a statement from before this was kept (or from a release,
        which holds no accounts), the one its reason names."""
        if obj.user_id:
            return obj.user.get_username()
        match = _RECORDED_BY.search(obj.reason or "")
        return match.group(1) if match else "—"


@admin.register(MergeLog)
class MergeLogAdmin(RecordNamesMixin, admin.ModelAdmin):
    list_display = ["content_type", "merged", "survivor", "reason", "user", "created", "undone", "undone_by"]
    list_filter = [KindFilter, ("undone", admin.EmptyFieldListFilter)]
    list_select_related = ["content_type", "user", "undone_by"]
    date_hierarchy = "created"
    search_fields = ["reason"]
    pair_fields = ("merged_id", "survivor_id")
    readonly_fields = [f.name for f in MergeLog._meta.fields] + ["merged", "survivor"]
    actions = ["undo"]

    @admin.display(description="merged record")
    def merged(self, obj):
        return self._name(obj, "merged_id")

    @admin.display(description="kept record")
    def survivor(self, obj):
        return self._name(obj, "survivor_id")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Undo selected merges", permissions=["change"])
    def undo(self, request, queryset):
        done = 0
        for log in queryset.filter(undone__isnull=True).order_by("-created"):
            try:
                services.undo_merge(log, user=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{log}: {'; '.join(exc.messages)}", messages.ERROR)
                continue
            done += 1
        self.message_user(request, f"Undid {done} merge(s).")
