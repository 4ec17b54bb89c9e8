"""Persons and their names: the list and detail views of a person (the detail with its
facts, ties, memberships, events and identifiers), what curators may write, and aliases.
"""

from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers

from common import dates
from common.api.serializers import (
    EDTFField,
    RecordUrlField,
    RefField,
    ValidatedModelSerializer,
    record_url,
    ref,
)

from ... import facts, selectors
from ...models import Alias, ExternalIdentifier, Person
from .evidence import citation_list
from .shared import name_form, page_of
from .statements import statement_value


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
