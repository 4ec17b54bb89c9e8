"""Fill a database with synthetic records of realistic shape, for load tests.

    python manage.py generate_synthetic --scale 0.01

At --scale 1.0: 100,000 persons (with two or three aliases each), 1,000,000
mentions, 300,000 relationships (a third of them cited), 200,000 co-mentions,
50,000 works with an edition each. Rows go in with bulk_create, in batches, so
the model save() hooks do not run: slugs, sort names, normalised names and date
bounds are computed here instead. No history rows are written.

Use it on a scratch database only: every synthetic source is named
synthetic-NNNN.txt, but persons and works are not marked otherwise.
"""
import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from bibliography.models import Edition, Work
from prosopography.models import (
    Alias,
    Citation,
    CoMention,
    Mention,
    NameType,
    Person,
    Relationship,
    RelationshipType,
    Source,
)
from prosopography.text import make_slug, normalize

FIRST = ["Victor", "Rirette", "Boris", "Natalia", "Lev", "Anna", "Jules", "Édouard", "Raymond",
         "Liuba", "Vlady", "Jeannine", "Pierre", "Marcel", "Nikolai", "Ióssif", "Angelica", "Henk",
         "Magdeleine", "André", "Eugène", "Mikhail", "Olga", "Ignace", "Elsa", "Gustav"]
LAST = ["Kibalchich", "Maîtrejean", "Souvarine", "Sedova", "Trotsky", "Callemin", "Bonnot",
        "Carouy", "Russakova", "Poretsky", "Sneevliet", "Paz", "Martinet", "Zborowski", "Gide",
        "Rosmer", "Balabanoff", "Dieudonné", "Soudy", "Lazarévitch", "Ciliga", "Pivert", "Wullens"]
WORDS = ["revolution", "exile", "prison", "comrades", "letter", "party", "Moscow", "Paris",
         "Mexico", "memoirs", "trial", "opposition", "Orenburg", "Brussels", "anarchist", "novel"]
TITLES = ["Conquered City", "Midnight in the Century", "Birth of Our Power", "Men in Prison",
          "The Case of Comrade Tulayev", "Unforgiving Years", "Notebooks", "Year One"]

