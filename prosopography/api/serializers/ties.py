"""What links records: relationships between persons, memberships of organisations, and
events with their participants; each with the passages that support it.
"""

from rest_framework import serializers

from common.api.exports import pick
from common.api.serializers import EDTFField, RefField, ValidatedModelSerializer, ref

from ...models import Event, Membership, Relationship, RelationshipType
from .evidence import EVIDENCE_COLUMNS, CitationSerializer


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
