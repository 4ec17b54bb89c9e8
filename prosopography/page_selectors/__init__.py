"""Reads for the readers' pages: everything a person's or organisation's page shows,
fetched in a fixed number of queries whatever the size of the record.

Each function returns plain dictionaries and lists ready for a template, so the
views stay thin and the templates never trigger a query of their own.

The package is cut along the pages' seams; each module imports only those before it:

- `mentions`: paginating a record's mentions, grouping them by source, the source
  page's mentions and what they can be filtered by;
- `readings`: the readings about a record and its ties, the facts a page shows,
  the index of contested facts;
- `persons`: the person page, its summary at a glance, the places for its map, the
  chronological order of events, a record's identifiers;
- `records`: the organisation and place pages, the indexes of persons,
  organisations, places and sources.

Every public name is re-exported here, so callers keep `page_selectors.<name>`.
"""

from .mentions import (
    MENTIONS_PER_PAGE,
    REVIEW_STATUSES,
    SOURCE_ENTITY_KINDS,
    SOURCE_NAMED_LIMIT,
    mentions_by_source,
    paginate_mentions,
    source_entity,
    source_mentions,
    source_named,
    source_page_of_paragraph,
)
from .persons import (
    EVENT_BOUNDS,
    GLANCE_NAMES,
    GLANCE_PLACES,
    GLANCE_ROLES,
    chronological,
    identifiers_of,
    map_places,
    person_page,
)
from .readings import contested_index, facts_for_page, reading_value, readings_about, readings_about_ties
from .records import (
    PLACE_SORTS,
    PLACES_CONTAINED_SHOWN,
    organisation_page,
    organisations_index,
    persons_index,
    place_page,
    places_index,
    sources_index,
)

__all__ = [
    "EVENT_BOUNDS",
    "GLANCE_NAMES",
    "GLANCE_PLACES",
    "GLANCE_ROLES",
    "MENTIONS_PER_PAGE",
    "PLACE_SORTS",
    "PLACES_CONTAINED_SHOWN",
    "REVIEW_STATUSES",
    "SOURCE_ENTITY_KINDS",
    "SOURCE_NAMED_LIMIT",
    "chronological",
    "contested_index",
    "facts_for_page",
    "identifiers_of",
    "map_places",
    "mentions_by_source",
    "organisation_page",
    "organisations_index",
    "paginate_mentions",
    "person_page",
    "persons_index",
    "place_page",
    "places_index",
    "reading_value",
    "readings_about",
    "readings_about_ties",
    "source_entity",
    "source_mentions",
    "source_named",
    "source_page_of_paragraph",
    "sources_index",
]
