"""Facts that rest on passages: ties, memberships, events (with their citations
inline) and readings (claims), each refused without evidence where readers see it."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from .. import curation, facts
from ..models import (
    Claim,
    Event,
    EventParticipant,
    Membership,
    Relationship,
    RelationshipType,
)
from .base import HistoryAdmin
from .persons import (
    CitedFactForm,
    ClaimForm,
)


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
