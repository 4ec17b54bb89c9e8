"""Persons, organisations and places: their change pages with their name forms,
ties, memberships, readings and identifiers."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .. import curation
from ..models import (
    Alias,
    Citation,
    Claim,
    ExternalIdentifier,
    Membership,
    Mention,
    Organisation,
    OrganisationName,
    Person,
    Place,
    PlaceName,
    Rank,
    Relationship,
)
from .base import (
    CappedInline,
    CappedInlineFormSet,
    HistoryAdmin,
    MergeableAdmin,
    MergedFilter,
    NameSearchMixin,
    cited,
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
