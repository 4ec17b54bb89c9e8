"""Import a plan of persons (import_shape.py) two ways, into a database without persons:

* `through_services`: every record through the API's write serializers, the code a
  POST to /api/v1/persons/, /aliases/, /relationships/ and /memberships/ runs
  (validation with the model's full_clean, EDTF checks, foreign keys looked up, save()
  with its slugs, sort names and date bounds), with django-simple-history writing a
  history entry per record for the curator, set as HistoryRequestMiddleware sets it.
  One transaction per person (the person, its names, ties and memberships), as an
  import script would commit them; the API commits each record on its own.
  prosopography/services.py has no function that creates records (it merges, marks
  distinct, ranks readings, geocodes): creating goes through these serializers (API)
  and model forms (admin), both ending in the model's full_clean and save().
* `by_copy`: the same rows through the synthetic generator's loader
  (dataset.synthetic.loader.Loader: COPY on PostgreSQL, executemany elsewhere) with
  explicit ids and the derived fields computed here, no history; then, timed apart,
  the history baseline a bulk load writes (common.history.record_baseline_of, as
  load_world does).

The places and organisations the persons refer to are written first by `prerequisites`,
untimed: they are not what is measured.
"""

import time
from contextlib import contextmanager

from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone
from simple_history.models import HistoricalRecords

from common import dates
from common.history import history_manager, record_baseline_of
from common.text import make_slug, normalize
from dataset.synthetic.loader import Loader
from prosopography.api.serializers import (
    AliasSerializer,
    MembershipSerializer,
    PersonWriteSerializer,
    RelationshipSerializer,
)
from prosopography.models import (
    Alias,
    Membership,
    Organisation,
    OrganisationName,
    Person,
    Place,
    PlaceName,
    Relationship,
    RelationshipType,
)

IMPORTED = [Person, Alias, Relationship, Membership]


def _quiet(message):
    pass


def prerequisites(plan):
    """Write the plan's places and organisations (with their preferred names); returns
    their ids in the plan's order."""
    loader = Loader(_quiet)
    now = timezone.now()
    first = Loader.next_id(Place)
    places = list(range(first, first + len(plan.places)))
    loader.load(
        Place,
        ["id", "created", "modified", "slug", "name", "kind"],
        ((pk, now, now, make_slug(n), n, "city") for pk, n in zip(places, plan.places, strict=True)),
    )
    first_name = Loader.next_id(PlaceName)
    loader.load(
        PlaceName,
        ["id", "place", "name", "normalized", "type"],
        (
            (first_name + i, pk, n, normalize(n), "preferred")
            for i, (pk, n) in enumerate(zip(places, plan.places, strict=True))
        ),
    )
    first = Loader.next_id(Organisation)
    organisations = list(range(first, first + len(plan.organisations)))
    names = plan.organisations
    loader.load(
        Organisation,
        ["id", "created", "modified", "slug", "name", "kind"],
        ((pk, now, now, make_slug(n), n, "group") for pk, n in zip(organisations, names, strict=True)),
    )
    first_name = Loader.next_id(OrganisationName)
    loader.load(
        OrganisationName,
        ["id", "organisation", "name", "normalized", "type"],
        (
            (first_name + i, pk, n, normalize(n), "preferred")
            for i, (pk, n) in enumerate(zip(organisations, names, strict=True))
        ),
    )
    loader.reset_sequences()
    return places, organisations


def type_slugs():
    """{kind: [slug, ...]} of the relationship vocabulary (it comes with the migrations)."""
    by_kind = {}
    for slug, kind in RelationshipType.objects.order_by("slug").values_list("slug", "kind"):
        by_kind.setdefault(kind, []).append(slug)
    return by_kind


def type_of(tie, by_kind):
    slugs = by_kind.get(tie["kind"]) or [s for group in by_kind.values() for s in group]
    return slugs[tie["variant"] % len(slugs)]


@contextmanager
def as_curator(user):
    """Writes made inside are recorded in the history as `user`'s, the way
    simple_history's HistoryRequestMiddleware does it for the API and the admin."""
    request = RequestFactory().post("/api/v1/persons/")
    request.user = user
    HistoricalRecords.context.request = request
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def _write(serializer_class, data):
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.save()


def _write_person(spec, ids, places, organisations, by_kind):
    person = _write(
        PersonWriteSerializer,
        {
            "name": spec.name,
            "sort_name": spec.sort_name,
            "description": spec.description,
            "birth": spec.birth,
            "death": spec.death,
            "birth_place": None if spec.birth_place is None else places[spec.birth_place],
            "death_place": None if spec.death_place is None else places[spec.death_place],
        },
    )
    ids.append(person.pk)
    for name, kind, language in spec.aliases:
        _write(AliasSerializer, {"person": person.pk, "name": name, "type": kind, "language": language})
    for tie in spec.ties:
        data = {key: tie[key] for key in ("start", "end", "certainty", "rank")}
        data.update(subject=ids[tie["subject"]], object=ids[tie["object"]], type=type_of(tie, by_kind))
        _write(RelationshipSerializer, data)
    for membership in spec.memberships:
        data = {key: membership[key] for key in ("role", "start", "end")}
        data.update(person=person.pk, organisation=organisations[membership["organisation"]])
        _write(MembershipSerializer, data)


