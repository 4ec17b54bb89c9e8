"""The one search of the site and the API: plumbing and the registry of searchers.

Each app registers, in its AppConfig.ready(), a searcher per kind of record it
owns (prosopography: persons, organisations, places, passages; bibliography:
works); `search()` runs them and ranks the results together. The reader's
search page and /api/v1/search/ both call `search()`, so they find the same.

Matching ignores accents, capitals and punctuation ("maitrejean" finds
Maîtrejean). Ranking: exact name, then a name beginning with the query, then a
word of it, then the query anywhere; then, on PostgreSQL, near spellings
(trigram similarity); passages last.
"""

from django.db import connection
from django.db.models import Case, CharField, Func, IntegerField, Q, Value, When

from .text import normalize

MIN_QUERY_LENGTH = 2
# Best matches kept per kind of record before the kinds are merged and paginated.
SEARCH_LIMIT_PER_TYPE = 200

EXACT, PREFIX, WORD_PREFIX, CONTAINS, FUZZY = 4, 3, 2, 1, 0
SCORES = {EXACT: 1.0, PREFIX: 0.8, WORD_PREFIX: 0.6, CONTAINS: 0.4, FUZZY: 0.2}

_searchers = {}  # kind of record -> (order, function(q) -> results)


def register(type_, searcher, order):
    """`searcher(q)` takes the normalised query and returns result dicts (see `result`)."""
    _searchers[type_] = (order, searcher)


def search_types():
    return tuple(sorted(_searchers, key=lambda type_: _searchers[type_][0]))


class Normalized(Func):
    """SQL twin of text.normalize(): lower-case, accent- and punctuation-free.

    PostgreSQL: `serge_normalize`, an immutable SQL function wrapping unaccent
    (prosopography migration 0014), so that trigram GIN indexes on
    `serge_normalize(name)` serve the search. SQLite: the Python function itself,
    registered on the connection (correct, if slower: it runs row by row)."""

    output_field = CharField()
    function = "serge_normalize"


def prepare_connection():
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("serge_normalize", 1, normalize, deterministic=True)


def fts_table(name):
    """`name` if this is SQLite and the FTS5 table exists (migration 0014 creates it
    where SQLite has FTS5), else None: the caller then keeps its slow path."""
    if connection.vendor != "sqlite":
        return None
    known = connection.__dict__.setdefault("_serge_fts_tables", {})
    if name not in known:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [name])
            known[name] = cursor.fetchone() is not None
    return name if known[name] else None


def fts_phrase(q):
    """An FTS5 query for the normalised query `q`: its words in a row, the last one
    as a prefix ("victor ser" -> `"victor ser" *`). `q` holds only [a-z0-9 ]."""
    return f'"{q}" *'


def _tier(field, q):
    """How well a normalised column matches: exact, prefix, a word's prefix, inside."""
    return Case(
        When(**{field: q}, then=Value(EXACT)),
        When(**{f"{field}__startswith": q}, then=Value(PREFIX)),
        When(**{f"{field}__contains": f" {q}"}, then=Value(WORD_PREFIX)),
        When(**{f"{field}__contains": q}, then=Value(CONTAINS)),
        default=Value(FUZZY),
        output_field=IntegerField(),
    )


def matches(queryset, field, q, fuzzy=False):
    """Rows whose normalised `field` contains q, best first, annotated with a `tier`.

    `fuzzy` (PostgreSQL, stored normalised columns only) also admits near spellings
    by trigram similarity, ranked below every literal match."""
    condition = Q(**{f"{field}__contains": q})
    if fuzzy and connection.vendor == "postgresql":
        condition |= Q(**{f"{field}__trigram_similar": q})
    return queryset.filter(condition).annotate(tier=_tier(field, q)).order_by("-tier")[:SEARCH_LIMIT_PER_TYPE]


def keep_best(results, key, result):
    current = results.get(key)
    if current is None or result["score"] > current["score"]:
        results[key] = result


def result(type_, pk, label, tier, url, page=None, **extra):
    """One search result: the record's kind, id, label, API URL, page URL (when it
    has a page) and score."""
    found = {"type": type_, "id": pk, "label": label, "url": url, "score": SCORES[tier], **extra}
    if page:
        found["page"] = page
    return found


def normalize_query(text):
    """The query as matched: normalised; ValueError if too short to mean anything."""
    q = normalize(text)
    if len(q.replace(" ", "")) < MIN_QUERY_LENGTH:
        raise ValueError(f"Give at least {MIN_QUERY_LENGTH} letters or digits to search for.")
    return q


def search(text, types=None):
    """Records and passages matching `text`, best first, as a list of dicts:
    {type, id, label, url, page?, score, snippet?}. At most SEARCH_LIMIT_PER_TYPE
    results of each type; two queries per type at most. ValueError for a query
    too short to search."""
    q = normalize_query(text)
    prepare_connection()
    order = {name: i for i, name in enumerate(search_types())}
    results = []
    for type_ in types or search_types():
        results.extend(_searchers[type_][1](q))
    results.sort(key=lambda r: (-r["score"], order[r["type"]], normalize(r["label"]), r["id"]))
    return results
