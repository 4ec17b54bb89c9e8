"""The prosopography's API resources (persons, names, organisations, places, events,
relationships, memberships, sources, mentions).

Views stay thin: which rows (querysets prepared with select/prefetch_related so
that each page costs a fixed number of queries), which serializer, which filters.
The shared behaviour of every resource lives in `RecordViewSet`.
"""

import hashlib
import json

from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.http import http_date, quote_etag
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from bibliography.api.serializers import PersonWorkSerializer

from ..models import (
    Alias,
    Citation,
    Claim,
    Event,
    EventParticipant,
    Membership,
    Mention,
    MentionStatus,
    Organisation,
    Person,
    Place,
    Relationship,
    Source,
)
from . import filters, serializers
from .renderers import (
    CSVRenderer,
    JSONLDRenderer,
    MentionJSONLDRenderer,
    PersonTEIRenderer,
    WebAnnotationRenderer,
    organisation_to_jsonld,
    person_to_jsonld,
)

LIST_RENDERERS = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
LINKED_DATA_RENDERERS = [JSONRenderer, BrowsableAPIRenderer, JSONLDRenderer, CSVRenderer]
PERSON_RENDERERS = LINKED_DATA_RENDERERS + [PersonTEIRenderer]
MENTION_RENDERERS = LIST_RENDERERS + [WebAnnotationRenderer, MentionJSONLDRenderer]

CITED = Prefetch("citations", queryset=Citation.objects.select_related("source"))


def survivor_of(record):
    """The record a merged duplicate now lives in (following chains of merges)."""
    seen = {record.pk}
    while getattr(record, "merged_into_id", None):
        record = type(record).objects.get(pk=record.merged_into_id)
        if record.pk in seen:  # a cycle would be a data error; stop rather than loop
            break
        seen.add(record.pk)
    return record


class MovedToSurvivor(Exception):
    """Raised by get_object when a merged duplicate is read: answered with a 301."""

    def __init__(self, survivor):
        super().__init__(survivor.pk)
        self.survivor = survivor


