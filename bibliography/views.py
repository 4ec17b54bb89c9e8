"""The readers' pages for works and periodicals. The canonical-URL, JSON-LD and
"cite this page" machinery is shared with the persons' pages (prosopography.views)."""

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render

from prosopography import page_selectors
from prosopography.page_selectors import describe_date
from prosopography.views import LIST_PAGE_SIZE, canonical_record, record_page

from . import selectors
from .models import Contribution, Periodical, Work, WorkType

PERSONS_SHOWN = 60

# schema.org types for the work types that have one; the rest are CreativeWorks.
SCHEMA_TYPES = {
    "novel": "Book",
    "history": "Book",
    "essay": "Book",
    "memoir": "Book",
    "biography": "Book",
    "book": "Book",
    "collection": "Book",
    "poem": "CreativeWork",
    "article": "Article",
    "review": "Review",
    "letter": "Message",
    "thesis": "Thesis",
    "short_story": "ShortStory",
}


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
    return {
        "contributors": list(work.contributions.select_related("person").order_by("order", "id")),
        "originals": [e for e in editions if not e.translation_of_id],
        "translations": [e for e in editions if e.translation_of_id],
        "relations": list(work.relations_out.select_related("object"))
        + list(work.relations_in.select_related("subject")),
        "about": list(work.about.filter(merged_into__isnull=True).order_by("sort_name")),
        "holdings": list(work.holdings.select_related("repository")),
        "written": describe_date(work.written),
        "first_published": describe_date(work.first_published),
        "merged_ids": list(work.merged_records.values_list("pk", flat=True)),
        # A page shows the most-named; the API lists them all.
        "persons_mentioned": list(selectors.persons_mentioned(work)[:PERSONS_SHOWN]),
        "persons_shown": PERSONS_SHOWN,
        "mentions": page_selectors.paginate_mentions(
            work.mentions.filter(status__in=page_selectors.SHOWN_MENTIONS), mentions_page
        ),
    }


def work_jsonld(request, work, data):
    url = request.build_absolute_uri(work.get_absolute_url())
    doc = {
        "@context": {"@vocab": "https://schema.org/"},
        "@type": SCHEMA_TYPES.get(work.type, "CreativeWork"),
        "@id": url,
        "url": url,
        "name": work.title,
        "identifier": str(work.pk),
        "genre": work.get_type_display(),
    }
    authors = [
        {
            "@type": "Person",
            "name": c.person.name,
            "url": request.build_absolute_uri(c.person.get_absolute_url()),
        }
        for c in data["contributors"]
        if c.role in ("author", "co-author")
    ]
    if authors:
        doc["author"] = authors
    if work.language:
        doc["inLanguage"] = work.language
    if work.written:
        doc["dateCreated"] = work.written
    if work.first_published:
        doc["datePublished"] = work.first_published
    if work.description:
        doc["description"] = work.description
    if data["about"]:
        doc["about"] = [
            {"@type": "Person", "name": p.name, "url": request.build_absolute_uri(p.get_absolute_url())}
            for p in data["about"]
        ]
    examples = []
    for edition in data["originals"] + data["translations"]:
        example = {"@type": "CreativeWork", "name": edition.title}
        if edition.date:
            example["datePublished"] = edition.date
        if edition.language:
            example["inLanguage"] = edition.language
        if edition.publisher:
            example["publisher"] = {"@type": "Organization", "name": edition.publisher.name}
        if edition.translators:
            example["translator"] = [{"@type": "Person", "name": c.person.name} for c in edition.translators]
        examples.append(example)
    if examples:
        doc["workExample"] = examples
    return doc


def work_redirect(request, pk):
    return canonical_record(request, Work, pk)[1]


def work_page(request, pk, slug):
    work, redirect = canonical_record(request, Work, pk, slug)
    if redirect:
        return redirect
    data = work_page_data(work, request.GET.get("mentions_page", 1))
    api = f"/api/v1/works/{work.pk}/"
    return record_page(
        request,
        work,
        "pages/work.html",
        data,
        work_jsonld(request, work, data),
        api,
        [
            ("application/x-bibtex", f"{api}?format=bibtex"),
            ("application/x-research-info-systems", f"{api}?format=ris"),
            ("application/vnd.citationstyles.csl+json", f"{api}?format=csl-json"),
        ],
    )


def work_list(request):
    """Works by year of first publication (default) or by type (?by=type)."""
    by_type = request.GET.get("by") == "type"
    works = Work.objects.filter(merged_into__isnull=True)
    works = (
        works.order_by("type", "title", "id")
        if by_type
        else works.order_by("first_published_lower", "title", "id")
    )
    page = Paginator(works, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    groups = OrderedDict()
    for work in page:
        if by_type:
            key = work.get_type_display()
        else:
            key = work.first_published_lower.year if work.first_published_lower else "Date unknown"
        groups.setdefault(key, []).append(work)
    return render(
        request,
        "pages/work_list.html",
        {
            "page": page,
            "groups": groups,
            "by_type": by_type,
            "types": WorkType.choices,
        },
    )


def periodical_list(request):
    periodicals = (
        Periodical.objects.select_related("place")
        .annotate(
            edition_count=Count("editions", filter=Q(editions__work__merged_into__isnull=True)),
        )
        .order_by("title")
    )
    return render(request, "pages/periodical_list.html", {"periodicals": periodicals})
