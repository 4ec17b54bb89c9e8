"""Synthetic sources and their mentions and co-mentions; ties, memberships and claims with their citations."""

import itertools
from collections import Counter

from django.core.management.base import CommandError

from prosopography.models import (
    Citation,
    Claim,
    CoMention,
    Membership,
    Mention,
    Person,
    Relationship,
    RelationshipType,
    Source,
)

from .loader import (
    Weighted,
    dated,
)
from .vocabulary import (
    PARAGRAPH_SIZES,
    PLACE_NAMES,
    RELATIONSHIP_KIND_WEIGHTS,
    TITLE_HEADS,
    WORDS,
)


class EvidenceMixin:
    """Methods of SyntheticWorld (world.py), which holds the state they share."""

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
        if not by_kind:
            # The vocabulary comes with the migrations (prosopography 0002); a flushed
            # database has none, and the ties would have no type to draw from.
            raise CommandError("No relationship types: run `migrate` on a fresh database first.")
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
