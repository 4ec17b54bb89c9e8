"""Loading records for export: works and editions with everything a citation
reads, fetched in a fixed number of queries."""

from django.db.models import Prefetch

from prosopography.models import Alias, NameType

from ..models import Contribution, Edition, WorkRelation


def _contributions():
    return Prefetch(
        "contributions",
        queryset=Contribution.objects.select_related("person").prefetch_related(
            Prefetch("person__aliases", queryset=Alias.objects.filter(type=NameType.PSEUDONYM))
        ),
    )


def works_for_export(queryset):
    """The works of `queryset` (merged duplicates left out) with everything an
    export reads fetched in a fixed number of queries, however many works."""
    return queryset.filter(merged_into__isnull=True).prefetch_related(
        _contributions(),
        Prefetch(
            "editions",
            queryset=Edition.objects.select_related("publisher", "place", "periodical").prefetch_related(
                _contributions()
            ),
        ),
        Prefetch(
            "relations_out",
            queryset=WorkRelation.objects.filter(type=WorkRelation.Type.PART_OF).select_related("object"),
            to_attr="part_of_relations",
        ),
    )


def editions_for_export(queryset):
    """Editions with their work, publisher, place, periodical and credits, in a
    fixed number of queries."""
    return queryset.select_related("work", "publisher", "place", "periodical").prefetch_related(
        _contributions(),
        Prefetch(
            "work__contributions",
            queryset=Contribution.objects.select_related("person").prefetch_related(
                Prefetch("person__aliases", queryset=Alias.objects.filter(type=NameType.PSEUDONYM))
            ),
        ),
    )
