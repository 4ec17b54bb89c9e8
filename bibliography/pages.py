"""Reads for the bibliography's pages: a work's page, and the works section it
adds to a person's page (through the "person_page" hook, common/hooks.py).
Each runs a constant number of queries whatever the size of the record."""

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db.models import F, Prefetch

from common.dates import describe_date
from prosopography.page_selectors import (
    facts_for_page,
    identifiers_of,
    mentions_by_source,
    paginate_mentions,
    readings_about,
)

from . import selectors
from .models import Contribution, Edition, Periodical

PERSONS_SHOWN = 60


def work_page_data(work, mentions_page=1):
    """Everything a work's page shows, in a constant number of queries."""
    credits = Prefetch("contributions", queryset=Contribution.objects.select_related("person"))
    editions = list(
        work.editions.select_related("publisher", "place", "periodical", "translation_of")
        .prefetch_related(credits)
        .order_by("date_lower", "id")
    )
    for edition in editions:
        edition.when = describe_date(edition.date)
        edition.translators = [c for c in edition.contributions.all() if c.role == "translator"]
        edition.other_credits = [c for c in edition.contributions.all() if c.role != "translator"]
    mentions_shown = work.mentions.shown()
    mentions = paginate_mentions(mentions_shown, mentions_page)
    return {
        "contributors": list(work.contributions.select_related("person").order_by("order", "id")),
        "originals": [e for e in editions if not e.translation_of_id],
        "translations": [e for e in editions if e.translation_of_id],
        "relations": list(work.relations_out.select_related("object"))
        + list(work.relations_in.select_related("subject")),
        "about": list(work.about.current().order_by("sort_name")),
        "holdings": list(work.holdings.select_related("repository")),
        "written": describe_date(work.written),
        "first_published": describe_date(work.first_published),
        "merged_ids": list(work.merged_records.values_list("pk", flat=True)),
        # A page shows the most-named; the API lists them all.
        "persons_mentioned": list(selectors.persons_mentioned(work)[:PERSONS_SHOWN]),
        "persons_shown": PERSONS_SHOWN,
        "identifiers": identifiers_of(work),
        "facts": facts_for_page(readings_about(work)),
        "mentions": mentions,
        "mention_groups": mentions_by_source(mentions, mentions_shown),
    }


def periodical_page_data(periodical, page_number=1):
    """What a periodical's page shows: the editions (articles, serialisations) published
    in it, by year, each with its work and authors; a page of them at a time, in a
    constant number of queries."""
    credits = Prefetch(
        "work__contributions",
        queryset=Contribution.objects.filter(role="author").select_related("person").order_by("order", "id"),
        to_attr="authors",
    )
    editions = (
        periodical.editions.filter(work__merged_into__isnull=True)
        .select_related("work")
        .prefetch_related(credits)
        .order_by(F("date_lower").asc(nulls_last=True), "title", "id")
    )
    page = Paginator(editions, PERIODICAL_PAGE_SIZE).get_page(page_number)
    years = OrderedDict()
    for edition in page.object_list:
        edition.when = describe_date(edition.date)
        years.setdefault(edition.date_lower.year if edition.date_lower else None, []).append(edition)
    return {"page": page, "years": list(years.items())}


PERIODICAL_PAGE_SIZE = 100


def person_works(person):
    """The works a person contributed to, by role, each role's works in the order of
    their year (first publication, else the edition's date; undated last), and the
    works about them."""
    contributions = (
        Contribution.objects.filter(person=person)
        .select_related("work", "edition", "edition__work")
        .order_by("role", "order", "id")
    )
    rows_by_role = OrderedDict()
    for contribution in contributions:
        work = contribution.work or contribution.edition.work
        edition = contribution.edition
        day = work.first_published_lower or (edition.date_lower if edition else None)
        rows_by_role.setdefault(contribution.get_role_display(), []).append(
            {
                "work": work,
                "edition": edition,
                "credited_as": contribution.credited_as,
                "year": day.year if day else None,
                "when": describe_date(work.first_published or (edition.date if edition else "")),
                "type": work.get_type_display(),
            }
        )
    works_by_role = OrderedDict()
    for role, rows in rows_by_role.items():
        rows.sort(key=lambda row: (row["year"] is None, row["year"] or 0, row["work"].title.casefold()))
        works_by_role[role] = rows
    about = sorted(
        person.works_about.current(),
        key=lambda w: (w.first_published_lower is None, w.first_published_lower or 0, w.title.casefold()),
    )
    return {
        "works_by_role": works_by_role,
        "work_counts": {role: len(rows) for role, rows in works_by_role.items()},
        "works_about": about,
    }


PLACE_EDITIONS_SHOWN = 200


def place_publications(place):
    """What a place's page adds (the "place_page" hook): the periodicals published
    there and the editions printed there (at most PLACE_EDITIONS_SHOWN, oldest
    first), in two queries."""
    editions = Edition.objects.filter(place=place).select_related("work").order_by("date_lower", "id")
    return {
        "periodicals": list(Periodical.objects.filter(place=place).order_by("title", "id")),
        "editions": list(editions[:PLACE_EDITIONS_SHOWN]),
    }
