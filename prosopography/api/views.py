"""The prosopography's API resources (persons, names, organisations, places, events,
relationships, memberships, sources, mentions).

Views stay thin: which rows (querysets prepared with select/prefetch_related so
that each page costs a fixed number of queries), which serializer, which filters.
The shared behaviour of every resource lives in `RecordViewSet`.
"""

from django.db.models import Prefetch, Q
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from common import releases
from common.api.viewsets import (
    LINKED_DATA_RENDERERS,
    LIST_RENDERERS,
    ReadOnlyRecordViewSet,
    WritableRecordViewSet,
)

from ..linked_data import organisation_node, person_node
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
from .renderers import MentionJSONLDRenderer, PersonTEIRenderer, WebAnnotationRenderer

PERSON_RENDERERS = LINKED_DATA_RENDERERS + [PersonTEIRenderer]
MENTION_RENDERERS = LIST_RENDERERS + [WebAnnotationRenderer, MentionJSONLDRenderer]

CITED = Prefetch("citations", queryset=Citation.objects.select_related("source"))


# ---------------------------------------------------------------- persons

# The models' default orderings start with the person ("subject", "person"), which
# costs a join to the person table and its sort name; among one person's records it
# is constant, so these prefetches order by the rest only (same order, cheaper).
ALIASES = Prefetch("aliases", queryset=Alias.objects.order_by("name", "id"))
# A mention's source and the record it names, joined: their names are in every row.
MENTION_JOINS = ("source", "person", "organisation", "place", "work")
MEMBERSHIPS = Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))


def person_detail_queryset():
    """The person with its names and readings. Its ties, memberships and events are
    read bounded by the serializer (prosopography.selectors): the first few of each
    and their totals, whatever their number."""
    return Person.objects.select_related("birth_place", "death_place").prefetch_related(
        ALIASES,
        Prefetch(
            "claims", queryset=Claim.objects.select_related("place", "value_person").prefetch_related(CITED)
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
    filterset_class = filters.PersonFilter
    cursor_ordering = ("sort_name", "id")  # keyset pages (?cursor=): common.api.pagination.KeysetPagination
    ordering_fields = ["sort_name", "name", "birth_lower", "death_lower", "id", "modified"]

    def release_extras(self, person, when):
        names = releases.related_as_of(Alias, when, person_id=person.pk)
        names = sorted(names, key=lambda a: (a.name, a.pk))
        return {"names": [{"name": a.name, "type": a.type} for a in names]}

    def get_queryset(self):
        if self.action == "list":
            # Places prefetched rather than joined: joined, PostgreSQL would join them
            # for every row an OFFSET skips (thousands on later pages) before the LIMIT.
            persons = Person.objects.current().prefetch_related("birth_place", "death_place", ALIASES)
            if self.wants_linked_data():
                persons = persons.prefetch_related("identifiers", MEMBERSHIPS)
            return persons
        if self.action == "retrieve":
            persons = person_detail_queryset()
            if self.wants_linked_data():
                persons = persons.prefetch_related("identifiers", MEMBERSHIPS)
            return persons
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
        mentions = Mention.objects.filter(person=person).select_related(*MENTION_JOINS)
        wanted = request.query_params.get("status")
        if not wanted:  # what a reader sees and counts: rejected and unresolved ones only on request
            mentions = mentions.shown()
        else:
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

    def linked_data(self, person):
        request = self.request
        return person_node(
            person,
            page_url=request.build_absolute_uri(person.get_absolute_url()),
            api_url=request.build_absolute_uri(reverse("person-detail", args=[person.pk])),
            names=person.aliases.all(),
            identifiers=person.identifiers.all(),
            organisations=[
                (m.organisation, request.build_absolute_uri(m.organisation.get_absolute_url()))
                for m in person.memberships.all()
            ],
        )


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
    cursor_ordering = ("id",)  # keyset pages (?cursor=): common.api.pagination.KeysetPagination
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
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    ordering_fields = ["name", "start_lower", "id"]

    def get_queryset(self):
        records = Organisation.objects.select_related("place").prefetch_related("names", "identifiers")
        return records.current() if self.action == "list" else records

    def linked_data(self, organisation):
        request = self.request
        return organisation_node(
            organisation,
            page_url=request.build_absolute_uri(organisation.get_absolute_url()),
            api_url=request.build_absolute_uri(reverse("organisation-detail", args=[organisation.pk])),
            names=organisation.names.all(),
            identifiers=organisation.identifiers.all(),
        )


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
    queryset = Mention.objects.select_related(*MENTION_JOINS)
    serializer_class = serializers.MentionSerializer
    filterset_class = filters.MentionFilter
    cursor_ordering = ("id",)  # keyset pages (?cursor=): common.api.pagination.KeysetPagination
    ordering_fields = ["source", "start", "paragraph", "id"]

    def get_queryset(self):
        """The mentions a reader sees (`Mention.objects.shown()`), as on the pages, so
        that the counts of the list, its exports (CSV, annotations) and the pages agree;
        the review queue's unresolved and rejected ones are there on request (`?status=`)."""
        queryset = super().get_queryset()
        if self.action == "list" and not self.request.query_params.get("status"):
            queryset = queryset.shown()
        return queryset


class StatementViewSet(ReadOnlyRecordViewSet):
    """Readings of facts (dates and places of birth, death and events), one per
    source, each with its rank and passage: "what do the sources say about X, and
    where do they disagree?" (`?person=1&contested=true`)."""

    serializer_class = serializers.StatementSerializer
    filterset_class = filters.StatementFilter
    ordering_fields = ["attribute", "date_lower", "id"]

    def get_queryset(self):
        return Claim.objects.select_related(
            "person", "event", "place", "value_person", "subject_type"
        ).prefetch_related(CITED, "subject_record")