def through_services(plan, places, organisations, user, batch=500):
    """Import the plan's persons one by one; returns the seconds each batch of `batch`
    persons took."""
    by_kind, ids, timings = type_slugs(), [], []
    with as_curator(user):
        for at in range(0, len(plan.persons), batch):
            started = time.perf_counter()
            for spec in plan.persons[at : at + batch]:
                with transaction.atomic():
                    _write_person(spec, ids, places, organisations, by_kind)
            timings.append(time.perf_counter() - started)
    return timings


def _bounds(value):
    return dates.bounds(value) if value else (None, None)


def _dated(*values):
    row = ()
    for value in values:
        row += (value, *_bounds(value))
    return row


@transaction.atomic
def by_copy(plan, places, organisations):
    """Write the same records with COPY, in one transaction as the generator does;
    returns (seconds, {model: [ids]}) so that the caller can write their history baseline."""
    started = time.perf_counter()
    loader, now, by_kind = Loader(_quiet), timezone.now(), type_slugs()
    first = {model: Loader.next_id(model) for model in IMPORTED}
    ids = [first[Person] + i for i in range(len(plan.persons))]
    aliases, ties, memberships = [], [], []
    persons = []
    for pk, p in zip(ids, plan.persons, strict=True):
        birth_place = None if p.birth_place is None else places[p.birth_place]
        death_place = None if p.death_place is None else places[p.death_place]
        persons.append(
            (pk, now, now, make_slug(p.name), p.name, p.sort_name, p.description, birth_place, death_place)
            + _dated(p.birth, p.death)
        )
        aliases += [(pk, name, normalize(name), kind, language) for name, kind, language in p.aliases]
        ties += [
            (ids[t["subject"]], ids[t["object"]], type_of(t, by_kind), t["certainty"], t["rank"])
            + _dated(t["start"], t["end"])
            for t in p.ties
        ]
        memberships += [
            (pk, organisations[m["organisation"]], m["role"]) + _dated(m["start"], m["end"])
            for m in p.memberships
        ]
    type_ids = dict(RelationshipType.objects.values_list("slug", "pk"))
    period = ["start", "start_lower", "start_upper", "end", "end_lower", "end_upper"]
    life = ["birth", "birth_lower", "birth_upper", "death", "death_lower", "death_upper"]
    loader.load(
        Person,
        [
            "id",
            "created",
            "modified",
            "slug",
            "name",
            "sort_name",
            "description",
            "birth_place",
            "death_place",
        ]
        + life,
        persons,
    )
    loader.load(
        Alias, ["id", "person", "name", "normalized", "type", "language"], _numbered(first[Alias], aliases)
    )
    loader.load(
        Relationship,
        ["id", "created", "modified", "subject", "object", "type", "certainty", "rank"] + period,
        _numbered(first[Relationship], ((s, o, type_ids[t], *rest) for s, o, t, *rest in ties), now),
    )
    loader.load(
        Membership,
        ["id", "created", "modified", "person", "organisation", "role"] + period,
        _numbered(first[Membership], memberships, now),
    )
    loader.reset_sequences()
    written = {
        model: list(range(first[model], first[model] + loader.counts[model._meta.label]))
        for model in IMPORTED
    }
    return time.perf_counter() - started, written


def _numbered(first, rows, now=None):
    stamp = () if now is None else (now, now)
    return ((first + i, *stamp, *row) for i, row in enumerate(rows))


def history_baseline(written, user):
    """The history entry per record a bulk load writes (as load_world); returns seconds."""
    started = time.perf_counter()
    record_baseline_of(written, "imported by benchmarks/import_benchmark.py", user=user)
    return time.perf_counter() - started


def counts():
    """Rows of each imported model and of its history."""
    return {
        str(model._meta.verbose_name_plural): (
            model.objects.count(),
            history_manager(model).model.objects.count(),
        )
        for model in IMPORTED
    }


def reset():
    """Empty the imported tables and their history (between the two paths)."""
    tables = []
    for model in IMPORTED:
        tables += [model._meta.db_table, history_manager(model).model._meta.db_table]
    for model in (Relationship, Membership):
        tables.append(model.citations.through._meta.db_table)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Inside a transaction (a test) the deferred foreign-key checks must run first:
            # PostgreSQL refuses to truncate a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(map(quote, tables))} RESTART IDENTITY CASCADE")
        else:
            for table in reversed(tables):
                cursor.execute(f"DELETE FROM {quote(table)}")
