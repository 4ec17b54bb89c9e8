"""What the parser hands back: plain records in lists, one list per kind, and a report.

Kept apart from the parser's modules so that bibliography/cited.py and
bibliography/fixtures.py can name the shape of the result without importing the parser.
"""

from dataclasses import dataclass, field

SOURCE = "001_29ff760426a99548.txt"  # the thesis, in the seeds directory
SERGE = "serge-victor"
RECORD_LISTS = (
    "works",
    "editions",
    "contributions",
    "work_relations",
    "holdings",
    "periodicals",
    "persons",
    "organisations",
    "places",
)


@dataclass
class ParsedBibliography:
    works: list = field(default_factory=list)
    editions: list = field(default_factory=list)
    contributions: list = field(default_factory=list)
    work_relations: list = field(default_factory=list)
    holdings: list = field(default_factory=list)
    periodicals: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    places: list = field(default_factory=list)
    report: dict = field(default_factory=dict)
    # Filled by cited.py from the works cited elsewhere in the documents.
    work_mentions: list = field(default_factory=list)
    extracts: list = field(default_factory=list)
