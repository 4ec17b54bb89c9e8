"""The network of persons: the reads behind the network endpoints and view.

Plain functions that return plain data (a networkx graph, lists of dicts), so that
views stay thin and the same answers serve JSON, GraphML, GEXF and TEI alike.

The question here: who is tied to whom, by curated relationships (with their
evidence) and by co-mention in the sources, around one person (`network()`) or
across the whole prosopography. Search is in prosopography.search.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

import networkx as nx
from django.db import connection
from django.db.models import Q
from django.urls import NoReverseMatch

from common import dates
from common.urls import page_url_maker, url_maker

from .models import (
    Alias,
    CoMention,
    Person,
    Relationship,
    RelationshipType,
)

# ---------------------------------------------------------------- the network

CO_MENTION = "co-mention"
RELATIONSHIP_KINDS = tuple(RelationshipType.Kind.values)
EDGE_KINDS = RELATIONSHIP_KINDS + (CO_MENTION,)
# Names users reach for, mapped to the kinds the vocabulary uses.
KIND_SYNONYMS = {
    "co-authorship": "literary",
    "coauthorship": "literary",
    "comention": CO_MENTION,
    "co-mentions": CO_MENTION,
}
MAX_DEPTH = 3
#: The most persons a network around one person returns unless asked for more
#: (?max_nodes=, up to MAX_NODE_LIMIT): nearest first, and among persons as near,
#: those with the most ties to the persons one step closer (then by id). A cut
#: network says so (`truncated`, with the totals): never silently.
NODE_LIMIT = 1000
MAX_NODE_LIMIT = 20000


def parse_kinds(text):
    """'family,political,co-authorship' -> {'family', 'political', 'literary'}.

    Raises ValueError naming the unknown kind, so that the API can say which."""
    kinds = set()
    for raw in (text or "").split(","):
        word = raw.strip().lower()
        if not word:
            continue
        word = KIND_SYNONYMS.get(word, word)
        if word not in EDGE_KINDS:
            raise ValueError(
                f"Unknown kind “{raw.strip()}”. Choose among: {', '.join(EDGE_KINDS)}, co-authorship."
            )
        kinds.add(word)
    return kinds or None


@dataclass(frozen=True)
class EdgeFilter:
    """Which ties count: their kinds, the least co-mention weight, a period."""

    kinds: frozenset = frozenset(EDGE_KINDS)
    min_weight: int = 1
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def wants_relationships(self):
        return bool(self.kinds & set(RELATIONSHIP_KINDS))

    @property
    def wants_comentions(self):
        return CO_MENTION in self.kinds

    def relationships(self, live_only=True):
        """Curated ties between two unmerged persons, in the kinds and period asked.

        `live_only=False` leaves out the check that both persons are unmerged (two
        joins), for callers that already restrict both ends to unmerged persons."""
        qs = Relationship.objects.filter(type__kind__in=self.kinds & set(RELATIONSHIP_KINDS))
        if live_only:
            qs = qs.exclude(subject__in=_merged_person_ids()).exclude(object__in=_merged_person_ids())
        # A tie overlaps [start, end] unless it ended before start or began after end;
        # an open or undated side never excludes it (undated ties are flagged, not hidden).
        if self.start:
            qs = qs.filter(Q(end_upper__isnull=True) | Q(end_upper__gte=self.start))
        if self.end:
            qs = qs.filter(Q(start_lower__isnull=True) | Q(start_lower__lte=self.end))
        return qs

    def comentions(self, live_only=True):
        qs = CoMention.objects.filter(weight__gte=self.min_weight)
        if live_only:
            qs = qs.exclude(first__in=_merged_person_ids()).exclude(second__in=_merged_person_ids())
        return qs


def _merged_person_ids():
    """The few merged duplicates, as a subquery: excluding them (NOT IN, hashed by
    PostgreSQL) is cheaper than joining the person table twice for every tie."""
    return Person.objects.filter(merged_into__isnull=False).values("pk")


def _among(queryset, ids, *fields):
    """`queryset` filtered to rows whose `fields` all lie in `ids`. On PostgreSQL a
    long list travels as one array parameter (`IN (SELECT unnest(%s))`, which
    PostgreSQL joins by hashing; `= ANY(%s)` scanned the array per row): Django compiles an IN
    list value by value, which for the thousands of persons around a hub took
    longer than the queries themselves."""
    if connection.vendor == "postgresql" and len(ids) > 100:
        model = queryset.model._meta
        ids = list(ids)
        where = [
            f'"{model.db_table}"."{model.get_field(f).column}" IN (SELECT unnest(%s::bigint[]))'
            for f in fields
        ]
        return queryset.extra(where=where, params=[ids] * len(fields))
    return queryset.filter(**{f"{f}__in": ids for f in fields})


def _neighbour_ties(edge_filter, frontier):
    """Everyone tied to a person of `frontier`, with the number of those ties, in ONE
    query (a UNION ALL of the relationship and co-mention tables), whatever the size
    of the frontier."""
    parts = []
    if edge_filter.wants_relationships:
        rels = edge_filter.relationships()
        parts.append(_among(rels, frontier, "subject").values_list("object_id", flat=True))
        parts.append(_among(rels, frontier, "object").values_list("subject_id", flat=True))
    if edge_filter.wants_comentions:
        cms = edge_filter.comentions()
        parts.append(_among(cms, frontier, "first").values_list("second_id", flat=True))
        parts.append(_among(cms, frontier, "second").values_list("first_id", flat=True))
    if not parts:
        return Counter()
    # UNION needs bare selects on every database: drop the models' default ordering.
    parts = [part.order_by() for part in parts]
    return Counter(parts[0].union(*parts[1:], all=True))


def _ego_levels(edge_filter, person_id, depth):
    """Breadth-first search outwards from one person, one query per level: the
    levels, each ordered strongest first (most ties to the level before, then id)."""
    seen = {person_id}
    levels = [[person_id]]
    frontier = {person_id}
    for _ in range(depth):
        if not frontier:
            break
        ties = _neighbour_ties(edge_filter, frontier)
        level = sorted(set(ties) - seen, key=lambda pk: (-ties[pk], pk))
        levels.append(level)
        frontier = set(level)
        seen |= frontier
    return levels


def _edge_period(start, end, start_lower, end_upper):
    return {
        "start": start or "",
        "end": end or "",
        "not_before": start_lower.isoformat() if start_lower else "",
        "not_after": end_upper.isoformat() if end_upper else "",
        "dated": bool(start or end),
    }


def network(
    person_id=None,
    depth=1,
    kinds=None,
    min_weight=1,
    start=None,
    end=None,
    include_comentions=True,
    with_aliases=False,
    max_nodes=None,
):
    """The network of ties, as a networkx MultiDiGraph.

    Around `person_id` (breadth-first to `depth` steps, 1 to 3) or, without it, the
    whole network (every unmerged person with at least one tie). Edges run
    subject → object for relationships, lower id → higher id for co-mentions; two
    persons can be linked by several edges (spouses and comrades, and co-mentioned).
    The subgraph is induced: all ties among the persons reached are included, as in
    networkx's ego_graph.

    `kinds`: a set of EDGE_KINDS (None: all). `start`/`end`: datetime.date bounds of
    the period; ties overlapping it are kept, undated ties are kept with
    dated=False. Merged persons never appear. Queries: `depth` for the search, then
    one each for relationships, co-mentions, persons and citations (and aliases if
    asked) — never one per person.

    `max_nodes` (around a person only): keep at most that many persons, nearest
    first and strongest first within a level (`_ego_levels`); the graph then says
    in `graph.graph` that it was `truncated`, with `total_nodes` and `total_edges`
    of the whole network (two count queries more).
    """
    kinds = set(kinds or EDGE_KINDS)
    if not include_comentions:
        kinds.discard(CO_MENTION)
    edge_filter = EdgeFilter(frozenset(kinds), min_weight, start, end)

    cut = None
    if person_id is not None:
        reached = [pk for level in _ego_levels(edge_filter, person_id, depth) for pk in level]
        person_ids = set(reached)
        if max_nodes and len(reached) > max_nodes:
            cut = person_ids
            person_ids = set(reached[:max_nodes])
        # Everyone reached went through ties between unmerged persons, so is unmerged
        # (a merged starting person reaches no one, and has no tie to itself): the
        # ties among them need no second check.
        rel_qs = _among(edge_filter.relationships(live_only=False), person_ids, "subject", "object")
        cm_qs = _among(edge_filter.comentions(live_only=False), person_ids, "first", "second")
    else:
        person_ids = None
        rel_qs = edge_filter.relationships()
        cm_qs = edge_filter.comentions()

    graph = nx.MultiDiGraph()
    relationships = []
    if edge_filter.wants_relationships:
        relationships = list(
            rel_qs.order_by("id").values(
                "id",
                "subject_id",
                "object_id",
                "type__slug",
                "type__label",
                "type__kind",
                "type__inverse_id",
                "type_id",
                "start",
                "end",
                "start_lower",
                "end_upper",
                "certainty",
            )
        )
    comentions = []
    if edge_filter.wants_comentions:
        comentions = list(cm_qs.order_by("id").values("id", "first_id", "second_id", "weight"))

    if person_ids is None:
        person_ids = {r["subject_id"] for r in relationships} | {r["object_id"] for r in relationships}
        person_ids |= {c["first_id"] for c in comentions} | {c["second_id"] for c in comentions}
        # Subqueries rather than a list of ids: the whole network can be large.
        tied = Q(pk__in=[])
        if relationships:
            rel_ids = rel_qs.order_by()
            tied |= Q(pk__in=rel_ids.values("subject_id")) | Q(pk__in=rel_ids.values("object_id"))
        if comentions:
            cm_ids = cm_qs.order_by()
            tied |= Q(pk__in=cm_ids.values("first_id")) | Q(pk__in=cm_ids.values("second_id"))
        persons = Person.objects.filter(tied) if person_ids else Person.objects.none()
    else:
        persons = _among(Person.objects.all(), person_ids, "id")
    persons = persons.filter(merged_into__isnull=True).order_by("sort_name", "id")
    person_url = url_maker("person-detail")
    page_url = _page_url_maker()
    graph.add_nodes_from(
        (
            person["id"],
            {
                "name": person["name"],
                "sort_name": person["sort_name"],
                "birth": person["birth"],
                "death": person["death"],
                "url": person_url(person["id"]),
                "page": page_url(person["id"], person["slug"]),
            },
        )
        for person in persons.values("id", "name", "sort_name", "slug", "birth", "death")
    )
    if with_aliases:
        _add_aliases(graph)

    citations = {}
    if relationships:
        # Around a person, the ids at hand; for the whole network, a subquery (too many ids).
        citations = _citations_by_relationship(
            [rel["id"] for rel in relationships] if person_id is not None else rel_qs.order_by().values("id")
        )
    graph.add_edges_from(
        (
            rel["subject_id"],
            rel["object_id"],
            f"r{rel['id']}",
            {
                "id": f"r{rel['id']}",
                "type": rel["type__slug"],
                "label": rel["type__label"],
                "kind": rel["type__kind"],
                "symmetric": rel["type__inverse_id"] == rel["type_id"],
                "certainty": rel["certainty"],
                "weight": 1,
                "citations": citations.get(rel["id"], []),
                **_edge_period(rel["start"], rel["end"], rel["start_lower"], rel["end_upper"]),
            },
        )
        for rel in relationships
    )
    no_period = _edge_period("", "", None, None)
    graph.add_edges_from(
        (
            cm["first_id"],
            cm["second_id"],
            f"c{cm['id']}",
            {
                "id": f"c{cm['id']}",
                "type": CO_MENTION,
                "label": "named in the same paragraph as",
                "kind": CO_MENTION,
                "symmetric": True,
                "certainty": "",
                "weight": cm["weight"],
                "citations": [],
                **no_period,
            },
        )
        for cm in comentions
    )
    graph.graph.update(
        truncated=cut is not None,
        total_nodes=graph.number_of_nodes() if cut is None else len(cut),
        total_edges=graph.number_of_edges() if cut is None else _count_ties(edge_filter, cut),
    )
    return graph


def _count_ties(edge_filter, person_ids):
    """How many ties the uncut network around a person has (all among `person_ids`)."""
    total = 0
    if edge_filter.wants_relationships:
        rels = edge_filter.relationships(live_only=False)
        total += _among(rels, person_ids, "subject", "object").order_by().count()
    if edge_filter.wants_comentions:
        cms = edge_filter.comentions(live_only=False)
        total += _among(cms, person_ids, "first", "second").order_by().count()
    return total


def _citations_by_relationship(relationship_ids):
    """{relationship id: [citation dicts]}, in one query through the M2M table.
    `relationship_ids`: a list of ids or a queryset of them."""
    through = Relationship.citations.through
    rows = (
        through.objects.filter(relationship__in=relationship_ids)
        .order_by(
            "relationship_id",
            "citation__source__file_name",
            "citation__start",
            "citation_id",
        )
        .values(
            "relationship_id",
            "citation_id",
            "citation__source__file_name",
            "citation__quote",
            "citation__locator",
        )
    )
    by_relationship = {}
    for row in rows:
        by_relationship.setdefault(row["relationship_id"], []).append(
            {
                "id": row["citation_id"],
                "source": row["citation__source__file_name"],
                "quote": row["citation__quote"],
                "locator": row["citation__locator"],
            }
        )
    return by_relationship


def _page_url_maker():
    """Person pages' URLs (the records' permanent IRIs), or none where this URL
    configuration has no pages."""
    try:
        return page_url_maker("person-page")
    except NoReverseMatch:
        return lambda pk, slug: ""


def _add_aliases(graph):
    """Give each node its name forms (for the TEI personography), in one query."""
    for node in graph.nodes:
        graph.nodes[node]["aliases"] = []
    rows = Alias.objects.filter(person__in=list(graph.nodes)).order_by("person_id", "name")
    for row in rows.values("person_id", "name", "type", "language"):
        graph.nodes[row["person_id"]]["aliases"].append(
            {"name": row["name"], "type": row["type"], "language": row["language"]}
        )


def date_bound(text, upper=False):
    """A period bound from the API ('1936', '1936-05', any EDTF): its earliest day,
    or its latest if `upper`. Raises django's ValidationError when malformed."""
    lower_day, upper_day = dates.bounds(text)
    return upper_day if upper else lower_day
