"""The curators' admin: search across every name form (accents ignored),
autocomplete, inlines, a history of every change with revert (django-simple-history),
merging duplicates with a confirmation page, and reviewing machine-found mentions."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from common.admin import StaleEditGuard

from . import curation, facts, services
from .models import (
    Alias,
    Citation,
    Claim,
    DistinctRecords,
    Event,
    EventParticipant,
    ExternalIdentifier,
    Membership,
    Mention,
    MentionStatus,
    MergeLog,
    Organisation,
    OrganisationName,
    Person,
    Place,
    PlaceName,
    Rank,
    Relationship,
    RelationshipType,
    Source,
)


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


class AliasInline(CappedInline):
    model = Alias
    extra = 1
    cap = 50
    fields = ["name", "type", "language", "period", "note"]


class TieInline(CappedInline):
    """A person's ties as a curator checks them: the other side, type, dates, rank
    and the quotes of their citations. What a tie says is changed on its own page
    (the row's “Change” link), where its citations are given with it; here only
    its certainty and rank."""

    extra = 0
    related = []
    prefetch = ["citations__source"]

    def has_add_permission(self, request, obj=None):
        return False


class RelationshipOutInline(TieInline):
    model = Relationship
    fk_name = "subject"
    verbose_name_plural = "relationships (this person is the subject)"
    fields = ["type", "object", "start", "end", "certainty", "rank", cited]
    readonly_fields = ["type", "object", "start", "end", cited]
    related = ["type", "object"]


class RelationshipInInline(TieInline):
    model = Relationship
    fk_name = "object"
    verbose_name_plural = "relationships (this person is the object)"
    fields = ["subject", "type", "start", "end", "certainty", "rank", cited]
    readonly_fields = ["subject", "type", "start", "end", cited]
    related = ["type", "subject"]


class MembershipInline(TieInline):
    model = Membership
    fields = ["organisation", "role", "start", "end", "certainty", "rank", cited]
    readonly_fields = ["organisation", "role", "start", "end", cited]
    related = ["organisation"]


class CitedFactForm(forms.ModelForm):
    """A fact entered or changed by hand cites the passage that supports it
    (prosopography.curation.needs_citation says when); readers see it as sourced."""

    def clean(self):
        data = super().clean()
        if (
            "citations" in self.fields
            and curation.needs_citation(self.instance, self.changed_data)
            and not data.get("citations")
        ):
            self.add_error("citations", curation.UNCITED_MESSAGE)
        return data


class ClaimForm(CitedFactForm):
    """A curator who prefers or deprecates a reading says why (kept in the history);
    a reading entered or changed by hand cites its passage."""

    def clean(self):
        data = super().clean()
        changed_rank = "rank" in self.changed_data and data.get("rank") != Rank.NORMAL
        if changed_rank and not (data.get("rank_reason") or "").strip():
            self.add_error("rank_reason", "Say why this reading is preferred or deprecated.")
        return data


class ClaimInlineFormSet(CappedInlineFormSet):
    """A person's readings; a birth or death date typed on the person's page needs a
    cited reading of it, here or stored (prosopography.curation.uncited_person_dates)."""

    def clean(self):
        super().clean()
        readings = [
            (
                form.cleaned_data.get("attribute"),
                form.cleaned_data.get("date"),
                bool(form.cleaned_data.get("citations")),
            )
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        missing = curation.uncited_person_dates(self.instance, readings)
        if missing:
            raise ValidationError(
                [
                    f"The {Person._meta.get_field(field).verbose_name} “{getattr(self.instance, field)}” "
                    "cites no source: add its reading below with a citation, or leave it empty."
                    for field in missing
                ]
            )


class ClaimInline(CappedInline):
    model = Claim
    form = ClaimForm
    formset = ClaimInlineFormSet
    extra = 0
    fk_name = "person"
    fields = [
        "attribute",
        "date",
        "place",
        "value_person",
        "value_text",
        "certainty",
        "rank",
        "rank_reason",
        "citations",
    ]
    autocomplete_fields = ["place", "value_person", "citations"]
    related = ["place", "value_person"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "citations":  # a citation's label names its source: one query, not two
            kwargs["queryset"] = Citation.objects.select_related("source")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ExternalIdentifierInline(GenericTabularInline):
    model = ExternalIdentifier
    extra = 0
    fields = ["scheme", "value"]


class PersonChangeList(ChangeList):
    """The person list with each row's counts of name forms and mentions, counted for
    the rows of the page only (two grouped queries), never for the whole table."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        ids = [person.pk for person in self.result_list]
        forms = dict(
            Alias.objects.filter(person_id__in=ids)
            .values("person_id")
            .annotate(n=Count("id"))
            .values_list("person_id", "n")
        )
        mentions = dict(
            Mention.objects.filter(person_id__in=ids)
            .values("person_id")
            .annotate(n=Count("id"))
            .values_list("person_id", "n")
        )
        for person in self.result_list:
            person.alias_total = forms.get(person.pk, 0)
            person.mention_total = mentions.get(person.pk, 0)


@admin.register(Person)
class PersonAdmin(MergeableAdmin):
    list_display = ["id", "name", "birth", "death", "name_forms", "mention_count", "merged_into"]
    list_display_links = ["id", "name"]
    list_filter = [MergedFilter]
    # The search box; the search itself is NameSearchMixin's (every name form, by index).
    search_fields = ["name"]
    search_help_text = "Any name form, accents and case ignored, or an id."
    search_name_forms = (Alias, "person")
    show_full_result_count = False
    autocomplete_fields = ["birth_place", "death_place"]
    readonly_fields = ["slug", "merged_into", "created", "modified", "mentions_link"]
    fields = [
        "name",
        "sort_name",
        "slug",
        "description",
        ("birth", "birth_place"),
        ("death", "death_place"),
        "merged_into",
        "mentions_link",
        ("created", "modified"),
    ]
    inlines = [
        AliasInline,
        RelationshipOutInline,
        RelationshipInInline,
        MembershipInline,
        ClaimInline,
        ExternalIdentifierInline,
    ]

    def get_changelist(self, request, **kwargs):
        return PersonChangeList

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("merged_into")

    def get_urls(self):
        duplicates = path(
            "duplicates/",
            self.admin_site.admin_view(self.duplicates_view),
            name="prosopography_person_duplicates",
        )
        recent = path(
            "recent-changes/",
            self.admin_site.admin_view(self.recent_changes_view),
            name="prosopography_recent_changes",
        )
        return [duplicates, recent, *super().get_urls()]

    def recent_changes_view(self, request):
        """The latest changes by other curators (prosopography.curation.recent_changes),
        more of them than the admin's front page shows."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/prosopography/recent_changes.html",
            {
                **self.admin_site.each_context(request),
                "title": "Recent changes by other curators",
                "opts": self.model._meta,
                "changes": curation.recent_changes(request.user, limit=curation.RECENT_ON_PAGE),
                "limit": curation.RECENT_ON_PAGE,
            },
        )

    def duplicates_view(self, request):
        """Suggested duplicates (prosopography.curation), each pair one click from the
        list where it can be merged or recorded as distinct."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        changelist = reverse("admin:prosopography_person_changelist")
        ids = curation.duplicate_pairs()
        persons = Person.objects.in_bulk({pk for pair in ids for pk in pair})
        pairs = [
            (persons[a], persons[b], f"{changelist}?id__in={a},{b}")
            for a, b in ids
            if a in persons and b in persons
        ]
        return TemplateResponse(
            request,
            "admin/prosopography/person/duplicates.html",
            {
                **self.admin_site.each_context(request),
                "title": "Suspected duplicate persons",
                "opts": self.model._meta,
                "pairs": pairs,
            },
        )

    @admin.display(description="name forms")
    def name_forms(self, obj):
        return getattr(obj, "alias_total", None)

    @admin.display(description="mentions")
    def mention_count(self, obj):
        return getattr(obj, "mention_total", None)

    @admin.display(description="mentions")
    def mentions_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        count = Mention.objects.filter(person=obj).count()
        url = reverse("admin:prosopography_mention_changelist") + f"?person__id__exact={obj.pk}"
        return format_html('<a href="{}">{} mention(s) in the sources: review them</a>', url, count)


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    extra = 1
    fields = ["name", "type", "language"]


class OrganisationMembershipInline(MembershipInline):
    fields = ["person", "role", "start", "end", "certainty", "rank", cited]
    readonly_fields = ["person", "role", "start", "end", cited]
    related = ["person"]


@admin.register(Organisation)
class OrganisationAdmin(MergeableAdmin):
    list_display = ["id", "name", "kind", "start", "end", "merged_into"]
    list_display_links = ["id", "name"]
    list_filter = ["kind", MergedFilter]
    search_fields = ["name"]
    search_name_forms = (OrganisationName, "organisation")
    autocomplete_fields = ["place"]
    readonly_fields = ["slug", "merged_into", "created", "modified"]
    inlines = [OrganisationNameInline, OrganisationMembershipInline, ExternalIdentifierInline]


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ["name", "type", "language"]


@admin.register(Place)
class PlaceAdmin(NameSearchMixin, HistoryAdmin):
    list_display = ["name", "kind", "within", "latitude", "longitude"]
    list_filter = ["kind"]
    search_fields = ["name", "names__name"]
    search_name_forms = (PlaceName, "place")
    autocomplete_fields = ["within"]
    readonly_fields = ["slug"]
    inlines = [PlaceNameInline, ExternalIdentifierInline]


@admin.register(RelationshipType)
class RelationshipTypeAdmin(admin.ModelAdmin):
    list_display = ["slug", "label", "inverse", "kind"]
    list_filter = ["kind"]
    search_fields = ["slug", "label"]
    autocomplete_fields = ["inverse"]


class CitedFactAdmin(HistoryAdmin):
    form = CitedFactForm
    autocomplete_fields = ["citations"]
    list_filter = ["rank"]


@admin.register(Relationship)
class RelationshipAdmin(CitedFactAdmin):
    list_display = ["subject", "type", "object", "start", "end", "certainty", "rank"]
    list_filter = ["type__kind", "type", "certainty", "rank"]
    list_select_related = ["subject", "type", "object"]
    search_fields = ["subject__name", "object__name", "subject__aliases__name", "object__aliases__name"]
    autocomplete_fields = ["subject", "type", "object", "citations"]


@admin.register(Membership)
class MembershipAdmin(CitedFactAdmin):
    list_display = ["person", "organisation", "role", "start", "end", "rank"]
    list_filter = ["organisation__kind", "rank"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation", "citations"]


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 1
    autocomplete_fields = ["person", "organisation"]


class ChosenCitation(forms.HiddenInput):
    """A stored row's citation: kept as it is (its passage is in the row's other
    columns), removed with “Delete”; another one is added in an empty row. No
    autocomplete widget, so no query per row."""

    is_hidden = False  # a column of its own in the table

    def render(self, name, value, attrs=None, renderer=None):
        return format_html("{} #{}", super().render(name, value, attrs, renderer), value or "")


class EventCitationForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["citation"].widget = ChosenCitation()


class EventCitationFormSet(BaseInlineFormSet):
    """An event's citations, one row each. A new event, or one whose type, date, place
    or description is changed by hand, keeps at least one (the rule of the other
    facts: prosopography.curation.needs_citation)."""

    def cited(self):
        """The citations the event will have once saved."""
        return [
            form.cleaned_data["citation"]
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("citation")
            and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        event = self.instance
        if curation.needs_citation(event, curation.changed_fields(event)) and not self.cited():
            raise ValidationError(curation.UNCITED_MESSAGE)


class EventCitationInline(admin.TabularInline):
    """The passages an event cites, each row as a curator checks it: the source, the
    locator and the quote; a citation is added by searching its quote or locator."""

    model = Event.citations.through
    form = EventCitationForm
    formset = EventCitationFormSet
    extra = 1
    verbose_name = "citation"
    verbose_name_plural = "citations (the passages that say so)"
    fields = ["citation", "source", "locator", "quote"]
    readonly_fields = ["source", "locator", "quote"]
    autocomplete_fields = ["citation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("citation__source")

    @admin.display(description="source")
    def source(self, row):
        return row.citation.source.file_name if row.pk else "—"

    @admin.display(description="locator")
    def locator(self, row):
        return row.citation.locator if row.pk else "—"

    @admin.display(description="quote")
    def quote(self, row):
        if not row.pk:
            return "—"
        text = row.citation.quote
        return format_html('<span class="cited">“{}”</span>', text[:300] + ("…" if len(text) > 300 else ""))


@admin.register(Event)
class EventAdmin(CitedFactAdmin):
    list_display = ["key", "type", "date", "place", "rank", "citation_count"]
    list_filter = ["type", "rank"]
    list_select_related = ["place"]
    search_fields = ["key", "description", "participants__person__name"]
    autocomplete_fields = ["place"]
    exclude = ["citations"]  # in their own inline, one row each
    readonly_fields = ["date_lower", "date_upper"]
    inlines = [EventCitationInline, EventParticipantInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, obj):
        total = getattr(obj, "citation_total", None)
        if total == 0:
            return format_html('<span class="uncited">{}</span>', "no citation")
        return total

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, EventCitationFormSet):
            # Through the relation, not row by row: the event's history records the
            # change of its citations (django-simple-history listens to m2m_changed).
            formset.save(commit=False)  # only to list what changed, for the admin's log
            formset.instance.citations.set(formset.cited())
            return
        super().save_formset(request, form, formset, change)


class ContestedFilter(admin.SimpleListFilter):
    """Readings of facts whose sources really disagree (prosopography.facts), and
    those of them nobody has weighed yet: the curators' queue of contested facts."""

    title = "contested"
    parameter_name = "contested"

    def lookups(self, request, model_admin):
        return [("yes", "contested"), ("unranked", "contested, not yet ranked"), ("no", "not contested")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        ids = set()
        for fact in facts.contested_facts():
            if self.value() == "yes" or (self.value() == "unranked" and not fact.ranked):
                ids.update(claim.pk for claim in fact.readings)
        return queryset.exclude(pk__in=ids) if self.value() == "no" else queryset.filter(pk__in=ids)


@admin.register(Claim)
class ClaimAdmin(CitedFactAdmin):
    """Readings of a fact, one per source. Preferring or deprecating one needs a
    reason (the model refuses it without); the history keeps who and why."""

    form = ClaimForm
    list_display = ["__str__", "attribute", "date", "place", "rank", "rank_reason"]
    list_filter = [ContestedFilter, "attribute", "rank"]
    list_select_related = ["person", "event", "place"]
    search_fields = ["person__name", "event__key", "value_text"]
    autocomplete_fields = ["person", "event", "place", "value_person", "citations"]

    def save_model(self, request, obj, form, change):
        if "rank" in form.changed_data and obj.rank_reason:
            obj._change_reason = f"ranked {obj.rank}: {obj.rank_reason}"
        super().save_model(request, obj, form, change)


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["file_name", "title", "length", "mention_count"]
    search_fields = ["file_name", "title", "description"]
    readonly_fields = ["checksum", "length"]

    def get_readonly_fields(self, request, obj=None):
        # Given when the source is registered, fixed after: every offset depends on them.
        return self.readonly_fields if obj else []

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mentions_total=Count("mentions"))

    @admin.display(description="mentions", ordering="mentions_total")
    def mention_count(self, obj):
        return obj.mentions_total


class CandidateForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        help_text="The selected mentions that list this person among their candidates are "
        "confirmed as naming them; the others are left as they are.",
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates


@admin.register(Mention)
class MentionAdmin(HistoryAdmin):
    """Where curators confirm or reject what the pipeline found: each row shows the
    passage (the surface form marked in it) and the candidates, so that most mentions
    are decided from the list, several at a time."""

    list_display = ["surface", "snippet_display", "candidates_display", "target_display", "status", "source"]
    list_filter = ["status", "source", "rule"]
    list_select_related = ["source", "person", "organisation", "place", "work"]
    search_fields = ["surface", "snippet", "person__name"]
    autocomplete_fields = ["person", "organisation", "place", "work", "candidates"]
    readonly_fields = ["source", "start", "end", "surface", "snippet", "paragraph", "rule"]
    actions = ["confirm", "confirm_as_candidate", "reject"]
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        # A curator adding a mention gives its span; a recorded span is not edited.
        return self.readonly_fields if obj else []

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("candidates")

    @admin.display(description="refers to")
    def target_display(self, obj):
        return obj.target or "—"

    @admin.display(description="passage")
    def snippet_display(self, obj):
        at = obj.snippet.find(obj.surface) if obj.surface else -1
        if at < 0:
            return obj.snippet
        end = at + len(obj.surface)
        return format_html("{}<mark>{}</mark>{}", obj.snippet[:at], obj.surface, obj.snippet[end:])

    @admin.display(description="candidates")
    def candidates_display(self, obj):
        names = [f"{person} ({person.pk})" for person in obj.candidates.all()]
        return "; ".join(names) or "—"

    def _set_status(self, request, queryset, status, person=None):
        changed = 0
        for mention in queryset:
            mention.status = status
            if person is not None:
                mention.person, mention.organisation, mention.place, mention.work = person, None, None, None
            try:
                mention.full_clean()
            except ValidationError as exc:
                self.message_user(request, f"{mention}: {'; '.join(exc.messages)}", messages.ERROR)
                continue
            mention._change_reason = f"{status} by {request.user.get_username()}" + (
                f" as naming {person} ({person.pk})" if person is not None else ""
            )
            mention.save()
            changed += 1
        self.message_user(request, f"{changed} mention(s) marked {status}.")

    @admin.action(description="Confirm selected mentions", permissions=["change"])
    def confirm(self, request, queryset):
        self._set_status(request, queryset, MentionStatus.CONFIRMED)

    @admin.action(
        description="Confirm selected mentions as naming one of their candidates…", permissions=["change"]
    )
    def confirm_as_candidate(self, request, queryset):
        candidates = Person.objects.filter(candidate_mentions__in=queryset).distinct()
        form = CandidateForm(request.POST if "confirm" in request.POST else None, candidates=candidates)
        if "confirm" in request.POST and form.is_valid():
            person = form.cleaned_data["person"]
            matching = queryset.filter(candidates=person)
            skipped = queryset.count() - matching.count()
            self._set_status(request, matching, MentionStatus.CONFIRMED, person=person)
            if skipped:
                self.message_user(
                    request,
                    f"{skipped} mention(s) do not list {person} as a candidate: left as they were.",
                    messages.WARNING,
                )
            return None
        if not candidates.exists():
            self.message_user(request, "The selected mentions list no candidates.", messages.ERROR)
            return None
        return TemplateResponse(
            request,
            "admin/prosopography/mention/confirm_candidate.html",
            {
                **self.admin_site.each_context(request),
                "title": "Confirm mentions as naming a candidate",
                "opts": self.model._meta,
                "mentions": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Reject selected mentions", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, MentionStatus.REJECTED)


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    list_display = ["source", "locator", "start", "quote"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["quote", "locator"]
    raw_id_fields = ["mention"]


@admin.register(ExternalIdentifier)
class ExternalIdentifierAdmin(HistoryAdmin):
    list_display = ["scheme", "value", "content_type", "object_id"]
    list_filter = ["scheme", "content_type"]
    search_fields = ["value"]


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
