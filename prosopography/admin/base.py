"""The admin's shared machinery: the site's titles, search across every name form,
history with reasons for reverts, merging and "distinct" forms, inlines capped for
hubs, and the one way a row shows its citation."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from common.admin import StaleEditGuard

from .. import curation, services


class NameSearchMixin:
    """Search (changelist and autocomplete) by the accent- and case-free form of the
    query against the record's name and every other name form, so that “maitrejean”
    finds Maîtrejean and “zborovsky” finds Zborowski; a number finds that id.
    prosopography.curation.find_by_name: index-backed on PostgreSQL, no join, no
    DISTINCT, mentions never read. `search_name_forms` is (name form model, its link)."""

    search_name_forms = None

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip() or self.search_name_forms is None:
            return super().get_search_results(request, queryset, search_term)
        model, fk = self.search_name_forms
        found = curation.find_by_name(queryset, search_term, model.objects.all(), fk)
        match = request.resolver_match
        if match and match.url_name == "autocomplete" and hasattr(queryset.model, "merged_into"):
            found = found.filter(merged_into__isnull=True)  # link to a merged duplicate: never
        return found, False


admin.site.site_header = "The Serge database — curators' workspace"
admin.site.site_title = "Serge curators"
admin.site.index_title = "Curators' workspace"
admin.site.site_url = "/"


class HistoryAdmin(StaleEditGuard, SimpleHistoryAdmin):
    """django-simple-history's admin, whose reverts say so: the revert form asks for
    a reason, and the history and the admin log record “Reverted to the version of
    … : reason” instead of “Changed” with no reason."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._reverting_to = version_id
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _reverting(self, request):
        return getattr(request, "_reverting_to", None)

    def get_form(self, request, obj=None, **kwargs):
        if self._reverting(request):
            base = kwargs.get("form") or self.form
            kwargs["form"] = type("RevertForm", (base,), {"revert_reason": RevertReasonField()})
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self._reverting(request) and "revert_reason" not in fields:
            fields = [*fields, "revert_reason"]
        return fields

    def _revert_note(self, request, form):
        version = self.model.history.filter(history_id=self._reverting(request)).first()
        when = version.history_date.strftime("%Y-%m-%d %H:%M") if version else "?"
        return f"Reverted to the version of {when}: {form.cleaned_data['revert_reason']}"

    def save_model(self, request, obj, form, change):
        if self._reverting(request):
            obj._change_reason = self._revert_note(request, form)
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if self._reverting(request):
            return self._revert_note(request, form)
        return super().construct_change_message(request, form, formsets, add)


class RevertReasonField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Reason for the revert",
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Kept in the history with the revert.",
            **kwargs,
        )


class MergedFilter(admin.SimpleListFilter):
    title = "merge status"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", "current records"), ("yes", "merged duplicates")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        help_text="The record that stays; the others are merged into it.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Why these are the same (kept in the merge log)."
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = queryset


class DistinctForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why these are different entities (kept with the statement, shown to whoever "
        "thinks of merging them).",
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Say why these records are different.")
        return reason


class MergeableAdmin(NameSearchMixin, HistoryAdmin):
    """Merging instead of deleting: records keep their ids forever."""

    actions = ["merge_selected", "mark_selected_distinct"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Merge selected records…", permissions=["change"])
    def merge_selected(self, request, queryset):
        queryset = queryset.filter(merged_into__isnull=True)
        selected = queryset.count()  # before the merge takes the duplicates out of this queryset
        if selected < 2:
            self.message_user(request, "Select at least two current records to merge.", messages.ERROR)
            return None
        form = MergeForm(request.POST if "confirm" in request.POST else None, queryset=queryset)
        if "confirm" in request.POST and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            try:
                for record in queryset.exclude(pk=survivor.pk):
                    services.merge(record, survivor, user=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
                return None
            self.message_user(request, f"Merged {selected - 1} record(s) into “{survivor}”.")
            return None
        return TemplateResponse(
            request,
            "admin/merge_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge records",
                "opts": self.model._meta,
                "records": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(
        description="Record that the selected records are different entities", permissions=["change"]
    )
    def mark_selected_distinct(self, request, queryset):
        records = list(queryset)
        if len(records) < 2:
            self.message_user(request, "Select at least two records.", messages.ERROR)
            return None
        form = DistinctForm(request.POST if "confirm" in request.POST else None)
        if "confirm" in request.POST and form.is_valid():
            recorded, already = services.mark_all_distinct(
                records, reason=form.cleaned_data["reason"], user=request.user
            )
            for first, second in already:
                self.message_user(
                    request,
                    f"“{first}” and “{second}” were already recorded as distinct; nothing changed.",
                    messages.WARNING,
                )
            if recorded:
                names = "; ".join(f"“{a}” ≠ “{b}”" for a, b in recorded)
                self.message_user(request, f"Recorded as distinct: {names}.")
            return None
        return TemplateResponse(
            request,
            "admin/distinct_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Record that these are different",
                "opts": self.model._meta,
                "records": records,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class CappedInlineFormSet(BaseInlineFormSet):
    """An inline that shows (and edits) its first `cap` rows only, so that a hub such
    as Serge, with hundreds of ties, gets a page of bounded size and query count;
    `total` and `full_list_url` let the template link to the full, filtered list."""

    cap = 10
    full_list_url = None

    def get_queryset(self):
        if not hasattr(self, "_capped"):
            queryset = super().get_queryset()
            self.total = queryset.count() if self.instance.pk else 0
            self._capped = self._queryset = queryset[: self.cap]
        return self._capped


class CappedInline(admin.TabularInline):
    """A tabular inline of at most `cap` rows, with a link to the rest."""

    formset = CappedInlineFormSet
    template = "admin/edit_inline/capped_tabular.html"
    show_change_link = True
    # Ten rows of a hub's ties render in well under a second; the rest are one click away.
    cap = 10
    related = ()
    prefetch = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.related:
            queryset = queryset.select_related(*self.related)
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        url = None
        if obj is not None and obj.pk and self.has_view_permission(request, obj):
            opts = self.model._meta
            try:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            except Exception:  # the rows' model has no list of its own (name forms)
                url = None
            if url:
                fk = self.fk_name or formset.fk.name
                url = f"{url}?{fk}__id__exact={obj.pk}"
        return type(formset.__name__, (formset,), {"cap": self.cap, "full_list_url": url})


@admin.display(description="citations")
def cited(obj):
    """The passages a fact cites, as a curator checks them: file, locator, quote."""
    citations = list(obj.citations.all()) if obj.pk else []
    if not citations:
        return format_html('<span class="uncited">{}</span>', "no citation")
    return format_html_join(
        "",
        '<div class="cited">{} {}: “{}”</div>',
        (
            (c.source.file_name, c.locator, c.quote[:120] + ("…" if len(c.quote) > 120 else ""))
            for c in citations
        ),
    )
