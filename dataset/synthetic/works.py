"""Synthetic periodicals, works, editions and credits."""

from bibliography.models import Contribution, Edition, Periodical, Work, WorkRelation, WorkStatus, WorkType
from common.text import make_slug

from .loader import (
    Weighted,
    dated,
)
from .vocabulary import (
    LANGUAGES,
    PERIODICAL_TYPES,
    TITLE_HEADS,
    TITLE_TAILS,
    WORDS,
    WORK_TYPES,
)


class WorksMixin:
    """Methods of SyntheticWorld (world.py), which holds the state they share."""

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
