"""How the prosopography's records look in the API, and how curators' writes are checked.

Reads: every serializer expects its queryset to have been prepared by the view
(`select_related`/`prefetch_related`), so that a page costs the same few queries
whatever its length. Writes: `ValidatedModelSerializer` runs the model's own
`full_clean()`, so the API refuses exactly what the admin refuses.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common import dates
from common.api.exports import at, pick
from common.api.serializers import (
    EDTFField,
    RecordUrlField,
    RefField,
    ValidatedModelSerializer,
    record_url,
    ref,
)

from .. import facts, selectors
from ..models import (
    Alias,
    Citation,
    Claim,
    Event,
    ExternalIdentifier,
    Membership,
    Mention,
    Organisation,
    Person,
    Place,
    Relationship,
    RelationshipType,
    Source,
)


def name_form(name):
    """A name form as the API shows it; `printed` is false for a curator's
    normalisation that no document prints, null where nobody checked."""
    return {"name": name.name, "type": name.type, "language": name.language, "printed": name.printed}


class CitationSerializer(serializers.ModelSerializer):
    """A passage cited as evidence: which source file, where, and the words quoted."""

    source_file = serializers.CharField(source="source.file_name", read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "source", "source_file", "source_title", "start", "end", "quote", "locator"]


# A list of citations in CSV (common/api/exports.py `csv_split`): the source of each
# passage by id and by title, aligned with the citation ids.
EVIDENCE_COLUMNS = [("evidence_source_ids", pick("source")), ("evidence_sources", pick("source_title"))]


def citation_list(citations):
    """What `CitationSerializer(citations, many=True).data` gives, without building a
    serializer for every fact, tie, membership and event of a person (hundreds on a
    well-connected person's record: it was most of the cost of the page)."""
    return [
        {
            "id": c.pk,
            "source": c.source_id,
            "source_file": c.source.file_name,
            "source_title": c.source.title,
            "start": c.start,
            "end": c.end,
            "quote": c.quote,
            "locator": c.locator,
        }
        for c in citations
    ]


# ---------------------------------------------------------------- places, sources, organisations


def page_of(record, request):
    """The absolute URL of a record's reader page (None where pages are not routed)."""
    url = record.get_absolute_url()
    return request.build_absolute_uri(url) if url and request else url


class PlaceSerializer(serializers.HyperlinkedModelSerializer):
    within = RefField("place-detail")
    names = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "url",
            "page",
            "name",
            "slug",
            "kind",
            "within",
            "latitude",
            "longitude",
            "description",
            "names",
        ]

    def get_names(self, place) -> list[dict]:
        return [name_form(n) for n in place.names.all()]

    def get_page(self, place) -> str | None:
        return page_of(place, self.context.get("request"))


class SourceSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "url", "file_name", "title", "description", "checksum", "length"]


class OrganisationSerializer(serializers.HyperlinkedModelSerializer):
    start = EDTFField("start", read_only=True)
    end = EDTFField("end", read_only=True)
    place = RefField("place-detail")
    names = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "name",
            "slug",
            "kind",
            "description",
            "start",
            "end",
            "place",
            "names",
            "modified",
        ]

    def get_names(self, organisation) -> list[dict]:
        return [name_form(n) for n in organisation.names.all()]


# ---------------------------------------------------------------- names, relationships, memberships


class AliasSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="alias-detail")
    person_name = serializers.CharField(source="person.name", read_only=True)
    period = EDTFField("period")

    class Meta:
        model = Alias
        fields = [
            "id",
            "url",
            "person",
            "person_name",
            "name",
            "normalized",
            "type",
            "language",
            "printed",
            "period",
            "note",
        ]
        read_only_fields = ["normalized"]
        validators = []  # the unique constraint is checked by full_clean, with a readable message


class RelationshipSerializer(ValidatedModelSerializer):
    """A relationship read “subject <type> object”, with the passages that support it."""

    url = serializers.HyperlinkedIdentityField(view_name="relationship-detail")
    type = serializers.SlugRelatedField(slug_field="slug", queryset=RelationshipType.objects.all())
    label = serializers.CharField(source="type.label", read_only=True)
    kind = serializers.CharField(source="type.kind", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True)
    object_name = serializers.CharField(source="object.name", read_only=True)
    start = EDTFField("start")
    end = EDTFField("end")
    evidence = CitationSerializer(source="citations", many=True, read_only=True)
    csv_split = {"evidence": EVIDENCE_COLUMNS}  # `citations` has their ids

    class Meta:
        model = Relationship
        fields = [
            "id",
            "url",
            "subject",
            "subject_name",
            "type",
            "label",
            "kind",
            "object",
            "object_name",
            "start",
            "end",
            "certainty",
            "rank",
            "note",
            "citations",
            "evidence",
            "modified",
        ]
        extra_kwargs = {"citations": {"required": False}}


class MembershipSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="membership-detail")
    person_name = serializers.CharField(source="person.name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    start = EDTFField("start")
    end = EDTFField("end")
    evidence = CitationSerializer(source="citations", many=True, read_only=True)
    csv_split = {"evidence": EVIDENCE_COLUMNS}  # `citations` has their ids

    class Meta:
        model = Membership
        fields = [
            "id",
            "url",
            "person",
            "person_name",
            "organisation",
            "organisation_name",
            "role",
            "start",
            "end",
            "certainty",
            "rank",
            "note",
            "citations",
            "evidence",
            "modified",
        ]
        extra_kwargs = {"citations": {"required": False}}


# ---------------------------------------------------------------- events, mentions


class EventSerializer(serializers.HyperlinkedModelSerializer):
    date = EDTFField("date", read_only=True)
    place = RefField("place-detail")
    participants = serializers.SerializerMethodField()
    evidence = CitationSerializer(source="citations", many=True, read_only=True)
    csv_split = {
        "participants": [
            ("persons", pick("person", "name", where=lambda p: p["person"])),
            ("person_ids", pick("person", "id", where=lambda p: p["person"])),
            ("person_roles", pick("role", where=lambda p: p["person"])),
            ("organisations", pick("organisation", "name", where=lambda p: p["organisation"])),
            ("organisation_ids", pick("organisation", "id", where=lambda p: p["organisation"])),
            ("organisation_roles", pick("role", where=lambda p: p["organisation"])),
        ],
        "evidence": [("citations", pick("id")), *EVIDENCE_COLUMNS],
    }

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "key",
            "type",
            "date",
            "place",
            "description",
            "rank",
            "participants",
            "evidence",
        ]

    def get_participants(self, event) -> list[dict]:
        request = self.context.get("request")
        return [
            {
                "person": ref(p.person, "person-detail", request),
                "organisation": ref(p.organisation, "organisation-detail", request),
                "role": p.role,
            }
            for p in event.participants.all()
        ]


class MentionSerializer(serializers.HyperlinkedModelSerializer):
    """A span of a source that names a record; the record by id and by name (the
    view joins them: prosopography.api.views.MENTION_JOINS)."""

    source = serializers.PrimaryKeyRelatedField(read_only=True)
    source_file = serializers.CharField(source="source.file_name", read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)
    # null until the mention is resolved, and for all but the kind of record it names
    person = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    person_name = serializers.CharField(source="person.name", read_only=True, allow_null=True)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, allow_null=True)
    place = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    place_name = serializers.CharField(source="place.name", read_only=True, allow_null=True)
    work = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    work_title = serializers.CharField(source="work.title", read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "url",
            "source",
            "source_file",
            "source_title",
            "start",
            "end",
            "paragraph",
            "surface",
            "snippet",
            "status",
            "person",
            "person_name",
            "organisation",
            "organisation_name",
            "place",
            "place_name",
            "work",
            "work_title",
            "rule",
        ]


# ---------------------------------------------------------------- persons


class PersonListSerializer(serializers.HyperlinkedModelSerializer):
    url = RecordUrlField(view_name="person-detail")
    birth = EDTFField("birth", read_only=True)
    death = EDTFField("death", read_only=True)
    birth_place = RefField("place-detail")
    death_place = RefField("place-detail")
    names = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "page",
            "name",
            "sort_name",
            "slug",
            "birth",
            "death",
            "birth_place",
            "death_place",
            "names",
            "modified",
        ]

    def get_names(self, person) -> list[dict]:
        return [name_form(a) for a in person.aliases.all()]

    def get_page(self, person) -> str | None:
        return page_of(person, self.context.get("request"))


def statement_value(claim, request):
    """One reading: its value, rank (with the reason) and evidence."""
    return {
        "id": claim.pk,
        "date": claim.date or None,
        "place": ref(claim.place, "place-detail", request),
        "person": ref(claim.value_person, "person-detail", request),
        "text": claim.value_text or None,
        "certainty": claim.certainty,
        "rank": claim.rank,
        "rank_reason": claim.rank_reason,
        "uncertain": dates.is_uncertain(claim.date),
        "citations": citation_list(claim.citations.all()),
    }


