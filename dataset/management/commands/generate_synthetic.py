"""Fill a database with synthetic records of realistic shape, for load tests.

    python manage.py generate_synthetic --scale 1.0 [--seed 1890]

At --scale 1.0 (every count scales linearly; seed 1890 gives exactly these):

    100,000 persons, 2.85 name forms each (284,585: preferred, surname,
            pseudonyms, initials, transliterations, birth names, variants);
            500 of them merged duplicates
    300,000 relationships, a third of them citing a passage
  1,000,000 mentions, grouped in paragraphs of 500 sources; the co-mentions
            (persons named in the same paragraph: 770,266) are derived from them
     50,000 works, 57,214 editions (first editions, translations, reprints),
            68,367 contributions (authors, co-authors, translators, prefaces,
            letters' senders and recipients, pseudonymous credits)
     50,000 memberships of 2,000 organisations; 1,000 places; 300 periodicals;
            24,922 dated birth claims (some contested); 134,566 citations

The shape follows the curated data of the real database: a person's “activity”
(how many ties, mentions and works they get) is heavy-tailed (Pareto, α = 2), so
the median person has 5 ties, the 99th percentile 30, and a few hubs hundreds,
the biggest (person 1 of the batch, as Serge is person 1) 1,191; persons belong
to circles (communities of skewed sizes) and three ties or co-mentions in four
stay inside a circle; paragraphs name one to a dozen persons with the real
distribution (45% one, 24% two ...). About two minutes at scale 1.0.

Rows are written with COPY on PostgreSQL (executemany elsewhere), with explicit
ids following the largest existing one, so model save() hooks do not run: slugs,
sort names, normalised names and date bounds are computed here. No history rows
are written. The same seed gives the same data. Use it on a scratch database:
every synthetic source is named synthetic-NNNN.txt, but persons and works are
not marked otherwise.
"""

import bisect
import datetime
import io
import itertools
import random
import time
from collections import Counter

from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from bibliography.models import Contribution, Edition, Periodical, Work, WorkRelation, WorkStatus, WorkType
from common.text import make_slug, normalize
from prosopography.models import (
    Alias,
    Citation,
    Claim,
    CoMention,
    Membership,
    Mention,
    NameType,
    Organisation,
    OrganisationKind,
    OrganisationName,
    Person,
    Place,
    PlaceKind,
    PlaceName,
    Relationship,
    RelationshipType,
    Source,
)

BASE = {
    "persons": 100_000,
    "relationships": 300_000,
    "mentions": 1_000_000,
    "works": 50_000,
    "memberships": 50_000,
    "organisations": 2_000,
    "places": 1_000,
    "periodicals": 300,
    "sources": 500,
}

