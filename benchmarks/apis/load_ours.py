"""Load APIS's data shape (shape.py) into our database, through model save() or in bulk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serge_apisshape \\
        .venv/bin/python benchmarks/apis/load_ours.py --mode save    # or --mode bulk

Run from the repository root with the project's virtualenv, on a migrated scratch
database: it empties the persons, organisations, works and their ties first
(TRUNCATE ... CASCADE). `save`: every record through its model's save() (slugs,
sort names, EDTF bounds, history rows), as the admin and the services write them,
in one transaction (`--no-history`: without the history rows). `bulk`:
`bulk_create` in batches of 1,000, with the derived fields computed here and no
history rows. Every person also gets its preferred name as an alias (the name
search reads them), as curated persons have. `copy`: COPY with explicit ids, through
the loader of `generate_synthetic` (dataset.synthetic.loader), no history rows.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # local settings: do not keep every query in memory

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from shape import TIE_TYPES, generate  # noqa: E402

from bibliography.models import Contribution, Work  # noqa: E402
from common.text import make_slug, normalize  # noqa: E402
from dataset.synthetic.loader import Loader  # noqa: E402
from prosopography.models import (  # noqa: E402
    Alias,
    Membership,
    Organisation,
    Person,
    Relationship,
    RelationshipType,
)

MODELS = [Contribution, Work, Membership, Relationship, Alias, Organisation, Person]


def reset():
    tables = []
    for model in MODELS:
        tables.append(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None:
            tables.append(history.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def full_name(p):
    return f"{p['forename']} {p['surname']}"


def load_save(data, types):
    persons = []
    for p in data["persons"]:
        person = Person(
            name=full_name(p),
            sort_name=f"{p['surname']}, {p['forename']}",
            birth=str(p["birth"] or ""),
            death=str(p["death"] or ""),
        )
        person.save()
        Alias(person=person, name=person.name, type="preferred").save()
        persons.append(person)
    organisations = []
    for o in data["organisations"]:
        organisation = Organisation(name=o["label"], start=str(o["founded"]))
        organisation.save()
        organisations.append(organisation)
    works = []
    for w in data["works"]:
        work = Work(title=w["title"], first_published=str(w["year"]))
        work.save()
        works.append(work)
    for t in data["ties"]:
        Relationship(subject=persons[t["subject"]], type=types[t["type"]], object=persons[t["object"]]).save()
    for m in data["memberships"]:
        Membership(person=persons[m["person"]], organisation=organisations[m["organisation"]]).save()
    for a in data["authorships"]:
        Contribution(person=persons[a["person"]], work=works[a["work"]], role="author").save()


def bounds(year):
    if not year:
        return "", None, None
    return str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def load_bulk(data, types):
    rows = []
    for p in data["persons"]:
        name = full_name(p)
        birth, birth_lower, birth_upper = bounds(p["birth"])
        death, death_lower, death_upper = bounds(p["death"])
        rows.append(
            Person(
                name=name,
                slug=make_slug(name),
                sort_name=f"{p['surname']}, {p['forename']}",
                birth=birth,
                birth_lower=birth_lower,
                birth_upper=birth_upper,
                death=death,
                death_lower=death_lower,
                death_upper=death_upper,
            )
        )
    persons = Person.objects.bulk_create(rows, batch_size=1000)
    Alias.objects.bulk_create(
        [Alias(person=p, name=p.name, normalized=normalize(p.name), type="preferred") for p in persons],
        batch_size=1000,
    )
    rows = []
    for o in data["organisations"]:
        start, start_lower, start_upper = bounds(o["founded"])
        rows.append(
            Organisation(
                name=o["label"],
                slug=make_slug(o["label"]),
                start=start,
                start_lower=start_lower,
                start_upper=start_upper,
            )
        )
    organisations = Organisation.objects.bulk_create(rows, batch_size=1000)
    rows = []
    for w in data["works"]:
        year, lower, upper = bounds(w["year"])
        rows.append(
            Work(
                title=w["title"],
                slug=make_slug(w["title"]),
                first_published=year,
                first_published_lower=lower,
                first_published_upper=upper,
            )
        )
    works = Work.objects.bulk_create(rows, batch_size=1000)
    Relationship.objects.bulk_create(
        [
            Relationship(subject=persons[t["subject"]], type=types[t["type"]], object=persons[t["object"]])
            for t in data["ties"]
        ],
        batch_size=1000,
    )
    Membership.objects.bulk_create(
        [
            Membership(person=persons[m["person"]], organisation=organisations[m["organisation"]])
            for m in data["memberships"]
        ],
        batch_size=1000,
    )
    Contribution.objects.bulk_create(
        [
            Contribution(person=persons[a["person"]], work=works[a["work"]], role="author")
            for a in data["authorships"]
        ],
        batch_size=1000,
    )


def load_copy(data, types):
    """COPY with explicit ids, through the synthetic generator's loader (as
    `generate_synthetic` writes): the derived fields computed here, no history rows."""
    loader = Loader(lambda message: None)
    now = timezone.now()
    names = [full_name(p) for p in data["persons"]]
    rows = []
    for pk, (p, name) in enumerate(zip(data["persons"], names, strict=True), start=1):
        rows.append(
            (pk, now, now, make_slug(name), name, f"{p['surname']}, {p['forename']}")
            + bounds(p["birth"])
            + bounds(p["death"])
        )
    person_fields = ["id", "created", "modified", "slug", "name", "sort_name"]
    dates = ["birth", "birth_lower", "birth_upper", "death", "death_lower", "death_upper"]
    loader.load(Person, person_fields + dates, rows)
    loader.load(
        Alias,
        ["id", "person", "name", "normalized", "type"],
        ((pk, pk, name, normalize(name), "preferred") for pk, name in enumerate(names, start=1)),
    )
    loader.load(
        Organisation,
        ["id", "created", "modified", "name", "slug", "start", "start_lower", "start_upper"],
        (
            (pk, now, now, o["label"], make_slug(o["label"])) + bounds(o["founded"])
            for pk, o in enumerate(data["organisations"], start=1)
        ),
    )
    loader.load(
        Work,
        ["id", "created", "modified", "title", "slug"]
        + ["first_published", "first_published_lower", "first_published_upper"],
        (
            (pk, now, now, w["title"], make_slug(w["title"])) + bounds(w["year"])
            for pk, w in enumerate(data["works"], start=1)
        ),
    )
    loader.load(
        Relationship,
        ["id", "created", "modified", "subject", "type", "object"],
        (
            (pk, now, now, t["subject"] + 1, types[t["type"]].pk, t["object"] + 1)
            for pk, t in enumerate(data["ties"], start=1)
        ),
    )
    loader.load(
        Membership,
        ["id", "created", "modified", "person", "organisation"],
        (
            (pk, now, now, m["person"] + 1, m["organisation"] + 1)
            for pk, m in enumerate(data["memberships"], start=1)
        ),
    )
    loader.load(
        Contribution,
        ["id", "person", "work", "role"],
        ((pk, a["person"] + 1, a["work"] + 1, "author") for pk, a in enumerate(data["authorships"], start=1)),
    )
    loader.reset_sequences()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["save", "bulk", "copy"], required=True)
    parser.add_argument("--seed", type=int, default=1890)
    parser.add_argument(
        "--no-history", action="store_true", help="save: without history rows (as APIS's models here)"
    )
    args = parser.parse_args()
    if args.no_history:
        settings.SIMPLE_HISTORY_ENABLED = False
    data = generate(args.seed)
    types = [RelationshipType.objects.get(slug=slug) for slug, _ in TIE_TYPES]
    reset()
    started = time.perf_counter()
    with transaction.atomic():
        {"save": load_save, "bulk": load_bulk, "copy": load_copy}[args.mode](data, types)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    relations = Relationship.objects.count() + Membership.objects.count() + Contribution.objects.count()
    print(
        f"ours {args.mode}{' without history' if args.no_history else ''}: "
        f"{Person.objects.count():,} persons, "
        f"{Organisation.objects.count():,} organisations, "
        f"{Work.objects.count():,} works, {relations:,} relations in {elapsed:.1f} s; "
        f"load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
