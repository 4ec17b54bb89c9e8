"""The prosopography's searchers: persons, organisations and places by any of
their name forms, and the passages of the sources (mention snippets). They are
registered with the one search (common.search) in ProsopographyConfig.ready()."""

from django.db.models.expressions import RawSQL

from common import search
from common.urls import url_maker

from .models import Alias, Mention, Organisation, OrganisationName, Person, Place, PlaceName


def named_searcher(kind, records, names, fk, page_view=None):
    """A searcher of records by their name and by their other name forms (`names`,
    whose foreign key to the record is `fk`); each record once, at its best score."""

    def searcher(q):
        api_url = url_maker(f"{kind}-detail")
        page = url_maker(page_view) if page_view else (lambda pk: None)
        found = {}
        named = search.matches(records().annotate(n=search.Normalized("name")), "n", q)
        for row in named.values("id", "name", "tier"):
            search.keep_best(
                found,
                row["id"],
                search.result(kind, row["id"], row["name"], row["tier"], api_url(row["id"]), page(row["id"])),
            )
        for row in search.matches(names(), "normalized", q, fuzzy=True).values(
            f"{fk}_id", f"{fk}__name", "name", "tier"
        ):
            pk = row[f"{fk}_id"]
            search.keep_best(
                found,
                pk,
                search.result(
                    kind,
                    pk,
                    row[f"{fk}__name"],
                    row["tier"],
                    api_url(pk),
                    page(pk),
                    snippet=f"also known as {row['name']}",
                ),
            )
        return found.values()

    return searcher


def search_mentions(q):
    """Passages of the sources that contain the query (only mentions a reader sees)."""
    api_url = url_maker("mention-detail")
    fts = search.fts_table("prosopography_mention_fts")
    if fts:
        # SQLite: the FTS5 index of the snippets (accents and case folded by its
        # tokenizer), not every snippet normalised in Python. It matches words and
        # word beginnings, not the inside of a word as PostgreSQL's LIKE does.
        rows = Mention.objects.shown().filter(
            id__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [search.fts_phrase(q)])
        )
    else:
        rows = Mention.objects.shown().annotate(n=search.Normalized("snippet")).filter(n__contains=q)
    rows = rows.order_by("source_id", "start")[: search.SEARCH_LIMIT_PER_TYPE]
    source_page = url_maker("source-page")
    return [
        # A passage is never the thing itself: it ranks below any record that matched.
        search.result(
            "mention",
            row["id"],
            f"“{row['surface']}” in {row['source__file_name']}",
            search.FUZZY,
            api_url(row["id"]),
            f"{source_page(row['source_id'])}#p{row['paragraph']}",
            snippet=row["snippet"],
            source=row["source__file_name"],
        )
        for row in rows.values("id", "surface", "snippet", "paragraph", "source_id", "source__file_name")
    ]


def register_searchers():
    search.register(
        "person",
        named_searcher(
            "person",
            Person.objects.current,
            lambda: Alias.objects.filter(person__merged_into=None),
            "person",
            "person-redirect",
        ),
        order=0,
    )
    search.register(
        "organisation",
        named_searcher(
            "organisation",
            Organisation.objects.current,
            lambda: OrganisationName.objects.filter(organisation__merged_into=None),
            "organisation",
            "organisation-redirect",
        ),
        order=1,
    )
    search.register(
        "place",
        named_searcher("place", Place.objects.all, PlaceName.objects.all, "place", "place-redirect"),
        order=2,
    )
    search.register("mention", search_mentions, order=9)