FIRST = [
    "Victor",
    "Rirette",
    "Boris",
    "Natalia",
    "Lev",
    "Anna",
    "Jules",
    "Édouard",
    "Raymond",
    "Liuba",
    "Vlady",
    "Jeannine",
    "Pierre",
    "Marcel",
    "Nikolai",
    "Ióssif",
    "Angelica",
    "Henk",
    "Magdeleine",
    "André",
    "Eugène",
    "Mikhail",
    "Olga",
    "Ignace",
    "Elsa",
    "Gustav",
    "Alfred",
    "Marguerite",
    "Fritz",
    "Julián",
    "Andreu",
    "Nadezhda",
    "Grigori",
    "Karl",
    "Rosa",
    "Heinrich",
    "Simone",
    "Louis",
    "Paul",
    "Maria",
    "Ivan",
    "Sofia",
    "Alexandre",
    "Hélène",
    "Yakov",
    "Vera",
    "Georges",
    "Lucien",
    "Dwight",
    "Max",
    "Ruth",
    "Isaac",
    "Manuel",
    "Bertram",
    "Emma",
    "Otto",
]
LAST = [
    "Kibalchich",
    "Maîtrejean",
    "Souvarine",
    "Sedova",
    "Trotsky",
    "Callemin",
    "Bonnot",
    "Carouy",
    "Russakova",
    "Poretsky",
    "Sneevliet",
    "Paz",
    "Martinet",
    "Zborowski",
    "Gide",
    "Rosmer",
    "Balabanoff",
    "Dieudonné",
    "Soudy",
    "Lazarévitch",
    "Ciliga",
    "Pivert",
    "Wullens",
]
SYLLABLES = [
    "ka",
    "li",
    "bo",
    "var",
    "ine",
    "ov",
    "sky",
    "mar",
    "tin",
    "ros",
    "ber",
    "gar",
    "chev",
    "ev",
    "ich",
    "eau",
    "ard",
    "mont",
    "lan",
    "dre",
    "vil",
    "ski",
    "nov",
    "ier",
    "sch",
    "mid",
    "pol",
    "an",
    "zin",
    "ko",
    "dor",
    "el",
    "ma",
    "ret",
    "sen",
    "ya",
    "gor",
    "lo",
    "vitch",
    "ez",
]
PSEUDONYMS = [
    "Le Rétif",
    "Ralph",
    "Vlady",
    "Lucien",
    "Varine",
    "Bobs",
    "Le Nègre",
    "Ignace",
    "Albert",
    "Sergo",
    "Rodion",
    "Nemo",
    "Spartak",
    "Kolia",
    "Le Vieux",
    "Marat",
]
WORDS = [
    "revolution",
    "exile",
    "prison",
    "comrades",
    "letter",
    "party",
    "Moscow",
    "Paris",
    "Mexico",
    "memoirs",
    "trial",
    "opposition",
    "Orenburg",
    "Brussels",
    "anarchist",
    "novel",
    "Leningrad",
    "Barcelona",
    "famine",
    "congress",
    "strike",
    "manuscript",
    "border",
    "winter",
]
TITLE_HEADS = [
    "Conquered City",
    "Midnight in the Century",
    "Birth of Our Power",
    "Men in Prison",
    "The Case of Comrade Tulayev",
    "Unforgiving Years",
    "Notebooks",
    "Year One",
    "Letters",
    "The Long Dusk",
    "Portrait",
    "Reflections",
    "Memoirs",
    "Testimony",
    "The Opposition",
    "Russia Twenty Years After",
    "Destiny of a Revolution",
    "Poems",
]
TITLE_TAILS = [
    "",
    "",
    "",
    " of the Revolution",
    " from Orenburg",
    " in Exile",
    " of a Revolutionary",
    " on the Trial",
    " to the Party",
    ", 1936-1938",
    " and Other Stories",
    " in Mexico",
]
CALLINGS = ["Anarchist", "Bolshevik", "Writer", "Translator", "Oppositionist", "Publisher"]
PLACE_NAMES = [
    "Paris",
    "Brussels",
    "Petrograd",
    "Moscow",
    "Orenburg",
    "Barcelona",
    "Mexico",
    "Berlin",
    "Vienna",
    "Marseille",
    "Leningrad",
    "Kiev",
    "Odessa",
    "Geneva",
    "Lyon",
]
RELATIONSHIP_KIND_WEIGHTS = {
    "political": 35,
    "personal": 25,
    "correspondence": 15,
    "family": 10,
    "literary": 10,
    "professional": 5,
}
# How many distinct persons a paragraph names: the real sources' distribution.
PARAGRAPH_SIZES = [(1, 45), (2, 24), (3, 13), (4, 8), (5, 5), (6, 2.5), (8, 1.5), (10, 0.7), (14, 0.3)]
LANGUAGES = [("fr", 45), ("ru", 20), ("en", 15), ("es", 10), ("de", 5), ("it", 5)]
WORK_TYPES = [
    (WorkType.ARTICLE, 40),
    (WorkType.LETTER, 14),
    (WorkType.BOOK, 8),
    (WorkType.ESSAY, 8),
    (WorkType.REVIEW, 7),
    (WorkType.NOVEL, 4),
    (WorkType.PAMPHLET, 4),
    (WorkType.POEM, 4),
    (WorkType.MEMOIR, 2),
    (WorkType.BIOGRAPHY, 3),
    (WorkType.HISTORY, 2),
    (WorkType.COLLECTION, 2),
    (WorkType.TRANSLATION, 1),
    (WorkType.SHORT_STORY, 1),
]
PERIODICAL_TYPES = {WorkType.ARTICLE, WorkType.REVIEW, WorkType.POEM, WorkType.SHORT_STORY}


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def dated(year, rng, uncertain=0.1):
    """(EDTF text, lower, upper) for a year, sometimes uncertain or approximate."""
    if year is None:
        return "", None, None
    lower, upper = year_bounds(year)
    mark = rng.choice("?~") if rng.random() < uncertain else ""
    return f"{year}{mark}", lower, upper


class Weighted:
    """Pick items with probability proportional to their weight (zero: never)."""

    def __init__(self, items, weights, rng):
        self.items, self.rng = list(items), rng
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1] if self.cum else 0

    def __bool__(self):
        return self.total > 0

    def pick(self):
        return self.items[bisect.bisect(self.cum, self.rng.random() * self.total)]


