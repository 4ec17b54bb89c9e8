"""Query-string filters for works and editions. Unknown values answer 400."""

import django_filters as filters
from django.db.models import Q

from prosopography.api.filters import period_filters
from prosopography.models import Person

from ..models import Contribution, Edition, Periodical, Work, WorkType


class WorkFilter(filters.FilterSet):
    type = filters.ChoiceFilter(choices=WorkType.choices)
    language = filters.CharFilter(lookup_expr="iexact")
    start, end = period_filters("first_published", "first published")
    credited_as = filters.CharFilter(
        method="filter_credited_as", label="Name the work was credited under (part of it, any case)"
    )
    person = filters.ModelChoiceFilter(
        field_name="contributions__person",
        queryset=Person.objects.all(),
        method="filter_contributor",
        label="Contributor (person id); combine with role",
    )
    role = filters.ChoiceFilter(
        choices=Contribution.Role.choices,
        method="filter_contributor",
        label="Contribution role, e.g. translator",
    )

    class Meta:
        model = Work
        fields = ["type", "language", "status", "credited_as", "person", "role"]

    def filter_credited_as(self, qs, name, value):
        # A work is credited under a name on itself or on any of its editions (the
        # articles signed "R. Albert" are credited on the edition in the periodical).
        value = value.strip()
        if not value:
            return qs
        credited = Contribution.objects.filter(credited_as__icontains=value)
        return qs.filter(
            Q(pk__in=credited.values("work")) | Q(editions__in=credited.values("edition"))
        ).distinct()

    def filter_contributor(self, qs, name, value):
        # person and role must hold for the same contribution: apply both at once, once.
        if getattr(self, "_contributor_done", False):
            return qs
        self._contributor_done = True
        person, role = self.form.cleaned_data.get("person"), self.form.cleaned_data.get("role")
        condition = Q()
        if person:
            condition &= Q(contributions__person=person)
        if role:
            condition &= Q(contributions__role=role)
        return qs.filter(condition).distinct() if condition else qs


class EditionFilter(filters.FilterSet):
    language = filters.CharFilter(lookup_expr="iexact")
    periodical = filters.ModelChoiceFilter(queryset=Periodical.objects.all())
    start, end = period_filters("date", "published")

    class Meta:
        model = Edition
        fields = ["work", "language", "periodical", "publisher", "translation_of"]
