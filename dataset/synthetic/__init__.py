"""Fill a database with synthetic records of realistic shape, for load tests.

    python manage.py generate_synthetic --scale 1.0 [--seed 1890]

The package: `vocabulary` (the names, words and weights drawn from), `loader`
(bulk writing with explicit ids), `world` (SyntheticWorld: the order of the
tables and the shared helpers), and the records by subject: `people` (places,
organisations, persons and their names), `works` (periodicals, works, editions,
credits), `evidence` (sources, mentions, co-mentions, ties, memberships, claims).

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

from .world import SyntheticWorld

__all__ = ["SyntheticWorld"]
