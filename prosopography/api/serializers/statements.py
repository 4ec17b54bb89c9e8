"""Readings of facts (claims): `statement_value`, one reading with its rank and evidence,
and the statements list, each reading with its subject and whether the sources disagree.
"""

from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common import dates
from common.api.exports import at, pick
from common.api.serializers import RecordUrlField, ref

from ... import facts
from ...models import Claim
from .evidence import EVIDENCE_COLUMNS, citation_list


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