class PersonDetailSerializer(PersonListSerializer):
    """Everything known about a person, with the evidence for each statement."""

    facts = serializers.SerializerMethodField()
    relationships = serializers.SerializerMethodField()
    memberships = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    identifiers = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()

    class Meta(PersonListSerializer.Meta):
        fields = PersonListSerializer.Meta.fields + [
            "description",
            "facts",
            "relationships",
            "memberships",
            "events",
            "identifiers",
            "summary",
            "created",
        ]

    def get_facts(self, person) -> dict:
        """Claims grouped by what they are about (birth_date, death_place ...). A fact
        is contested when two readings that are not deprecated cannot both be true
        (prosopography.facts: 1933 and 1933-03 agree; so do Belgium and Brussels)."""
        request = self.context.get("request")
        claims = list(person.claims.all())
        places = [c.attribute for c in claims if c.place_id]
        # The place hierarchy (one query) only where two places may need comparing.
        within = facts.place_hierarchy() if len(places) > len(set(places)) else {}
        result = {}
        for fact in facts.claim_facts(claims, within):
            attribute = fact.readings[0].attribute
            result[attribute] = {
                "contested": fact.contested,
                "shown": fact.readings.index(fact.shown) if fact.shown else None,
                "readings": [statement_value(claim, request) for claim in fact.readings],
            }
        return result

    def _bounded(self, person):
        """The first ties, memberships and events (prosopography.selectors), read once
        per person whichever field asks first."""
        cache = self.context.setdefault("_bounded", {})
        if person.pk not in cache:
            cache[person.pk] = {
                "relationships": selectors.person_ties(person),
                "memberships": selectors.person_memberships(person),
                "events": selectors.person_events(person),
            }
        return cache[person.pk]

    def get_relationships(self, person) -> list[dict]:
        """The first ties (`summary.relationships` says how many there are and where
        the rest are), both directions, each worded from this person's side: a
        relationship “A parent of B” reads “child of A” on B's record."""
        request = self.context.get("request")
        rows = []
        for rel in self._bounded(person)["relationships"].rows:
            if rel.subject_id == person.pk:
                rows.append(self._relationship(rel, rel.type.label, rel.object, "out", request))
            else:
                inverse = rel.type.inverse
                label = inverse.label if inverse else f"{rel.type.label} (inverse)"
                rows.append(self._relationship(rel, label, rel.subject, "in", request))
        return rows

    @staticmethod
    def _relationship(rel, label, other, direction, request):
        inverse = rel.type.inverse
        return {
            "id": rel.pk,
            "url": record_url("relationship-detail", rel.pk, request),
            "type": rel.type.slug,
            "label": label,
            "kind": rel.type.kind,
            "direction": direction,
            "type_label": rel.type.label,
            "inverse_label": inverse.label if inverse else None,
            "person": ref(other, "person-detail", request),
            "start": rel.start or None,
            "end": rel.end or None,
            "certainty": rel.certainty,
            "rank": rel.rank,
            "note": rel.note,
            "citations": citation_list(rel.citations.all()),
        }

    def get_memberships(self, person) -> list[dict]:
        request = self.context.get("request")
        return [
            {
                "id": m.pk,
                "organisation": ref(m.organisation, "organisation-detail", request),
                "role": m.role,
                "start": m.start or None,
                "end": m.end or None,
                "certainty": m.certainty,
                "rank": m.rank,
                "citations": citation_list(m.citations.all()),
            }
            for m in self._bounded(person)["memberships"].rows
        ]

    def get_events(self, person) -> list[dict]:
        request = self.context.get("request")
        return [
            {
                "id": p.event.pk,
                "url": record_url("event-detail", p.event.pk, request),
                "key": p.event.key,
                "type": p.event.type,
                "role": p.role,
                "date": p.event.date or None,
                "uncertain": dates.is_uncertain(p.event.date),
                "place": ref(p.event.place, "place-detail", request),
                "description": p.event.description,
                "citations": citation_list(p.event.citations.all()),
            }
            for p in self._bounded(person)["events"].rows
        ]

    def get_summary(self, person) -> dict:
        """How many ties, memberships and event roles the person has, how many the
        detail shows (at most `prosopography.selectors.DETAIL_LIMIT` of each), and the
        paginated list that has them all."""
        request = self.context.get("request")
        summary = {}
        for name, bounded in self._bounded(person).items():
            summary[name] = {
                "count": bounded.total,
                "shown": len(bounded.rows),
                "truncated": bounded.truncated,
                "url": record_url(f"person-{name}", person.pk, request),
            }
        summary["relationships"]["by_kind"] = self._bounded(person)["relationships"].by_kind
        return summary

    def get_identifiers(self, person) -> list[dict]:
        content_type = ContentType.objects.get_for_model(Person)  # cached after the first call
        return [
            {"scheme": i.scheme, "value": i.value, "url": i.url}
            for i in ExternalIdentifier.objects.filter(content_type=content_type, object_id=person.pk)
        ]


