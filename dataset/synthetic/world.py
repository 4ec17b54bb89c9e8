"""The synthetic world: the order in which its tables are written, and the helpers
the record generators (people, works, evidence) share."""

import random
import time

from django.db import connection, transaction
from django.utils import timezone

from .evidence import EvidenceMixin
from .loader import Loader
from .people import PeopleMixin
from .vocabulary import (
    BASE,
    WORDS,
)
from .works import WorksMixin


class SyntheticWorld(PeopleMixin, WorksMixin, EvidenceMixin):
    """`generate()` adds the records to the database; `write` receives the progress lines."""

    def __init__(self, scale, seed, write, success=str):
        self.scale, self.seed, self.write_line, self.success = scale, seed, write, success

    def generate(self):
        scale, seed = self.scale, self.seed

        started = time.perf_counter()
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.counts = {key: max(3, int(value * scale)) for key, value in BASE.items()}
        self.loader = Loader(self.write_line)
        self.write_line(f"Generating {self.counts} (seed {seed}) ...")
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
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics for the planner, and the visibility map that index-only
            # scans and counts rely on (autovacuum would get there, later). VACUUM cannot
            # run inside a transaction: called within one (a test), it is left out.
            vacuum = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.write_line(f"  VACUUM ANALYZE ({time.perf_counter() - vacuum:.0f} s)")
        total = sum(self.loader.counts.values())
        self.write_line(self.success(f"Done: {total:,} rows in {time.perf_counter() - started:.0f} s."))
        for label, count in self.loader.counts.items():
            self.write_line(f"  {label:36} {count:>10,}")

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
