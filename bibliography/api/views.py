"""The bibliography's API resources: works, editions, periodicals, contributions,
and the works of a person.

Shared behaviour (ETags, If-Match, 301 for merged records, atomic writes, no
deletes, JSON-LD through `linked_data`) comes from common.api.viewsets.
"""

from django.db.models import Prefetch, Q
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common import releases
from common.api.viewsets import (
    LINKED_DATA_RENDERERS,
    LIST_RENDERERS,
    ReadOnlyRecordViewSet,
    RecordViewSet,
    WritableRecordViewSet,
)
from prosopography.api.serializers import PersonListSerializer, PersonMentionSerializer
from prosopography.api.views import MENTION_JOINS, MENTION_RENDERERS
from prosopography.models import Person

from .. import selectors
from ..linked_data import work_node
from ..models import Contribution, Edition, Periodical, Work
from ..references import editions_for_export, to_csl_json, works_for_export
from . import filters, serializers
from .renderers import CITATION_RENDERERS


def _credits():
    return Prefetch("contributions", queryset=Contribution.objects.select_related("person"))


def editions_with_credits():
    return Prefetch(
        "editions",
        queryset=Edition.objects.select_related("publisher")
        .prefetch_related(_credits())
        .order_by("date_lower", "id"),
    )


def work_queryset():
    return Work.objects.prefetch_related(_credits(), "about")


def edition_queryset():
    return Edition.objects.select_related(
        "work", "publisher", "place", "periodical", "translation_of"
    ).prefetch_related(_credits())


class PersonWorksViewSet(RecordViewSet):
    """/persons/{id}/works/: the works a person contributed to, e.g. ?role=translator.
    A merged person's URL answers 301 to the survivor's, as every nested list does."""

    queryset = Person.objects.all()
    renderer_classes = LIST_RENDERERS
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        responses=serializers.PersonWorkSerializer(many=True),
        filters=False,
        parameters=[
            OpenApiParameter("role", str, description="author, translator, editor ... (default: any role)")
        ],
    )
    def works(self, request, pk=None):
        person = self.get_object()
        role = request.query_params.get("role")
        if role and role not in Contribution.Role.values:
            raise ValidationError(
                {"role": [f"Unknown role “{role}”; choose one of {', '.join(Contribution.Role.values)}."]}
            )
        condition = Q(contributions__person=person)
        if role:
            condition &= Q(contributions__role=role)
        works = work_queryset().current().filter(condition).distinct()
        context = {**self.get_serializer_context(), "person_id": person.pk}
        return self.nested(works, serializers.PersonWorkSerializer, context)


class CitableMixin:
    """Lists and details that also answer as citations (CSL-JSON, BibTeX, RIS):
    `cite(records)` gives the CSL-JSON items, which the renderer turns into the
    format asked for; a list export is paginated like the JSON (Link header and
    count), or complete with ?all=1."""

    def _wants_citations(self):
        return isinstance(self.request.accepted_renderer, tuple(CITATION_RENDERERS))

    def cite(self, records):
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        if not self._wants_citations():
            return super().list(request, *args, **kwargs)
        records = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(records)
        if page is None:  # ?all=1: the complete export
            return Response(self.cite(records))
        return Response(self.cite(page), headers=self.paginator.headers())

    def retrieve(self, request, *args, **kwargs):
        if not self._wants_citations() or "release" in request.query_params:
            return super().retrieve(request, *args, **kwargs)
        return Response(self.cite([self.get_object()]))  # a merged record redirects