def chunks(rows, size):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _copy_text(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class Loader:
    """Writes rows (tuples, id first) into a model's table: COPY on PostgreSQL,
    executemany elsewhere. Ids are given by the caller, from `next_id()`."""

    CHUNK = 50_000

    def __init__(self, write):
        self.write = write
        self.counts = {}
        self.models = []

    @staticmethod
    def next_id(model):
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def load(self, model, fields, rows):
        # Columns the generator does not name take their model default (a field added
        # to a model later must not break the load with a NOT NULL error).
        missing = [
            f
            for f in model._meta.concrete_fields
            if f.name not in fields
            and f.attname not in fields
            and not f.null
            and (f.has_default() or (f.empty_strings_allowed and not f.primary_key and not f.is_relation))
        ]
        if missing:
            defaults = tuple(f.get_default() for f in missing)
            fields = [*fields, *(f.name for f in missing)]
            rows = (tuple(row) + defaults for row in rows)
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in fields]
        if len(set(columns)) != len(columns):
            # SQLite would take a repeated column silently; PostgreSQL's COPY refuses it
            # only after every earlier table is loaded. Say so before anything is written.
            raise ValueError(f"{model._meta.label}: a column is listed twice in {columns}")
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for chunk in chunks(rows, self.CHUNK):
                if connection.vendor == "postgresql":
                    buffer = io.StringIO()
                    for row in chunk:
                        buffer.write("\t".join(map(_copy_text, row)))
                        buffer.write("\n")
                    buffer.seek(0)
                    cursor.copy_expert(
                        f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN", buffer
                    )
                else:
                    placeholders = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",
                        [tuple(self._adapt(v) for v in row) for row in chunk],
                    )
                count += len(chunk)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + count
        if model not in self.models:
            self.models.append(model)
        self.write(f"  {model._meta.label}: {count:,} rows ({time.perf_counter() - started:.1f} s)")
        return count

    @staticmethod
    def _adapt(value):
        if isinstance(value, datetime.datetime):
            return connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def reset_sequences(self):
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(sql)