class RecordViewSet(viewsets.GenericViewSet):
    """What every resource shares.

    - Detail GETs carry an ETag and, for records that keep a `modified` time, a
      Last-Modified header; `If-None-Match` answers 304.
    - PUT and PATCH honour `If-Match`: a stale ETag answers 412 and changes nothing,
      so two curators cannot overwrite each other's edits unawares.
    - A merged duplicate's detail URL answers 301 to the survivor's.
    - Writes run in one transaction (the history middleware records the user).
    """

    renderer_classes = LIST_RENDERERS
    lookup_value_regex = "[0-9]+"

    def etag_for(self, record):
        if getattr(record, "modified", None):
            token = f"{record._meta.label_lower}:{record.pk}:{record.modified.timestamp()}"
        else:  # no change time: the representation itself stands for the version
            token = json.dumps(self.get_serializer(record).data, sort_keys=True, default=str)
        return quote_etag(hashlib.sha256(token.encode()).hexdigest()[:32])

    def _version_headers(self, record):
        headers = {"ETag": self.etag_for(record)}
        if getattr(record, "modified", None):
            headers["Last-Modified"] = http_date(record.modified.timestamp())
        return headers

    def get_object(self):
        """The record. Reading a merged duplicate (/persons/7/, /persons/7/events/)
        redirects to the same view of the survivor; writes still reach the record."""
        record = super().get_object()
        if self.request.method in SAFE_METHODS and getattr(record, "merged_into_id", None):
            raise MovedToSurvivor(survivor_of(record))
        return record

    def handle_exception(self, exc):
        if isinstance(exc, MovedToSurvivor):
            match = self.request.resolver_match
            url = reverse(match.view_name, kwargs={**match.kwargs, "pk": exc.survivor.pk})
            query = self.request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        response = super().handle_exception(exc)
        # Errors are explained in JSON whatever format was asked for, as the schema
        # says: CSV, BibTeX, RIS or TEI have no place for the message.
        self._answer_in_json()
        return response

    def get_renderers(self):
        # A write (that this route takes) answers the record as written, in JSON: the
        # other formats (CSV, citations, TEI ...) are for reading, and a BibTeX renderer
        # has no entry to write for a work just saved.
        method = getattr(getattr(self, "request", None), "method", "").lower()
        if (
            getattr(self, "action", None) in ("create", "update", "partial_update")
            and method in self.http_method_names
        ):
            return [JSONRenderer(), BrowsableAPIRenderer()]
        return super().get_renderers()

    def options(self, request, *args, **kwargs):
        # The description of the endpoint is no record: the record formats cannot write it.
        response = super().options(request, *args, **kwargs)
        self._answer_in_json()
        return response

    def _answer_in_json(self):
        if not isinstance(
            getattr(self.request, "accepted_renderer", None), (JSONRenderer, BrowsableAPIRenderer)
        ):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        headers = self._version_headers(record)
        if headers["ETag"] in _etags(request.headers.get("If-None-Match")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(self.get_serializer(record).data, headers=headers)

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = serializer.save()
        return Response(
            serializer.data, status=status.HTTP_201_CREATED, headers=self._version_headers(record)
        )

    @transaction.atomic
    def update(self, request, *args, partial=False, **kwargs):
        record = self.get_object()
        expected = request.headers.get("If-Match")
        if expected and expected.strip() != "*" and self.etag_for(record) not in _etags(expected):
            return Response(
                {
                    "detail": "The record has changed since you read it (its ETag differs "
                    "from If-Match). Fetch it again and reapply your change."
                },
                status=status.HTTP_412_PRECONDITION_FAILED,
            )
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        record = serializer.save()
        return Response(serializer.data, headers=self._version_headers(record))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def nested(self, queryset, serializer_class):
        """A paginated list of records hanging off this one (/persons/7/events/)."""
        page = self.paginate_queryset(queryset)
        data = serializer_class(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)


def _etags(header):
    """The entity tags listed in an If-Match / If-None-Match header (weak ones compared as strong)."""
    return {tag.strip().removeprefix("W/") for tag in (header or "").split(",") if tag.strip()}


class ReadOnlyRecordViewSet(mixins.ListModelMixin, RecordViewSet):
    """List and detail only (GET); writes answer 405."""

    http_method_names = ["get", "head", "options"]


class WritableRecordViewSet(mixins.ListModelMixin, RecordViewSet):
    """List, detail, create (POST) and change (PUT/PATCH); never delete: records are
    merged or withdrawn, so that their ids keep resolving."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]


# ---------------------------------------------------------------- persons

# The models' default orderings start with the person ("subject", "person"), which
# costs a join to the person table and its sort name; among one person's records it
# is constant, so these prefetches order by the rest only (same order, cheaper).
ALIASES = Prefetch("aliases", queryset=Alias.objects.order_by("name", "id"))


def person_detail_queryset():
    return Person.objects.select_related("birth_place", "death_place").prefetch_related(
        ALIASES,
        Prefetch("claims", queryset=Claim.objects.select_related("place").prefetch_related(CITED)),
        Prefetch(
            "relationships_out",
            queryset=Relationship.objects.select_related("type__inverse", "object")
            .prefetch_related(CITED)
            .order_by("type__kind", "type__slug", "id"),
        ),
        Prefetch(
            "relationships_in",
            queryset=Relationship.objects.select_related("type__inverse", "subject")
            .prefetch_related(CITED)
            .order_by("subject__sort_name", "subject_id", "type__kind", "type__slug", "id"),
        ),
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation")
            .prefetch_related(CITED)
            .order_by("start_lower", "id"),
        ),
        Prefetch(
            "event_roles",
            queryset=EventParticipant.objects.select_related("event__place").prefetch_related(
                Prefetch("event__citations", queryset=Citation.objects.select_related("source"))
            ),
        ),
    )


def relationship_queryset():
    return Relationship.objects.select_related("subject", "object", "type").prefetch_related(CITED)


def membership_queryset():
    return Membership.objects.select_related("person", "organisation").prefetch_related(CITED)


def event_queryset():
    return Event.objects.select_related("place").prefetch_related(
        Prefetch("participants", queryset=EventParticipant.objects.select_related("person", "organisation")),
        CITED,
    )


class PersonViewSet(WritableRecordViewSet):
    """Persons. `?name=` matches any name form, accents and case ignored; also as a
    TEI personography (`?format=tei`)."""

    renderer_classes = PERSON_RENDERERS
    jsonld_mapping = staticmethod(person_to_jsonld)
    filterset_class = filters.PersonFilter
    ordering_fields = ["sort_name", "name", "birth_lower", "death_lower", "id", "modified"]

    def get_queryset(self):
        if self.action == "list":
            # Places prefetched rather than joined: joined, PostgreSQL would join them
            # for every row an OFFSET skips (thousands on later pages) before the LIMIT.
            return Person.objects.filter(merged_into__isnull=True).prefetch_related(
                "birth_place", "death_place", ALIASES
            )
        if self.action == "retrieve":
            return person_detail_queryset()
        return Person.objects.all()

    def get_serializer_class(self):
        return {"list": serializers.PersonListSerializer, "retrieve": serializers.PersonDetailSerializer}.get(
            self.action, serializers.PersonWriteSerializer
        )

    @extend_schema(responses=serializers.RelationshipSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def relationships(self, request, pk=None):
        person = self.get_object()
        return self.nested(
            relationship_queryset().filter(Q(subject=person) | Q(object=person)),
            serializers.RelationshipSerializer,
        )

    @extend_schema(responses=serializers.MembershipSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def memberships(self, request, pk=None):
        person = self.get_object()
        return self.nested(membership_queryset().filter(person=person), serializers.MembershipSerializer)

    @extend_schema(responses=serializers.EventSerializer(many=True), filters=False)
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def events(self, request, pk=None):
        person = self.get_object()
        return self.nested(
            event_queryset().filter(participants__person=person).distinct(), serializers.EventSerializer
        )

    @extend_schema(
        responses=serializers.PersonMentionSerializer(many=True),
        filters=False,
        parameters=[
            OpenApiParameter("status", str, description="machine, unresolved, confirmed or rejected")
        ],
    )
    @action(detail=True, renderer_classes=MENTION_RENDERERS)
    def mentions(self, request, pk=None):
        person = self.get_object()
        mentions = Mention.objects.filter(person=person).select_related("source")
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in MentionStatus.values:
                raise ValidationError(
                    {
                        "status": [
                            f"Unknown status “{wanted}”; choose one of {', '.join(MentionStatus.values)}."
                        ]
                    }
                )
            mentions = mentions.filter(status=wanted)
        return self.nested(mentions, serializers.PersonMentionSerializer)

    @extend_schema(
        responses=PersonWorkSerializer(many=True),
        filters=False,
        parameters=[
            OpenApiParameter("role", str, description="author, translator, editor ... (default: any role)")
        ],
    )
    @action(detail=True, renderer_classes=LIST_RENDERERS)
    def works(self, request, pk=None):
        """The works a person contributed to, e.g. ?role=translator."""
        from bibliography.api.views import person_works  # the bibliography owns works

        return person_works(self, self.get_object(), request.query_params.get("role"))


class AliasViewSet(WritableRecordViewSet):
    """Name forms of persons (pseudonyms, birth names, transliterations ...)."""

    queryset = Alias.objects.select_related("person")
    serializer_class = serializers.AliasSerializer
    filterset_fields = ["person", "type", "language"]
    ordering_fields = ["name", "person", "type"]


# ---------------------------------------------------------------- ties between persons


class RelationshipViewSet(WritableRecordViewSet):
    serializer_class = serializers.RelationshipSerializer
    filterset_class = filters.RelationshipFilter
    ordering_fields = ["start_lower", "end_lower", "id", "modified"]

    def get_queryset(self):
        return relationship_queryset()


class MembershipViewSet(WritableRecordViewSet):
    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    ordering_fields = ["start_lower", "end_lower", "role", "id", "modified"]

    def get_queryset(self):
        return membership_queryset()


# ---------------------------------------------------------------- read-only resources


class OrganisationViewSet(ReadOnlyRecordViewSet):
    renderer_classes = LINKED_DATA_RENDERERS
    jsonld_mapping = staticmethod(organisation_to_jsonld)
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    ordering_fields = ["name", "start_lower", "id"]

    def get_queryset(self):
        records = Organisation.objects.select_related("place").prefetch_related("names")
        return records.filter(merged_into__isnull=True) if self.action == "list" else records


class PlaceViewSet(ReadOnlyRecordViewSet):
    queryset = Place.objects.select_related("within").prefetch_related("names")
    serializer_class = serializers.PlaceSerializer
    filterset_fields = ["kind", "within"]
    ordering_fields = ["name", "id"]


class EventViewSet(ReadOnlyRecordViewSet):
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    ordering_fields = ["date_lower", "key", "id"]

    def get_queryset(self):
        return event_queryset()


class SourceViewSet(ReadOnlyRecordViewSet):
    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    ordering_fields = ["file_name", "title"]


class MentionViewSet(ReadOnlyRecordViewSet):
    """Spans of the sources that name a record; also as W3C Web Annotations
    (`?format=annotation`, or Accept: application/ld+json)."""

    renderer_classes = MENTION_RENDERERS
    queryset = Mention.objects.select_related("source")
    serializer_class = serializers.MentionSerializer
    filterset_class = filters.MentionFilter
    ordering_fields = ["source", "start", "paragraph", "id"]