class WorkViewSet(CitableMixin, WritableRecordViewSet):
    """Works as their authors conceived them; editions and translations hang off them."""

    renderer_classes = LINKED_DATA_RENDERERS + CITATION_RENDERERS
    serializer_class = serializers.WorkSerializer
    filterset_class = filters.WorkFilter
    cursor_ordering = ("id",)  # keyset pages (?cursor=): common.api.pagination.KeysetPagination
    ordering_fields = ["title", "first_published_lower", "written_lower", "id", "modified"]

    def release_extras(self, work, when):
        credits = releases.related_as_of(Contribution, when, work_id=work.pk)
        return {
            "contributions": [
                {"person": c.person_id, "role": c.role, "order": c.order}
                for c in sorted(credits, key=lambda c: (c.order, c.pk))
            ]
        }

    def get_queryset(self):
        works = work_queryset()
        if self.wants_linked_data():
            works = works.prefetch_related("identifiers", editions_with_credits())
        return works.current() if self.action == "list" else works

    def linked_data(self, work):
        request = self.request
        return work_node(
            work,
            page_url=request.build_absolute_uri(work.get_absolute_url()),
            api_url=request.build_absolute_uri(reverse("work-detail", args=[work.pk])),
            contributions=work.contributions.all(),
            about=work.about.all(),
            editions=work.editions.all(),
            identifiers=work.identifiers.all(),
            url_of=lambda record: request.build_absolute_uri(record.get_absolute_url()),
        )

    def cite(self, works):
        """CSL-JSON items for `works`, in their order, each followed by its translations."""
        order = [w.pk for w in works]
        loaded = {w.pk: w for w in works_for_export(Work.objects.filter(pk__in=order))}
        return to_csl_json(
            [loaded[pk] for pk in order if pk in loaded], request=self.request, translations=True
        )

    @extend_schema(responses=serializers.EditionSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def editions(self, request, pk=None):
        return self.nested(edition_queryset().filter(work=self.get_object()), serializers.EditionSerializer)

    @extend_schema(responses=serializers.EditionSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def translations(self, request, pk=None):
        """Editions that translate the work: marked as translating another edition,
        or published in another language than the original."""
        work = self.get_object()
        translated = Q(translation_of__isnull=False)
        if work.language:
            translated |= ~Q(language="") & ~Q(language__iexact=work.language)
        return self.nested(edition_queryset().filter(translated, work=work), serializers.EditionSerializer)

    @extend_schema(responses=serializers.ContributionSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def contributions(self, request, pk=None):
        """Contributions to the work itself and to any of its editions."""
        work = self.get_object()
        credits = Contribution.objects.select_related("person", "work", "edition")
        credits = credits.filter(Q(work=work) | Q(edition__work=work))
        return self.nested(credits, serializers.ContributionSerializer)

    @extend_schema(responses=PersonListSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def persons(self, request, pk=None):
        """The persons the work is about."""
        work = self.get_object()
        persons = (
            Person.objects.filter(works_about=work)
            .select_related("birth_place", "death_place")
            .prefetch_related("aliases")
        )
        return self.nested(persons, PersonListSerializer)

    @extend_schema(responses=serializers.MentionedPersonSerializer(many=True), filters=False)
    @action(detail=True, url_path="persons-mentioned", renderer_classes=LIST_RENDERERS)
    def persons_mentioned(self, request, pk=None):
        """The persons the work mentions: those named in the passages of the sources
        that carry its text (its extracts), most-named first, with how often."""
        persons = (
            selectors.persons_mentioned(self.get_object())
            .select_related("birth_place", "death_place")
            .prefetch_related("aliases")
        )
        return self.nested(persons, serializers.MentionedPersonSerializer)

    @extend_schema(responses=PersonMentionSerializer(many=True), filters=False)
    @action(detail=True, url_path="cited-in", renderer_classes=MENTION_RENDERERS)
    def cited_in(self, request, pk=None):
        """Where the sources cite or name the work: its mentions, with the passage."""
        mentions = self.get_object().mentions.exclude(status="rejected").select_related(*MENTION_JOINS)
        return self.nested(mentions, PersonMentionSerializer)


class EditionViewSet(CitableMixin, WritableRecordViewSet):
    """Editions, translations and printings: each citable on its own, with its
    translator, editor, periodical, volume, issue and pages."""

    renderer_classes = LIST_RENDERERS + CITATION_RENDERERS
    serializer_class = serializers.EditionSerializer
    filterset_class = filters.EditionFilter
    ordering_fields = ["date_lower", "title", "id", "modified"]

    def get_queryset(self):
        return edition_queryset()

    def cite(self, editions):
        order = [e.pk for e in editions]
        loaded = {e.pk: e for e in editions_for_export(Edition.objects.filter(pk__in=order))}
        return to_csl_json([loaded[pk] for pk in order if pk in loaded], request=self.request)


class PeriodicalViewSet(ReadOnlyRecordViewSet):
    queryset = Periodical.objects.select_related("place", "publisher")
    serializer_class = serializers.PeriodicalSerializer
    filterset_fields = ["language", "place"]
    ordering_fields = ["title", "id"]


class ContributionViewSet(WritableRecordViewSet):
    queryset = Contribution.objects.select_related("person", "work", "edition")
    serializer_class = serializers.ContributionSerializer
    filterset_fields = ["person", "work", "edition", "role"]
    ordering_fields = ["order", "id"]