class Command(BaseCommand):
    help = "Add synthetic persons, names, ties, mentions and works of realistic shape (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=0.01,
            help="1.0 = 100,000 persons, 1,000,000 mentions (default 0.01).",
        )
        parser.add_argument("--seed", type=int, default=1890, help="Random seed, for repeatable data.")

    def handle(self, *args, scale, seed, **options):
        started = time.perf_counter()
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.counts = {key: max(3, int(value * scale)) for key, value in BASE.items()}
        self.loader = Loader(self.stdout.write)
        self.stdout.write(f"Generating {self.counts} (seed {seed}) ...")
        with transaction.atomic():
            self.places()
            self.organisations()
            self.persons()
            self.periodicals()
            self.works()
            self.mentions()  # also the sources (their lengths follow) and co-mentions
            self.relationships()
            self.memberships()
            self.claims()
            self.loader.reset_sequences()
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner, and the visibility map that index-only
            # scans and counts rely on (autovacuum would get there, later).
            vacuum = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write(f"  VACUUM ANALYZE ({time.perf_counter() - vacuum:.0f} s)")
        total = sum(self.loader.counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Done: {total:,} rows in {time.perf_counter() - started:.0f} s.")
        )
        for label, count in self.loader.counts.items():
            self.stdout.write(f"  {label:36} {count:>10,}")

    # ------------------------------------------------------------ helpers

    def ids(self, model, count):
        first = self.loader.next_id(model)
        return range(first, first + count)

    def weights(self, count, alpha):
        """Heavy-tailed activity weights, largest first."""
        return sorted((self.rng.paretovariate(alpha) for _ in range(count)), reverse=True)

    def stamp(self):
        return self.now, self.now

    def citation(self, cid, source=None):
        source = source or self.source_pick.pick()
        quote = " ".join(self.rng.sample(WORDS, 6))
        start = self.rng.randrange(0, max(1, self.source_length[source] - len(quote)))
        return (cid, source, start, start + len(quote), quote, f"p. {self.rng.randint(1, 500)}", None)

    CITATION_FIELDS = ["id", "source", "start", "end", "quote", "locator", "mention"]

    # ------------------------------------------------------------ places, organisations

    def places(self):
        rng, n = self.rng, self.counts["places"]
        ids = self.ids(Place, n)
        rows, names = [], []
        for i, pk in enumerate(ids):
            name = (
                f"{PLACE_NAMES[i % len(PLACE_NAMES)]} {i // len(PLACE_NAMES)}"
                if i >= len(PLACE_NAMES)
                else PLACE_NAMES[i]
            )
            kind = rng.choices(
                [PlaceKind.CITY, PlaceKind.PRISON, PlaceKind.CAMP, PlaceKind.BUILDING], [80, 8, 6, 6]
            )[0]
            rows.append(
                (
                    pk,
                    *self.stamp(),
                    make_slug(name),
                    name,
                    kind,
                    round(rng.uniform(-40, 70), 6),
                    round(rng.uniform(-120, 140), 6),
                    "",
                    None,
                )
            )
            names.append((pk, name))
        self.loader.load(
            Place,
            [
                "id",
                "created",
                "modified",
                "slug",
                "name",
                "kind",
                "latitude",
                "longitude",
                "description",
                "within",
            ],
            rows,
        )
        first = self.loader.next_id(PlaceName)
        self.loader.load(
            PlaceName,
            ["id", "place", "name", "normalized", "type", "language"],
            (
                (first + i, pk, name, normalize(name), NameType.PREFERRED, "")
                for i, (pk, name) in enumerate(names)
            ),
        )
        self.place_pick = Weighted(ids, self.weights(n, 1.2), rng)

    def organisations(self):
        rng, n = self.rng, self.counts["organisations"]
        ids = self.ids(Organisation, n)
        kinds = [
            (OrganisationKind.GROUP, 30),
            (OrganisationKind.PARTY, 15),
            (OrganisationKind.PUBLISHER, 15),
            (OrganisationKind.COMMITTEE, 10),
            (OrganisationKind.FACTION, 8),
            (OrganisationKind.TRADE_UNION, 8),
            (OrganisationKind.EDITORIAL_GROUP, 6),
            (OrganisationKind.STATE_AGENCY, 4),
            (OrganisationKind.ARCHIVE, 4),
        ]
        rows, names, publishers = [], [], []
        for pk in ids:
            kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
            name = f"{kind.label.title()} {rng.choice(LAST)} {pk}"
            start = rng.randint(1880, 1940)
            s, sl, su = dated(start, rng)
            e, el, eu = dated(start + rng.randint(1, 40), rng) if rng.random() < 0.6 else dated(None, rng)
            rows.append(
                (
                    pk,
                    *self.stamp(),
                    make_slug(name),
                    name,
                    kind,
                    "",
                    s,
                    sl,
                    su,
                    e,
                    el,
                    eu,
                    None,
                    self.place_pick.pick() if rng.random() < 0.7 else None,
                )
            )
            names.append((pk, name))
            if kind == OrganisationKind.PUBLISHER:
                publishers.append(pk)
        self.loader.load(
            Organisation,
            [
                "id",
                "created",
                "modified",
                "slug",
                "name",
                "kind",
                "description",
                "start",
                "start_lower",
                "start_upper",
                "end",
                "end_lower",
                "end_upper",
                "merged_into",
                "place",
            ],
            rows,
        )
        first = self.loader.next_id(OrganisationName)
        self.loader.load(
            OrganisationName,
            ["id", "organisation", "name", "normalized", "type", "language"],
            (
                (first + i, pk, name, normalize(name), NameType.PREFERRED, "")
                for i, (pk, name) in enumerate(names)
            ),
        )
        self.organisation_pick = Weighted(ids, self.weights(n, 1.2), rng)
        self.publishers = publishers or list(ids)

    # ------------------------------------------------------------ persons and their names

    def surname_pool(self):
        """~20,000 surnames (the famous ones among them), with Zipf-like frequencies."""
        rng = self.rng
        pool = set()
        while len(pool) < 20_000:
            pool.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize())
        pool = sorted(pool - set(LAST))
        rng.shuffle(pool)
        for i, famous in enumerate(LAST):  # common enough to be found, rare enough to be specific
            pool.insert(300 + 40 * i, famous)
        return Weighted(pool, [1 / (rank + 1) ** 0.9 for rank in range(len(pool))], rng)

    def persons(self):
        rng, n = self.rng, self.counts["persons"]
        ids = self.ids(Person, n)
        self.person_ids = ids
        # Activity: Pareto, largest first; the first person of the batch is the great hub.
        weights = self.weights(n, 2.0)
        weights[0] = weights[1] * 3
        merged = set(rng.sample(range(n // 2, n), n // 200))  # duplicates, among the least active
        for i in merged:
            weights[i] = 0
        surnames = self.surname_pool()
        firsts = Weighted(FIRST, [1 / (r + 1) ** 0.7 for r in range(len(FIRST))], rng)

        # Circles: ~80 persons each on average, sizes heavy-tailed.
        circle_count = max(1, n // 80)
        circle_pick = Weighted(range(circle_count), self.weights(circle_count, 1.5), rng)
        self.circle = [circle_pick.pick() for _ in range(n)]
        members = [[] for _ in range(circle_count)]
        for i in range(n):
            members[self.circle[i]].append(i)
        self.circle_pick = [Weighted([ids[i] for i in m], [weights[i] for i in m], rng) for m in members]
        self.person_pick = Weighted(ids, weights, rng)
        self.weight = weights

        rows, aliases = [], []
        self.first_names, self.surnames, self.pseudonym = [], [], {}
        for i, pk in enumerate(ids):
            first, last = firsts.pick(), surnames.pick()
            name = f"{first} {last}"
            self.first_names.append(first)
            self.surnames.append(last)
            birth_year = rng.randint(1840, 1930) if rng.random() < 0.9 else None
            death_year = birth_year + rng.randint(20, 90) if birth_year and rng.random() < 0.85 else None
            b, bl, bu = dated(birth_year, rng)
            d, dl, du = dated(death_year, rng)
            description = (
                f"{rng.choice(CALLINGS)} of {rng.choice(PLACE_NAMES)}." if rng.random() < 0.3 else ""
            )
            rows.append(
                (
                    pk,
                    *self.stamp(),
                    make_slug(name),
                    name,
                    f"{last}, {first}",
                    description,
                    b,
                    bl,
                    bu,
                    d,
                    dl,
                    du,
                    ids[rng.randrange(0, n // 2)] if i in merged else None,
                    self.place_pick.pick() if rng.random() < 0.3 else None,
                    self.place_pick.pick() if death_year and rng.random() < 0.2 else None,
                )
            )
            forms = {(name, NameType.PREFERRED, ""), (last, NameType.SURNAME, "")}
            if rng.random() < 0.25:
                pseudonym = (
                    rng.choice(PSEUDONYMS) if rng.random() < 0.3 else f"{firsts.pick()} {surnames.pick()}"
                )
                forms.add((pseudonym, NameType.PSEUDONYM, ""))
                self.pseudonym[pk] = pseudonym
            if rng.random() < 0.25:
                forms.add((f"{first[0]}. {last}", NameType.INITIALS, ""))
            if rng.random() < 0.2:
                variant = last.replace("v", "w").replace("ch", "tch").replace("i", "y")
                if variant != last:
                    forms.add((f"{first} {variant}", NameType.TRANSLITERATION, "ru"))
            if rng.random() < 0.1:
                forms.add((f"{first} {surnames.pick()}", NameType.BIRTH, ""))
            if rng.random() < 0.1:
                forms.add((f"{first} {last.upper()}", NameType.VARIANT, ""))
            aliases.extend((pk, *form) for form in sorted(forms))
        self.loader.load(
            Person,
            [
                "id",
                "created",
                "modified",
                "slug",
                "name",
                "sort_name",
                "description",
                "birth",
                "birth_lower",
                "birth_upper",
                "death",
                "death_lower",
                "death_upper",
                "merged_into",
                "birth_place",
                "death_place",
            ],
            rows,
        )
        first = self.loader.next_id(Alias)
        alias_fields = ["id", "person", "name", "normalized", "type", "language", "period", "note"]
        self.loader.load(
            Alias,
            alias_fields,
            (
                (first + i, pk, alias, normalize(alias), kind, language, "", "")
                for i, (pk, alias, kind, language) in enumerate(aliases)
            ),
        )

    def near(self, pk):
        """A person close to `pk`: mostly from the same circle, else anyone (by activity)."""
        circle = self.circle_pick[self.circle[pk - self.person_ids[0]]]
        return circle.pick() if circle and self.rng.random() < 0.75 else self.person_pick.pick()

    # ------------------------------------------------------------ bibliography

    def periodicals(self):
        rng, n = self.rng, self.counts["periodicals"]
        ids = self.ids(Periodical, n)
        rows = []
        for pk in ids:
            title = f"{rng.choice(['La', 'Le', 'Die', 'The', 'El'])} {rng.choice(WORDS).capitalize()} {pk}"
            rows.append(
                (
                    pk,
                    *self.stamp(),
                    make_slug(title),
                    title,
                    rng.choices([code for code, _ in LANGUAGES], [w for _, w in LANGUAGES])[0],
                    "",
                    self.place_pick.pick(),
                    rng.choice(self.publishers) if rng.random() < 0.5 else None,
                )
            )
        self.loader.load(
            Periodical,
            ["id", "created", "modified", "slug", "title", "language", "description", "place", "publisher"],
            rows,
        )
        self.periodical_pick = Weighted(ids, self.weights(n, 1.2), rng)

    def works(self):
        rng, n = self.rng, self.counts["works"]
        ids = self.ids(Work, n)
        self.work_ids = ids
        languages = Weighted([c for c, _ in LANGUAGES], [w for _, w in LANGUAGES], rng)
        types = Weighted([t for t, _ in WORK_TYPES], [w for _, w in WORK_TYPES], rng)
        # Authors: one person in five writes; output is heavy-tailed, the great hub writes most.
        authors = sorted(rng.sample(range(len(self.person_ids)), len(self.person_ids) // 5) + [0])
        author_pick = Weighted(
            [self.person_ids[i] for i in authors], [self.weight[i] ** 1.5 for i in authors], rng
        )
        works, editions, credits, about, relations = [], [], [], [], []
        edition_id = self.loader.next_id(Edition)
        collections = []
        for pk in ids:
            kind = types.pick()
            language = languages.pick()
            status = rng.choices(
                [WorkStatus.PUBLISHED, WorkStatus.UNPUBLISHED, WorkStatus.LOST, WorkStatus.CONFISCATED],
                [95, 3, 1, 1],
            )[0]
            title = f"{rng.choice(TITLE_HEADS)}{rng.choice(TITLE_TAILS)}"
            year = rng.randint(1900, 1990)
            written = dated(year - rng.randint(0, 3), rng) if rng.random() < 0.3 else dated(None, rng)
            published = dated(year, rng, 0.05) if status == WorkStatus.PUBLISHED else dated(None, rng)
            works.append(
                (
                    pk,
                    *self.stamp(),
                    make_slug(title),
                    title,
                    language,
                    kind,
                    status,
                    *written,
                    *published,
                    "",
                    None,
                )
            )
            if kind == WorkType.COLLECTION:
                collections.append(pk)
            author = author_pick.pick()
            credited = self.pseudonym.get(author, "") if rng.random() < 0.3 else ""
            credits.append(
                [
                    author,
                    pk,
                    None,
                    Contribution.Role.SENDER if kind == WorkType.LETTER else Contribution.Role.AUTHOR,
                    credited,
                    0,
                ]
            )
            if kind == WorkType.LETTER:
                credits.append([self.near(author), pk, None, Contribution.Role.RECIPIENT, "", 1])
            elif rng.random() < 0.08:
                credits.append([self.near(author), pk, None, Contribution.Role.COAUTHOR, "", 1])
            if kind in (WorkType.BIOGRAPHY, WorkType.MEMOIR) or rng.random() < 0.02:
                about.append((pk, self.person_pick.pick()))
            if status != WorkStatus.PUBLISHED:
                continue
            # The first edition, then perhaps translations and reprints.
            first_edition = edition_id
            in_periodical = kind in PERIODICAL_TYPES
            periodical = self.periodical_pick.pick() if in_periodical else None
            editions.append(
                (
                    edition_id,
                    *self.stamp(),
                    title,
                    language,
                    *published,
                    "",
                    str(rng.randint(1, 40)) if periodical else "",
                    str(rng.randint(1, 300)) if periodical else "",
                    f"{rng.randint(1, 20)}-{rng.randint(21, 40)}" if periodical else "",
                    "",
                    None if periodical else self.place_pick.pick(),
                    None if periodical else rng.choice(self.publishers),
                    None,
                    periodical,
                    pk,
                )
            )
            edition_id += 1
            while rng.random() < (0.25 if not in_periodical else 0.08):
                other = languages.pick()
                later = dated(min(year + rng.randint(1, 40), 2020), rng, 0)
                translated = other != language
                editions.append(
                    (
                        edition_id,
                        *self.stamp(),
                        f"{title} ({other})" if translated else title,
                        other,
                        *later,
                        "",
                        "",
                        "",
                        "",
                        "",
                        self.place_pick.pick(),
                        rng.choice(self.publishers),
                        first_edition if translated else None,
                        None,
                        pk,
                    )
                )
                if translated:
                    credits.append(
                        [self.person_pick.pick(), None, edition_id, Contribution.Role.TRANSLATOR, "", 0]
                    )
                if rng.random() < 0.1:
                    credits.append([self.near(author), None, edition_id, Contribution.Role.PREFACE, "", 1])
                edition_id += 1
        for row in works:  # a few pieces are parts of a collection
            if collections and row[6] in PERIODICAL_TYPES and rng.random() < 0.03:
                relations.append(
                    (row[0], WorkRelation.Type.PART_OF, rng.choice(collections), rng.randint(0, 20))
                )
        self.loader.load(
            Work,
            [
                "id",
                "created",
                "modified",
                "slug",
                "title",
                "language",
                "type",
                "status",
                "written",
                "written_lower",
                "written_upper",
                "first_published",
                "first_published_lower",
                "first_published_upper",
                "description",
                "merged_into",
            ],
            works,
        )
        self.loader.load(
            Edition,
            [
                "id",
                "created",
                "modified",
                "title",
                "language",
                "date",
                "date_lower",
                "date_upper",
                "series",
                "volume",
                "issue",
                "pages",
                "note",
                "place",
                "publisher",
                "translation_of",
                "periodical",
                "work",
            ],
            editions,
        )
        first = self.loader.next_id(Contribution)
        self.loader.load(
            Contribution,
            ["id", "person", "work", "edition", "role", "credited_as", "order"],
            ((first + i, *row) for i, row in enumerate(credits)),
        )
        through = Work.about.through
        first = self.loader.next_id(through)
        self.loader.load(
            through, ["id", "work", "person"], ((first + i, *row) for i, row in enumerate(about))
        )
        first = self.loader.next_id(WorkRelation)
        self.loader.load(
            WorkRelation,
            ["id", "subject", "type", "object", "order"],
            ((first + i, *row) for i, row in enumerate(relations)),
        )
        self.work_pick = Weighted(ids, self.weights(n, 1.5), rng)

    # ------------------------------------------------------------ the sources and what they name

    def mentions(self):
        """Paragraph by paragraph through the sources; each paragraph names a few
        persons of one circle (or anyone), and now and then a work, place or organisation."""
        rng = self.rng
        total, n_sources = self.counts["mentions"], self.counts["sources"]
        source_ids = self.ids(Source, n_sources)
        source_weights = self.weights(n_sources, 1.2)
        quota = [max(1, int(total * w / sum(source_weights))) for w in source_weights]
        quota[0] += total - sum(quota)
        sizes = Weighted([s for s, _ in PARAGRAPH_SIZES], [w for _, w in PARAGRAPH_SIZES], rng)
        self.source_length = {}
        comentions = Counter()
        first_id = self.loader.next_id(Mention)

        def rows():
            mid = first_id
            for source, wanted in zip(source_ids, quota, strict=True):
                made = paragraph = 0
                while made < wanted:
                    anchor = self.person_pick.pick()
                    persons = [anchor] + [self.near(anchor) for _ in range(sizes.pick() - 1)]
                    slots = persons[: wanted - made]
                    named = set()
                    base = paragraph * 1000
                    step = 900 // (len(slots) + 1)
                    for k, person in enumerate(slots):
                        roll = rng.random()
                        target = {"person": None, "work": None, "organisation": None, "place": None}
                        if roll < 0.88:
                            target["person"] = person
                            i = person - self.person_ids[0]
                            first, last = self.first_names[i], self.surnames[i]
                            form = rng.random()
                            surface = (
                                last
                                if form < 0.5
                                else (
                                    self.pseudonym[person]
                                    if form > 0.9 and person in self.pseudonym
                                    else f"{first} {last}"
                                )
                            )
                        elif roll < 0.93:
                            target["work"] = self.work_pick.pick()
                            surface = rng.choice(TITLE_HEADS)
                        elif roll < 0.97:
                            target["organisation"] = self.organisation_pick.pick()
                            surface = f"the {rng.choice(['party', 'group', 'committee', 'journal'])}"
                        else:
                            target["place"] = self.place_pick.pick()
                            surface = rng.choice(PLACE_NAMES)
                        status = rng.random()
                        status = (
                            "machine"
                            if status < 0.85
                            else "confirmed"
                            if status < 0.94
                            else "unresolved"
                            if status < 0.99
                            else "rejected"
                        )
                        if status == "unresolved":
                            target = dict.fromkeys(target)
                        elif status != "rejected" and target["person"]:
                            named.add(person)
                        start = base + (k + 1) * step
                        before, after = " ".join(rng.sample(WORDS, 5)), " ".join(rng.sample(WORDS, 5))
                        snippet = f"… {before} {surface} {after} …"
                        yield (
                            mid,
                            source,
                            start,
                            start + len(surface),
                            surface,
                            snippet,
                            paragraph,
                            status,
                            "synthetic",
                            target["person"],
                            target["organisation"],
                            target["place"],
                            target["work"],
                        )
                        mid += 1
                    made += len(slots)
                    for a, b in itertools.combinations(sorted(named), 2):
                        comentions[a, b] += 1
                    paragraph += 1
                self.source_length[source] = paragraph * 1000 + 1000

        self.loader.load(
            Mention,
            [
                "id",
                "source",
                "start",
                "end",
                "surface",
                "snippet",
                "paragraph",
                "status",
                "rule",
                "person",
                "organisation",
                "place",
                "work",
            ],
            rows(),
        )
        self.loader.load(
            Source,
            ["id", "created", "modified", "file_name", "title", "description", "checksum", "length"],
            (
                (
                    pk,
                    *self.stamp(),
                    f"synthetic-{pk:04d}.txt",
                    f"Synthetic source {pk}",
                    "",
                    "0" * 64,
                    self.source_length[pk],
                )
                for pk in source_ids
            ),
        )
        self.source_pick = Weighted(source_ids, source_weights, rng)
        first = self.loader.next_id(CoMention)
        self.loader.load(
            CoMention,
            ["id", "first", "second", "weight"],
            ((first + i, a, b, weight) for i, ((a, b), weight) in enumerate(sorted(comentions.items()))),
        )

    # ------------------------------------------------------------ ties, memberships, claims

    def relationships(self):
        rng, n = self.rng, self.counts["relationships"]
        by_kind = {}
        for pk, kind in RelationshipType.objects.values_list("pk", "kind"):
            by_kind.setdefault(kind, []).append(pk)
        kinds = Weighted(
            [k for k in RELATIONSHIP_KIND_WEIGHTS if k in by_kind],
            [w for k, w in RELATIONSHIP_KIND_WEIGHTS.items() if k in by_kind],
            rng,
        )
        first = self.loader.next_id(Relationship)
        pairs = set()
        rows = []
        while len(rows) < n:
            subject = self.person_pick.pick()
            for attempt in range(50):  # a hub's own circle is soon exhausted: then anyone
                obj = self.near(subject) if attempt < 5 else self.person_pick.pick()
                pair = (min(subject, obj), max(subject, obj))
                if subject != obj and pair not in pairs:
                    break
            else:
                continue
            pairs.add(pair)
            pk = first + len(rows)
            start = end = dated(None, rng)
            if rng.random() < 0.7:  # most ties are dated, some are not
                year = rng.randint(1890, 1947)
                start = dated(year, rng)
                end = dated(year + rng.randint(0, 15), rng) if rng.random() < 0.7 else dated(None, rng)
            certainty = rng.choices(["certain", "probable", "possible"], [80, 15, 5])[0]
            rows.append(
                (
                    pk,
                    *self.stamp(),
                    *start,
                    *end,
                    certainty,
                    "deprecated" if rng.random() < 0.02 else "normal",
                    "",
                    obj,
                    subject,
                    rng.choice(by_kind[kinds.pick()]),
                )
            )
        self.loader.load(
            Relationship,
            [
                "id",
                "created",
                "modified",
                "start",
                "start_lower",
                "start_upper",
                "end",
                "end_lower",
                "end_upper",
                "certainty",
                "rank",
                "note",
                "object",
                "subject",
                "type",
            ],
            rows,
        )
        self.cite(Relationship, [row[0] for row in rows if rng.random() < 1 / 3], "relationship")

    def cite(self, model, record_ids, field):
        """One citation each for `record_ids` (rows of `model`), through its M2M table."""
        first = self.loader.next_id(Citation)
        self.loader.load(
            Citation, self.CITATION_FIELDS, (self.citation(first + i) for i in range(len(record_ids)))
        )
        through = model.citations.through
        start = self.loader.next_id(through)
        self.loader.load(
            through,
            ["id", field, "citation"],
            ((start + i, pk, first + i) for i, pk in enumerate(record_ids)),
        )

    def memberships(self):
        rng, n = self.rng, self.counts["memberships"]
        ids = self.ids(Membership, n)
        rows = []
        for pk in ids:
            year = rng.randint(1890, 1945)
            start = dated(year, rng) if rng.random() < 0.7 else dated(None, rng)
            end = dated(year + rng.randint(0, 20), rng) if rng.random() < 0.5 else dated(None, rng)
            rows.append(
                (
                    pk,
                    *self.stamp(),
                    rng.choices(
                        ["member", "founder", "leader", "editor", "secretary", "delegate"],
                        [70, 5, 5, 8, 6, 6],
                    )[0],
                    *start,
                    *end,
                    "certain",
                    "normal",
                    "",
                    self.organisation_pick.pick(),
                    self.person_pick.pick(),
                )
            )
        self.loader.load(
            Membership,
            [
                "id",
                "created",
                "modified",
                "role",
                "start",
                "start_lower",
                "start_upper",
                "end",
                "end_lower",
                "end_upper",
                "certainty",
                "rank",
                "note",
                "organisation",
                "person",
            ],
            rows,
        )
        self.cite(Membership, [pk for pk in ids if rng.random() < 0.2], "membership")

    def claims(self):
        """Dated births for a quarter of the persons, each cited; one in ten contested
        by a second source a year off."""
        rng = self.rng
        first = self.loader.next_id(Claim)
        rows = []
        births = Person.objects.filter(pk__in=self.person_ids, birth_lower__isnull=False).values_list(
            "pk", "birth_lower"
        )
        for person, birth in births.iterator(chunk_size=10_000):
            if rng.random() >= 0.25:
                continue
            readings = [birth.year] + ([birth.year + rng.choice([-1, 1])] if rng.random() < 0.1 else [])
            for year in readings:
                rows.append(
                    (
                        first + len(rows),
                        *self.stamp(),
                        Claim.Attribute.BIRTH_DATE,
                        *dated(year, rng, 0),
                        "normal",
                        "",
                        None,
                        person,
                        None,
                        "certain",
                        "",
                    )
                )
        self.loader.load(
            Claim,
            [
                "id",
                "created",
                "modified",
                "attribute",
                "date",
                "date_lower",
                "date_upper",
                "rank",
                "rank_reason",
                "event",
                "person",
                "place",
                # Columns with a Python default only: COPY would leave them NULL.
                "certainty",
                "value_text",
            ],
            rows,
        )
        self.cite(Claim, [row[0] for row in rows], "claim")
