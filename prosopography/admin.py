"""The curators' admin: search across every name form (accents ignored),
autocomplete, inlines, a history of every change with revert (django-simple-history),
merging duplicates with a confirmation page, and reviewing machine-found mentions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from common.admin import StaleEditGuard
from common.text import normalize

from . import facts, services
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
    """Also match the accent- and case-free form of the query against name forms,
    so that “maitrejean” finds Maîtrejean and “zborovsky” finds Zborowski."""

    normalized_name_lookup = None

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = normalize(search_term)
        if term and self.normalized_name_lookup:
            by_name = queryset.filter(**{f"{self.normalized_name_lookup}__contains": term})
            results = (results | by_name).distinct()
            may_have_duplicates = False
        return results, may_have_duplicates


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


class MergeableAdmin(NameSearchMixin, StaleEditGuard, SimpleHistoryAdmin):
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
        for i, first in enumerate(records):
            for second in records[i + 1 :]:
                services.mark_distinct(first, second, reason=f"Marked by {request.user}")
        self.message_user(request, f"Recorded {len(records)} records as distinct from each other.")


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ["name", "type", "language", "period", "note"]


class RelationshipOutInline(admin.TabularInline):
    model = Relationship
    fk_name = "subject"
    extra = 0
    verbose_name_plural = "relationships (this person is the subject)"
    fields = ["type", "object", "start", "end", "certainty", "rank"]
    autocomplete_fields = ["type", "object"]


class RelationshipInInline(RelationshipOutInline):
    fk_name = "object"
    verbose_name_plural = "relationships (this person is the object)"
    fields = ["subject", "type", "start", "end", "certainty", "rank"]
    autocomplete_fields = ["subject", "type"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organisation", "role", "start", "end", "certainty", "rank"]
    autocomplete_fields = ["organisation"]


class ClaimForm(forms.ModelForm):
    """A curator who prefers or deprecates a reading says why (kept in the history)."""

    def clean(self):
        data = super().clean()
        changed_rank = "rank" in self.changed_data and data.get("rank") != Rank.NORMAL
        if changed_rank and not (data.get("rank_reason") or "").strip():
            self.add_error("rank_reason", "Say why this reading is preferred or deprecated.")
        return data


class ClaimInline(admin.TabularInline):
    model = Claim
    form = ClaimForm
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


class ExternalIdentifierInline(GenericTabularInline):
    model = ExternalIdentifier
    extra = 0
    fields = ["scheme", "value"]


@admin.register(Person)
class PersonAdmin(MergeableAdmin):
    list_display = ["id", "name", "birth", "death", "name_forms", "mention_count", "merged_into"]
    list_display_links = ["id", "name"]
    list_filter = [MergedFilter]
    search_fields = ["name", "sort_name", "aliases__name", "=id"]
    normalized_name_lookup = "aliases__normalized"
    autocomplete_fields = ["birth_place", "death_place"]
    readonly_fields = ["slug", "merged_into", "created", "modified"]
    fields = [
        "name",
        "sort_name",
        "slug",
        "description",
        ("birth", "birth_place"),
        ("death", "death_place"),
        "merged_into",
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

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("merged_into")
            .annotate(
                alias_count=Count("aliases", distinct=True), mentions_total=Count("mentions", distinct=True)
            )
        )

    @admin.display(description="name forms", ordering="alias_count")
    def name_forms(self, obj):
        return obj.alias_count

    @admin.display(description="mentions", ordering="mentions_total")
    def mention_count(self, obj):
        return obj.mentions_total


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    extra = 1
    fields = ["name", "type", "language"]


class OrganisationMembershipInline(MembershipInline):
    fields = ["person", "role", "start", "end", "certainty", "rank"]
    autocomplete_fields = ["person"]


@admin.register(Organisation)
class OrganisationAdmin(MergeableAdmin):
    list_display = ["id", "name", "kind", "start", "end", "merged_into"]
    list_display_links = ["id", "name"]
    list_filter = ["kind", MergedFilter]
    search_fields = ["name", "names__name", "=id"]
    normalized_name_lookup = "names__normalized"
    autocomplete_fields = ["place"]
    readonly_fields = ["slug", "merged_into", "created", "modified"]
    inlines = [OrganisationNameInline, OrganisationMembershipInline, ExternalIdentifierInline]


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ["name", "type", "language"]


@admin.register(Place)
class PlaceAdmin(NameSearchMixin, StaleEditGuard, SimpleHistoryAdmin):
    list_display = ["name", "kind", "within", "latitude", "longitude"]
    list_filter = ["kind"]
    search_fields = ["name", "names__name"]
    normalized_name_lookup = "names__normalized"
    autocomplete_fields = ["within"]
    readonly_fields = ["slug"]
    inlines = [PlaceNameInline, ExternalIdentifierInline]


@admin.register(RelationshipType)
class RelationshipTypeAdmin(admin.ModelAdmin):
    list_display = ["slug", "label", "inverse", "kind"]
    list_filter = ["kind"]
    search_fields = ["slug", "label"]
    autocomplete_fields = ["inverse"]


class CitedFactAdmin(StaleEditGuard, SimpleHistoryAdmin):
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


@admin.register(Event)
class EventAdmin(CitedFactAdmin):
    list_display = ["key", "type", "date", "place", "rank"]
    list_filter = ["type", "rank"]
    list_select_related = ["place"]
    search_fields = ["key", "description", "participants__person__name"]
    autocomplete_fields = ["place", "citations"]
    readonly_fields = ["date_lower", "date_upper"]
    inlines = [EventParticipantInline]


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
class SourceAdmin(StaleEditGuard, SimpleHistoryAdmin):
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


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    """Where curators confirm or reject what the pipeline found."""

    list_display = ["surface", "target_display", "status", "source", "start", "rule"]
    list_filter = ["status", "source", "rule"]
    list_select_related = ["source", "person", "organisation", "place", "work"]
    search_fields = ["surface", "snippet", "person__name"]
    autocomplete_fields = ["person", "organisation", "place", "work", "candidates"]
    readonly_fields = ["source", "start", "end", "surface", "snippet", "paragraph", "rule"]
    actions = ["confirm", "reject"]

    def get_readonly_fields(self, request, obj=None):
        # A curator adding a mention gives its span; a recorded span is not edited.
        return self.readonly_fields if obj else []

    @admin.display(description="refers to")
    def target_display(self, obj):
        return obj.target or "—"

    def _set_status(self, request, queryset, status):
        changed = 0
        for mention in queryset:
            mention.status = status
            try:
                mention.full_clean()
            except ValidationError as exc:
                self.message_user(request, f"{mention}: {'; '.join(exc.messages)}", messages.ERROR)
                continue
            mention._change_reason = f"{status} by curator"
            mention.save()
            changed += 1
        self.message_user(request, f"{changed} mention(s) marked {status}.")

    @admin.action(description="Confirm selected mentions", permissions=["change"])
    def confirm(self, request, queryset):
        self._set_status(request, queryset, MentionStatus.CONFIRMED)

    @admin.action(description="Reject selected mentions", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, MentionStatus.REJECTED)


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "locator", "start", "quote"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["quote", "locator"]
    raw_id_fields = ["mention"]


@admin.register(ExternalIdentifier)
class ExternalIdentifierAdmin(SimpleHistoryAdmin):
    list_display = ["scheme", "value", "content_type", "object_id"]
    list_filter = ["scheme", "content_type"]
    search_fields = ["value"]


@admin.register(DistinctRecords)
class DistinctRecordsAdmin(admin.ModelAdmin):
    list_display = ["content_type", "first_id", "second_id", "reason", "created"]
    list_filter = ["content_type"]


@admin.register(MergeLog)
class MergeLogAdmin(admin.ModelAdmin):
    list_display = ["content_type", "merged_id", "survivor_id", "user", "created", "undone"]
    list_filter = ["content_type", "undone"]
    readonly_fields = [f.name for f in MergeLog._meta.fields]
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Undo selected merges", permissions=["change"])
    def undo(self, request, queryset):
        done = 0
        for log in queryset.filter(undone__isnull=True).order_by("-created"):
            services.undo_merge(log, user=request.user)
            done += 1
        self.message_user(request, f"Undid {done} merge(s).")
