"""The curators' admin for works, editions, periodicals and contributions."""

from django.contrib import admin

from prosopography.admin import ExternalIdentifierInline, HistoryAdmin, MergeableAdmin

from .models import Contribution, Edition, Holding, Periodical, Work, WorkRelation


class EditionInline(admin.StackedInline):
    model = Edition
    extra = 0
    fk_name = "work"
    fields = [
        ("title", "language"),
        ("publisher", "place", "date"),
        "series",
        ("periodical", "volume", "issue", "pages"),
        "translation_of",
        "note",
    ]
    autocomplete_fields = ["publisher", "place", "periodical", "translation_of"]


class WorkContributionInline(admin.TabularInline):
    model = Contribution
    fk_name = "work"
    extra = 1
    fields = ["person", "role", "credited_as", "order"]
    autocomplete_fields = ["person"]


class EditionContributionInline(WorkContributionInline):
    fk_name = "edition"


class WorkRelationInline(admin.TabularInline):
    model = WorkRelation
    fk_name = "subject"
    extra = 0
    autocomplete_fields = ["object"]


class HoldingInline(admin.TabularInline):
    model = Holding
    extra = 0
    autocomplete_fields = ["repository"]


@admin.register(Work)
class WorkAdmin(MergeableAdmin):
    list_display = ["id", "title", "type", "status", "language", "first_published", "merged_into"]
    list_display_links = ["id", "title"]
    list_filter = ["type", "status", "language"]
    search_fields = ["title", "editions__title", "contributions__credited_as", "=id"]
    autocomplete_fields = ["about"]
    readonly_fields = ["slug", "merged_into", "created", "modified"]
    inlines = [
        WorkContributionInline,
        EditionInline,
        WorkRelationInline,
        HoldingInline,
        ExternalIdentifierInline,
    ]


@admin.register(Edition)
class EditionAdmin(HistoryAdmin):
    list_display = ["title", "work", "language", "publisher", "periodical", "date"]
    list_filter = ["language", "periodical"]
    list_select_related = ["work", "publisher", "periodical"]
    search_fields = ["title", "work__title", "series"]
    autocomplete_fields = ["work", "publisher", "place", "periodical", "translation_of"]
    inlines = [EditionContributionInline]


@admin.register(Periodical)
class PeriodicalAdmin(HistoryAdmin):
    list_display = ["title", "place", "language"]
    search_fields = ["title"]
    autocomplete_fields = ["place", "publisher"]
    readonly_fields = ["slug"]


@admin.register(Contribution)
class ContributionAdmin(HistoryAdmin):
    list_display = ["person", "role", "credited_as", "work", "edition"]
    list_filter = ["role"]
    list_select_related = ["person", "work", "edition"]
    search_fields = ["person__name", "credited_as", "work__title", "edition__title"]
    autocomplete_fields = ["person", "work", "edition"]


@admin.register(WorkRelation)
class WorkRelationAdmin(HistoryAdmin):
    list_display = ["subject", "type", "object", "order"]
    list_filter = ["type"]
    list_select_related = ["subject", "object"]
    search_fields = ["subject__title", "object__title"]
    autocomplete_fields = ["subject", "object"]


@admin.register(Holding)
class HoldingAdmin(HistoryAdmin):
    list_display = ["work", "repository", "item_count", "shelfmark"]
    list_select_related = ["work", "repository"]
    search_fields = ["work__title", "repository__name", "shelfmark"]
    autocomplete_fields = ["work", "repository"]
