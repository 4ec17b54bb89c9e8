"""The import benchmark (benchmarks/import_benchmark.py, docs/benchmarks.md) must keep
running as the models and serializers change: both of its paths, on 20 persons, write
the records and their history entries, and the same records."""

import pytest
from django.contrib.auth import get_user_model

from benchmarks import importing
from benchmarks.import_shape import plan
from prosopography.models import Alias, Person, Relationship

PERSON_FIELDS = [
    "name",
    "slug",
    "sort_name",
    "birth",
    "birth_lower",
    "birth_upper",
    "death_upper",
    "birth_place",
]


def written():
    """What both paths must write alike (persons by name: their ids may differ)."""
    return (
        list(Person.objects.order_by("pk").values_list(*PERSON_FIELDS)),
        sorted(Alias.objects.values_list("person__name", "name", "normalized", "type", "language")),
        sorted(
            Relationship.objects.values_list(
                "subject__name", "object__name", "type__slug", "start_lower", "end_upper"
            )
        ),
    )


@pytest.mark.django_db
def test_the_import_benchmark_writes_the_same_records_both_ways_with_history():
    the_plan = plan(20, seed=1890)
    places, organisations = importing.prerequisites(the_plan)
    curator = get_user_model().objects.create(username="importer")

    batches = importing.through_services(the_plan, places, organisations, curator, batch=10)

    assert len(batches) == 2
    expected = {
        "persons": 20,
        "aliases": sum(len(p.aliases) for p in the_plan.persons),
        "relationships": sum(len(p.ties) for p in the_plan.persons),
        "memberships": sum(len(p.memberships) for p in the_plan.persons),
    }
    assert expected["relationships"] > 20 and expected["memberships"] > 0
    assert importing.counts() == {kind: (count, count) for kind, count in expected.items()}
    history = Person.history.all()
    assert {(h.history_type, h.history_user) for h in history} == {("+", curator)}
    assert Person.objects.exclude(birth="").filter(birth_lower__isnull=True).count() == 0
    through_services = written()

    importing.reset()
    assert importing.counts() == {kind: (0, 0) for kind in expected}
    importing.by_copy(the_plan, places, organisations)
    assert importing.counts() == {kind: (count, 0) for kind, count in expected.items()}

    assert written() == through_services  # same names, slugs, date bounds, ties
    importing.history_baseline(
        {model: list(model.objects.values_list("pk", flat=True)) for model in importing.IMPORTED}, curator
    )
    assert importing.counts() == {kind: (count, count) for kind, count in expected.items()}
