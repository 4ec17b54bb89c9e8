"""Synthetic places, organisations, persons and their name forms."""

from common.text import make_slug, normalize
from prosopography.models import (
    Alias,
    NameType,
    Organisation,
    OrganisationKind,
    OrganisationName,
    Person,
    Place,
    PlaceKind,
    PlaceName,
)

from .loader import (
    Weighted,
    dated,
)
from .vocabulary import (
    CALLINGS,
    FIRST,
    LAST,
    PLACE_NAMES,
    PSEUDONYMS,
    SYLLABLES,
)


class PeopleMixin:
    """Methods of SyntheticWorld (world.py), which holds the state they share."""

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
