"""Load APIS's data shape (shape.py) into the APIS benchmark project, through the ORM's
save() or in bulk. Run with APIS's virtualenv, from anywhere:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/apis_bench \\
        /work/apis-env/bin/python benchmarks/apis/load_apis.py --mode save   # or --mode bulk

It empties the entities and relations first (TRUNCATE ... RESTART IDENTITY CASCADE),
so the n-th person of the data set gets id n. `save`: `Model.objects.create()` for
every entity and relation (APIS's signals run: an EntityID row per entity, the
relation's subject/object type check), in one transaction. `bulk`: Django cannot
`bulk_create` APIS's models (multi-table inheritance: an entity is a RootObject
row plus its own row; a relation a Relation row plus its subclass's row), so the
parent rows go through `bulk_create` (batches of 1,000) and the child rows through
COPY; no EntityID rows.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apis_project.settings")

import django  # noqa: E402

django.setup()

from apis_core.apis_metainfo.models import RootObject  # noqa: E402
from apis_core.relations.models import Relation  # noqa: E402
from apis_ontology import models as onto  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from shape import TIE_TYPES, generate  # noqa: E402

TIE_MODELS = [getattr(onto, name) for _, name in TIE_TYPES]


def reset():
    tables = [
        RootObject._meta.db_table,
        Relation._meta.db_table,
        "entities_entityid",
        "uris_uri",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def person_fields(p):
    return {
        "forename": p["forename"],
        "surname": p["surname"],
        "gender": p["gender"],
        "date_of_birth": datetime.date(p["birth"], 1, 1) if p["birth"] else None,
        "date_of_death": datetime.date(p["death"], 1, 1) if p["death"] else None,
    }


def load_save(data):
    persons = [onto.Person.objects.create(**person_fields(p)) for p in data["persons"]]
    groups = [
        onto.Group.objects.create(label=o["label"], founded=o["founded"]) for o in data["organisations"]
    ]
    works = [onto.Work.objects.create(title=w["title"], year=w["year"]) for w in data["works"]]
    ct = {m: ContentType.objects.get_for_model(m) for m in (onto.Person, onto.Group, onto.Work)}

    def relate(model, subj, obj):
        model.objects.create(
            subj_content_type=ct[type(subj)],
            subj_object_id=subj.pk,
            obj_content_type=ct[type(obj)],
            obj_object_id=obj.pk,
        )

    for t in data["ties"]:
        relate(TIE_MODELS[t["type"]], persons[t["subject"]], persons[t["object"]])
    for m in data["memberships"]:
        relate(onto.IsMemberOf, persons[m["person"]], groups[m["organisation"]])
    for a in data["authorships"]:
        relate(onto.IsAuthorOf, persons[a["person"]], works[a["work"]])


def copy_rows(model, fields, rows):
    """COPY rows into a model's own table (the child table of a multi-table model)."""
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def bulk_entities(model, fields, rows):
    parents = RootObject.objects.bulk_create([RootObject() for _ in rows], batch_size=1000)
    ids = [p.pk for p in parents]
    ptr = model._meta.pk.name
    values = ([pk, *(row[f] for f in fields)] for pk, row in zip(ids, rows, strict=True))
    copy_rows(model, [ptr, *fields], values)
    return ids


def bulk_relations(model, pairs, subj_ct, obj_ct):
    parents = Relation.objects.bulk_create(
        [
            Relation(subj_content_type=subj_ct, subj_object_id=s, obj_content_type=obj_ct, obj_object_id=o)
            for s, o in pairs
        ],
        batch_size=1000,
    )
    copy_rows(model, [model._meta.pk.name], ([p.pk] for p in parents))


def load_bulk(data):
    person_rows = [person_fields(p) for p in data["persons"]]
    persons = bulk_entities(onto.Person, list(person_rows[0]), person_rows)
    groups = bulk_entities(onto.Group, ["label", "founded"], data["organisations"])
    works = bulk_entities(onto.Work, ["title", "year"], data["works"])
    ct = {m: ContentType.objects.get_for_model(m) for m in (onto.Person, onto.Group, onto.Work)}
    for kind, model in enumerate(TIE_MODELS):
        pairs = [(persons[t["subject"]], persons[t["object"]]) for t in data["ties"] if t["type"] == kind]
        bulk_relations(model, pairs, ct[onto.Person], ct[onto.Person])
    pairs = [(persons[m["person"]], groups[m["organisation"]]) for m in data["memberships"]]
    bulk_relations(onto.IsMemberOf, pairs, ct[onto.Person], ct[onto.Group])
    pairs = [(persons[a["person"]], works[a["work"]]) for a in data["authorships"]]
    bulk_relations(onto.IsAuthorOf, pairs, ct[onto.Person], ct[onto.Work])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["save", "bulk"], required=True)
    parser.add_argument("--seed", type=int, default=1890)
    args = parser.parse_args()
    data = generate(args.seed)
    reset()
    started = time.perf_counter()
    with transaction.atomic():
        (load_save if args.mode == "save" else load_bulk)(data)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"APIS {args.mode}: {onto.Person.objects.count():,} persons, {onto.Group.objects.count():,} groups, "
        f"{onto.Work.objects.count():,} works, {Relation.objects.count():,} relations in {elapsed:.1f} s; "
        f"load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
