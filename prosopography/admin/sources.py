"""Sources and what was found in them: mentions to review (confirm as a candidate,
reject, in bulk), citations and external identifiers."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html

from ..models import (
    Citation,
    ExternalIdentifier,
    Mention,
    MentionStatus,
    Person,
    Source,
)
from .base import HistoryAdmin


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
