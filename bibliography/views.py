"""The readers' pages for works and periodicals. What every record page shares
(canonical URLs, JSON-LD, "cite this page") is in common.pages."""

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from common import releases
from common.pages import LIST_PAGE_SIZE, canonical_record, record_page, release_page
from prosopography.models import Person

from . import pages
from .linked_data import work_node
from .models import Contribution, Periodical, Work, WorkType


def work_redirect(request, pk):
    return canonical_record(request, Work, pk)[1]


def work_credits_then(work, when):
    credits = releases.related_as_of(Contribution, when, work_id=work.pk)
    persons = Person._base_manager.in_bulk([c.person_id for c in credits])
    lines = [
        f"{persons[c.person_id].name if c.person_id in persons else c.person_id} ({c.get_role_display()})"
        for c in sorted(credits, key=lambda c: (c.order, c.pk))
    ]
    return [("Credits", lines)]


def work_page(request, pk, slug):
    if "release" in request.GET:
        return release_page(request, Work, pk, work_credits_then)
    work, redirect = canonical_record(request, Work, pk, slug)
    if redirect:
        return redirect
    data = pages.work_page_data(work, request.GET.get("mentions_page", 1))
    api = reverse("work-detail", args=[work.pk])
    node = work_node(
        work,
        page_url=request.build_absolute_uri(work.get_absolute_url()),
        api_url=request.build_absolute_uri(api),
        contributions=data["contributors"],
        about=data["about"],
        editions=data["originals"] + data["translations"],
        identifiers=data["identifiers"],
        url_of=lambda record: request.build_absolute_uri(record.get_absolute_url()),
    )
    return record_page(
        request,
        work,
        "pages/work.html",
        data,
        node,
        api,
        [
            ("application/x-bibtex", f"{api}?format=bibtex"),
            ("application/x-research-info-systems", f"{api}?format=ris"),
            ("application/vnd.citationstyles.csl+json", f"{api}?format=csl-json"),
        ],
        versioned=True,
    )


def work_list(request):
    """Works by year of first publication (default) or by type (?by=type)."""
    by_type = request.GET.get("by") == "type"
    works = Work.objects.current()
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


def periodical_page(request, pk):
    """A periodical and what was published in it, by year."""
    periodical = get_object_or_404(Periodical.objects.select_related("place", "publisher"), pk=pk)
    data = pages.periodical_page_data(periodical, request.GET.get("page"))
    return render(
        request,
        "pages/periodical.html",
        {
            "periodical": periodical,
            **data,
            "canonical": request.build_absolute_uri(periodical.get_absolute_url()),
        },
    )
