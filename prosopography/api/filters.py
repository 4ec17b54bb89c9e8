"""Query-string filters for the prosopography's API lists (django-filter).

A filter value the database cannot answer (an unknown type, a person id that does
not exist, a malformed date) is refused with 400 and a message saying what was
expected, rather than silently returning everything or nothing.
"""

import datetime
import re

import django_filters as filters
from django import forms
from django.db.models import Q

from common.api.filters import RecordIdFilter
from common.text import normalize

from .. import facts
from ..models import (
    Claim,
    Event,
    EventType,
    Membership,
    Mention,
    MentionStatus,
    Organisation,
    Person,
    Rank,
    Relationship,
    RelationshipType,
    Source,
)

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def iso_bounds(value):
    """The first and last day an ISO year, year-month or date covers.

    "1933" -> (1933-01-01, 1933-12-31); "1933-03" -> (1933-03-01, 1933-03-31).
    Raises ValueError for anything else.
    """
    match = _ISO.match(value.strip())
    if not match:
        raise ValueError(value)
    year, month, day = (int(g) if g else None for g in match.groups())
    if day:
        day_ = datetime.date(year, month, day)
        return day_, day_
    if month:
        first = datetime.date(year, month, 1)
        following = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return first, following - datetime.timedelta(days=1)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class IsoBoundField(forms.CharField):
    """A form field that turns "1933", "1933-03" or "1933-03-04" into its (first, last) days."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return iso_bounds(value)
        except ValueError:
            # The value goes in as a parameter, never into the message itself: django-filter
            # formats the message with %, and a value holding a % would break it (500).
            raise forms.ValidationError(
                "“%(value)s” is not a date: give an ISO year, month or day (1933, 1933-03 or 1933-03-04).",
                code="invalid_date",
                params={"value": value},
            ) from None


class PeriodStartFilter(filters.Filter):
    """Keeps records whose dates reach `start` or later (the records' bounds are
    `<field>_lower` and `<field>_upper`, filled from their EDTF dates)."""

    field_class = IsoBoundField

    def filter(self, qs, value):
        if not value:
            return qs
        first_day = value[0]
        upper, lower = f"{self.field_name}_upper", f"{self.field_name}_lower"
        # An open-ended date ("1936/..") has no upper bound and still reaches the period.
        return qs.filter(
            Q(**{f"{upper}__gte": first_day}) | Q(**{f"{upper}__isnull": True, f"{lower}__isnull": False})
        )


class PeriodEndFilter(filters.Filter):
    """Keeps records whose dates begin no later than `end`."""

    field_class = IsoBoundField

    def filter(self, qs, value):
        if not value:
            return qs
        last_day = value[1]
        upper, lower = f"{self.field_name}_upper", f"{self.field_name}_lower"
        return qs.filter(
            Q(**{f"{lower}__lte": last_day}) | Q(**{f"{lower}__isnull": True, f"{upper}__isnull": False})
        )


def period_filters(field_name, label):
    """The `start` and `end` filters of a list: records whose `field_name` overlaps the period."""
    return (
        PeriodStartFilter(field_name=field_name, label=f"{label} on or after (ISO year, month or day)"),
        PeriodEndFilter(field_name=field_name, label=f"{label} on or before (ISO year, month or day)"),
    )


class PersonFilter(filters.FilterSet):
    name = filters.CharFilter(method="filter_name", label="Any name form (accents and case ignored)")
    organisation = filters.ModelChoiceFilter(
        field_name="memberships__organisation",
        queryset=Organisation.objects.all(),
        distinct=True,
        label="Member of this organisation (id)",
    )
    born_start, born_end = period_filters("birth", "born")

    class Meta:
        model = Person
        fields = ["name", "organisation"]

    def filter_name(self, qs, name, value):
        key = normalize(value)
        if not key:
            return qs
        return qs.filter(Q(aliases__normalized__contains=key) | Q(name__icontains=value.strip())).distinct()


class RelationshipFilter(filters.FilterSet):
    type = filters.ModelChoiceFilter(
        field_name="type",
        to_field_name="slug",
        queryset=RelationshipType.objects.all(),
        label="Type slug, e.g. spouse",
    )
    kind = filters.ChoiceFilter(field_name="type__kind", choices=RelationshipType.Kind.choices)
    person = filters.ModelChoiceFilter(
        field_name="subject",
        queryset=Person.objects.all(),
        method="filter_person",
        label="Either end of the relationship (person id)",
    )
    start, end = period_filters("start", "in force")

    class Meta:
        model = Relationship
        fields = ["type", "kind", "person", "certainty", "rank"]

    def filter_person(self, qs, name, value):
        return qs.filter(Q(subject=value) | Q(object=value)) if value else qs


class MembershipFilter(filters.FilterSet):
    person = filters.ModelChoiceFilter(queryset=Person.objects.all())
    organisation = filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    role = filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "certainty", "rank"]


class EventFilter(filters.FilterSet):
    type = filters.ChoiceFilter(choices=EventType.choices)
    person = filters.ModelChoiceFilter(
        field_name="participants__person",
        queryset=Person.objects.all(),
        distinct=True,
        label="Participant (person id)",
    )
    start, end = period_filters("date", "happening")

    class Meta:
        model = Event
        fields = ["type", "person", "place"]


class MentionFilter(filters.FilterSet):
    source = filters.ModelChoiceFilter(queryset=Source.objects.all())
    status = filters.ChoiceFilter(choices=MentionStatus.choices)
    person = filters.ModelChoiceFilter(queryset=Person.objects.all())

    class Meta:
        model = Mention
        fields = ["source", "status", "person", "organisation", "place", "work"]


class OrganisationFilter(filters.FilterSet):
    name = filters.CharFilter(method="filter_name", label="Any name form (accents and case ignored)")

    class Meta:
        model = Organisation
        fields = ["name", "kind"]

    def filter_name(self, qs, name, value):
        key = normalize(value)
        if not key:
            return qs
        return qs.filter(Q(names__normalized__contains=key) | Q(name__icontains=value.strip())).distinct()


class StatementFilter(filters.FilterSet):
    """/statements/?person=1&property=birth_date&source=3&rank=normal&contested=true;
    readings about other records: ?work=, ?organisation=, ?relationship=, ?membership=."""

    person = RecordIdFilter(field_name="person")
    event = RecordIdFilter(field_name="event")
    work = RecordIdFilter(method="filter_work", help_text="Readings about this work.")
    organisation = RecordIdFilter(method="filter_organisation", help_text="Readings about this organisation.")
    relationship = RecordIdFilter(
        method="filter_relationship", help_text="Readings about this tie (its kind, dates, a role ...)."
    )
    membership = RecordIdFilter(method="filter_membership", help_text="Readings about this membership.")
    property = filters.ChoiceFilter(field_name="attribute", choices=Claim.Attribute.choices)
    source = RecordIdFilter(field_name="citations__source", distinct=True)
    rank = filters.ChoiceFilter(field_name="rank", choices=Rank.choices)
    contested = filters.BooleanFilter(
        method="filter_contested", help_text="Only readings of facts the sources disagree about (or not)."
    )

    class Meta:
        model = Claim
        fields = []

    def filter_work(self, queryset, name, value):
        return queryset.filter(
            subject_type__app_label="bibliography", subject_type__model="work", subject_id=value
        )

    def _about(self, queryset, app_label, model, value):
        return queryset.filter(subject_type__app_label=app_label, subject_type__model=model, subject_id=value)

    def filter_organisation(self, queryset, name, value):
        return self._about(queryset, "prosopography", "organisation", value)

    def filter_relationship(self, queryset, name, value):
        return self._about(queryset, "prosopography", "relationship", value)

    def filter_membership(self, queryset, name, value):
        return self._about(queryset, "prosopography", "membership", value)

    def filter_contested(self, queryset, name, value):
        ids = {claim.pk for fact in facts.contested_facts() for claim in fact.readings}
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)
