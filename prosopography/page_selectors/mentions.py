"""Mentions on the readers' pages: paginating a record's mentions and grouping a
page of them by source, and the source page's mentions with what they can be
filtered by (the records the source names, the review statuses).

The base of the package: it imports nothing from the other page_selectors modules.
"""

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db.models import Count

from ..models import Mention
from ..models.evidence import SHOWN_STATUSES

MENTIONS_PER_PAGE = 25


def paginate_mentions(queryset, page_number):
    paginator = Paginator(
        queryset.select_related("source").order_by("source__file_name", "start"), MENTIONS_PER_PAGE
    )
    return paginator.get_page(page_number)


def mentions_by_source(page, queryset):
    """The mentions of one page grouped by source, in the page's order: each source's
    title once, with how often the record is mentioned there in all (one query)."""
    source_ids = {m.source_id for m in page.object_list}
    totals = dict(
        queryset.filter(source_id__in=source_ids)
        .order_by()
        .values_list("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    groups = OrderedDict()
    for mention in page.object_list:
        group = groups.setdefault(
            mention.source_id,
            {"source": mention.source, "total": totals.get(mention.source_id, 0), "items": []},
        )
        group["items"].append(mention)
    return list(groups.values())


def source_page_of_paragraph(mentions, paragraph, per_page):
    """The page of a source's mentions (`source_mentions`, filtered or not) that shows
    the first mention in `paragraph`, so that a link to a passage lands on it."""
    before = mentions.filter(paragraph__lt=paragraph).count()
    return before // per_page + 1


# What a source's mentions can be filtered by: the record named (by id), and the status.
SOURCE_ENTITY_KINDS = ("person", "organisation", "place", "work")
# Readers see machine-found and confirmed mentions (SHOWN_STATUSES); the review
# queue's unresolved and rejected ones only those who may view mentions in the admin.
REVIEW_STATUSES = ("unresolved", "rejected")
SOURCE_NAMED_LIMIT = 30


def source_mentions(source, statuses=SHOWN_STATUSES, entity=None):
    """A source's mentions in the order of the text, of these statuses, naming
    `entity` ((kind, id), one of SOURCE_ENTITY_KINDS) if given."""
    mentions = source.mentions.filter(status__in=statuses)
    if entity:
        kind, pk = entity
        mentions = mentions.filter(**{f"{kind}_id": pk})
    mentions = mentions.select_related("person", "organisation", "place", "work")
    return mentions.order_by("paragraph", "start", "id")


def source_named(source, statuses=SHOWN_STATUSES, limit=SOURCE_NAMED_LIMIT):
    """The records a source names most often (at most `limit`, in one query): dicts
    with kind, id, name and count, to filter the source's mentions by."""
    rows = (
        source.mentions.filter(status__in=statuses)
        .exclude(person=None, organisation=None, place=None, work=None)
        .values(
            "person_id",
            "person__name",
            "organisation_id",
            "organisation__name",
            "place_id",
            "place__name",
            "work_id",
            "work__title",
        )
        .annotate(count=Count("id"))
        .order_by("-count", "person__name", "organisation__name", "place__name", "work__title")[:limit]
    )
    named = []
    for row in rows:
        for kind in SOURCE_ENTITY_KINDS:
            if row[f"{kind}_id"]:
                name = row["work__title"] if kind == "work" else row[f"{kind}__name"]
                named.append({"kind": kind, "id": row[f"{kind}_id"], "name": name, "count": row["count"]})
    return named


def source_entity(kind, pk):
    """The record a source page is filtered by (None if there is none with this id)."""
    model = Mention._meta.get_field(kind).related_model  # Work without importing the bibliography
    return model._base_manager.filter(pk=pk).first()