class PersonWriteSerializer(ValidatedModelSerializer):
    """What curators may set on a person; the slug and sort name follow from the name."""

    url = serializers.HyperlinkedIdentityField(view_name="person-detail")
    birth = EDTFField("birth")
    death = EDTFField("death")

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "name",
            "sort_name",
            "description",
            "birth",
            "death",
            "birth_place",
            "death_place",
            "slug",
            "modified",
        ]
        read_only_fields = ["slug", "modified"]


class PersonMentionSerializer(serializers.ModelSerializer):
    """A mention of a person, with the passage around it and where it is."""

    url = serializers.HyperlinkedIdentityField(view_name="mention-detail")
    source_file = serializers.CharField(source="source.file_name", read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True, allow_null=True)
    work_title = serializers.CharField(source="work.title", read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "url",
            "source",
            "source_file",
            "source_title",
            "paragraph",
            "start",
            "end",
            "surface",
            "snippet",
            "status",
            "person",
            "person_name",
            "work",
            "work_title",
        ]


class StatementSerializer(serializers.ModelSerializer):
    """One reading of a fact, with its subject, its property, the value it gives,
    its rank and the passage it rests on; `contested` says whether the sources
    disagree about the fact (prosopography.facts)."""

    url = RecordUrlField(view_name="statement-detail")
    subject = serializers.SerializerMethodField()
    property = serializers.CharField(source="attribute", read_only=True)
    property_label = serializers.CharField(source="get_attribute_display", read_only=True)
    value = serializers.SerializerMethodField()
    contested = serializers.SerializerMethodField()
    csv_split = {
        "subject": [
            ("subject_type", at("type")),
            ("subject_id", at("id")),
            ("subject_name", at("name")),
        ],
        "value": [
            ("value_date", at("date")),
            ("value_place_id", at("place", "id")),
            ("value_place", at("place", "name")),
            ("value_person_id", at("person", "id")),
            ("value_person", at("person", "name")),
            ("value_text", at("text")),
            ("certainty", at("certainty")),
            ("rank", at("rank")),
            ("rank_reason", at("rank_reason")),
            ("uncertain", at("uncertain")),
            ("citations", lambda v: pick("id")(at("citations")(v))),
            *[(column, lambda v, cell=cell: cell(at("citations")(v))) for column, cell in EVIDENCE_COLUMNS],
        ],
    }

    class Meta:
        model = Claim
        fields = ["id", "url", "subject", "property", "property_label", "value", "contested"]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "type": {"type": "string", "description": "person, event, organisation, work ..."},
                "id": {"type": "integer"},
                "url": {"type": "string"},
                "name": {"type": "string"},
            },
        }
    )
    def get_subject(self, claim):
        request = self.context.get("request")
        if claim.person_id:
            return {"type": "person", **ref(claim.person, "person-detail", request)}
        if claim.event_id:
            return {"type": "event", **ref(claim.event, "event-detail", request, label_attr="key")}
        record = claim.subject_record
        model = claim.subject_type.model
        label = "title" if hasattr(record, "title") else "name" if hasattr(record, "name") else "pk"
        try:
            return {"type": model, **ref(record, f"{model}-detail", request, label_attr=label)}
        except NoReverseMatch:  # a kind of record the API does not list
            return {"type": model, "id": claim.subject_id, "url": None, "name": str(record)}

    def get_value(self, claim) -> dict:
        return statement_value(claim, self.context.get("request"))

    def get_contested(self, claim) -> bool:
        # Computed once a request (the context is shared by the rows of a page).
        if "contested_ids" not in self.context:
            self.context["contested_ids"] = {c.pk for fact in facts.contested_facts() for c in fact.readings}
        return claim.pk in self.context["contested_ids"]