BASE = {"persons": 100_000, "mentions": 1_000_000, "relationships": 300_000,
        "works": 50_000, "comentions": 200_000, "sources": 500}


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class Command(BaseCommand):
    help = "Add synthetic persons, mentions, relationships and works (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.01,
                            help="1.0 = 100,000 persons, 1,000,000 mentions (default 0.01).")
        parser.add_argument("--batch", type=int, default=5000, help="Rows per INSERT.")
        parser.add_argument("--seed", type=int, default=1890, help="Random seed, for repeatable data.")

    def handle(self, *args, scale, batch, seed, **options):
        self.rng = random.Random(seed)
        self.batch = batch
        counts = {key: max(2, int(value * scale)) for key, value in BASE.items()}
        self.stdout.write(f"Generating {counts} ...")
        with transaction.atomic():
            person_ids = self.persons(counts["persons"])
            source_ids = self.sources(counts["sources"])
            self.relationships(counts["relationships"], person_ids, source_ids)
            self.comentions(counts["comentions"], person_ids)
            work_ids = self.works(counts["works"])
            self.mentions(counts["mentions"], person_ids, source_ids, work_ids)
        self.stdout.write(self.style.SUCCESS("Done."))

    # ------------------------------------------------------------ helpers

    def insert(self, model, rows):
        """bulk_create in batches; returns the created objects (with ids)."""
        created = []
        for i in range(0, len(rows), self.batch):
            created.extend(model.objects.bulk_create(rows[i:i + self.batch], batch_size=self.batch))
        self.stdout.write(f"  {model.__name__}: {len(rows)}")
        return created

    def name(self):
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    # ------------------------------------------------------------ record kinds

    def persons(self, count):
        rng = self.rng
        people = []
        for i in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first} {last} {i}"  # numbered: names repeat, persons do not
            birth_year = rng.randint(1840, 1930)
            death_year = birth_year + rng.randint(20, 90)
            birth_lower, birth_upper = year_bounds(birth_year)
            death_lower, death_upper = year_bounds(death_year)
            people.append(Person(
                name=name, slug=make_slug(name), sort_name=f"{last} {i}, {first}",
                birth=str(birth_year), birth_lower=birth_lower, birth_upper=birth_upper,
                death=str(death_year), death_lower=death_lower, death_upper=death_upper,
            ))
        ids = [p.pk for p in self.insert(Person, people)]
        aliases = []
        for pk, person in zip(ids, people, strict=True):
            forms = {(person.name, NameType.PREFERRED), (person.name.split()[1], NameType.SURNAME)}
            if rng.random() < 0.5:
                forms.add((f"{self.name()} {pk}", NameType.PSEUDONYM))
            for alias, kind in forms:
                aliases.append(Alias(person_id=pk, name=alias, normalized=normalize(alias), type=kind))
        self.insert(Alias, aliases)
        return ids

    def sources(self, count):
        rows = [Source(file_name=f"synthetic-{i:04d}.txt", title=f"Synthetic source {i}",
                       checksum="0" * 64, length=2_000_000) for i in range(count)]
        return [s.pk for s in self.insert(Source, rows)]

    def relationships(self, count, person_ids, source_ids):
        rng = self.rng
        types = list(RelationshipType.objects.values_list("pk", flat=True))
        rows = []
        for _ in range(count):
            subject, obj = rng.sample(person_ids, 2)
            start = end = ""
            bounds = {}
            if rng.random() < 0.7:  # most ties are dated, some are not
                year = rng.randint(1890, 1947)
                start, end = str(year), str(year + rng.randint(0, 15))
                bounds = {"start_lower": year_bounds(year)[0], "start_upper": year_bounds(year)[1],
                          "end_lower": year_bounds(int(end))[0], "end_upper": year_bounds(int(end))[1]}
            rows.append(Relationship(subject_id=subject, object_id=obj, type_id=rng.choice(types),
                                     start=start, end=end, **bounds))
        created = self.insert(Relationship, rows)
        cited = created[::3]
        citations = self.insert(Citation, [
            Citation(source_id=rng.choice(source_ids), quote=" ".join(rng.sample(WORDS, 6)),
                     locator=f"p. {rng.randint(1, 500)}") for _ in cited])
        through = Relationship.citations.through
        self.insert(through, [through(relationship_id=r.pk, citation_id=c.pk)
                              for r, c in zip(cited, citations, strict=True)])

    def comentions(self, count, person_ids):
        pairs = set()
        while len(pairs) < count:
            a, b = self.rng.sample(person_ids, 2)
            pairs.add((min(a, b), max(a, b)))
        self.insert(CoMention, [CoMention(first_id=a, second_id=b, weight=self.rng.choice([1, 1, 1, 2, 3, 5]))
                                for a, b in pairs])

    def works(self, count):
        rng = self.rng
        works = []
        for i in range(count):
            title = f"{rng.choice(TITLES)} {i}"
            year = rng.randint(1900, 1990)
            lower, upper = year_bounds(year)
            works.append(Work(title=title, slug=make_slug(title), language=rng.choice(["fr", "ru", "en"]),
                              first_published=str(year), first_published_lower=lower,
                              first_published_upper=upper))
        created = self.insert(Work, works)
        self.insert(Edition, [Edition(work_id=w.pk, title=w.title, language=w.language,
                                      date=w.first_published, date_lower=w.first_published_lower,
                                      date_upper=w.first_published_upper) for w in created])
        return [w.pk for w in created]

    def mentions(self, count, person_ids, source_ids, work_ids):
        rng = self.rng
        rows = []
        for i in range(count):
            surface = self.name()
            is_work = rng.random() < 0.05
            rows.append(Mention(
                source_id=rng.choice(source_ids), start=i, end=i + len(surface), surface=surface,
                snippet=f"… {' '.join(rng.sample(WORDS, 5))} {surface} {' '.join(rng.sample(WORDS, 5))} …",
                paragraph=rng.randint(0, 5000), status="machine",
                person_id=None if is_work else rng.choice(person_ids),
                work_id=rng.choice(work_ids) if is_work else None,
            ))
            if len(rows) >= self.batch * 4:  # keep memory flat at full scale
                Mention.objects.bulk_create(rows, batch_size=self.batch)
                rows = []
        Mention.objects.bulk_create(rows, batch_size=self.batch)
        self.stdout.write(f"  Mention: {count}")
