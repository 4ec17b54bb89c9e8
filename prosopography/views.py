"""The readers' pages: one canonical page per person, organisation and place on
its permanent id, lists, search, the sources and the network view. What every record
page shares (canonical URLs, JSON-LD, "cite this page") is in common.pages."""

import string
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from common import releases
from common import search as record_search
from common.pages import LIST_PAGE_SIZE, canonical_record, record_page, release_page

from . import page_selectors
from .linked_data import organisation_node, person_node, place_node
from .models import Alias, Claim, Organisation, Person, Place, RelationshipType, Source
from .models.evidence import SHOWN_STATUSES

# ---------------------------------------------------------------- pages


SUBJECT_SLUG = "victor-serge"  # the person the site is about, whom the home page leads to


def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "person_count": Person.objects.current().count(),
            "source_count": Source.objects.count(),
            "subject": Person.objects.current().filter(slug=SUBJECT_SLUG).order_by("pk").first(),
        },
    )


def person_redirect(request, pk):
    """/persons/<id>/ alone: a permanent redirect to the canonical page."""
    return canonical_record(request, Person, pk)[1]


def person_names_then(person, when):
    names = releases.related_as_of(Alias, when, person_id=person.pk)
    return [("Names", [f"{a.name} ({a.get_type_display()})" for a in sorted(names, key=lambda a: a.name)])]


def person_page(request, pk, slug):
    if "release" in request.GET:
        return release_page(request, Person, pk, person_names_then)
    person, redirect = canonical_record(request, Person, pk, slug)
    if redirect:
        return redirect
    data = page_selectors.person_page(person, request.GET.get("mentions_page", 1))
    node = person_node(
        person,
        page_url=request.build_absolute_uri(person.get_absolute_url()),
        api_url=request.build_absolute_uri(reverse("person-detail", args=[person.pk])),
        names=data["aliases"],
        identifiers=data["identifiers"],
        organisations=[
            (
                m["membership"].organisation,
                request.build_absolute_uri(m["membership"].organisation.get_absolute_url()),
            )
            for m in data["memberships"]
        ],
    )
    return record_page(
        request,
        person,
        "pages/person.html",
        data,
        node,
        reverse("person-detail", args=[person.pk]),
        versioned=True,
    )


def person_network(request, pk, slug):
    person, redirect = canonical_record(
        request, Person, pk, slug, url_of=lambda p: reverse("person-network-page", args=[p.pk, p.slug])
    )
    if redirect:
        return redirect
    return render(
        request,
        "pages/network.html",
        {
            "person": person,
            "kinds": RelationshipType.Kind.choices,
            "api_url": reverse("person-network", args=[person.pk]),
            "canonical": request.build_absolute_uri(request.path),
        },
    )


def person_list(request):
    letter = request.GET.get("letter", "")[:1].upper()
    letter = letter if letter in string.ascii_uppercase else ""
    page = Paginator(page_selectors.persons_index(letter), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/person_list.html",
        {
            "page": page,
            "letter": letter,
            "letters": string.ascii_uppercase,
        },
    )


def organisation_redirect(request, pk):
    return canonical_record(request, Organisation, pk)[1]


def organisation_page(request, pk, slug):
    organisation, redirect = canonical_record(request, Organisation, pk, slug)
    if redirect:
        return redirect
    data = page_selectors.organisation_page(organisation, request.GET.get("mentions_page", 1))
    api_path = reverse("organisation-detail", args=[organisation.pk])
    node = organisation_node(
        organisation,
        page_url=request.build_absolute_uri(organisation.get_absolute_url()),
        api_url=request.build_absolute_uri(api_path),
        names=data["names"],
        identifiers=data["identifiers"],
    )
    return record_page(request, organisation, "pages/organisation.html", data, node, api_path)


def organisation_list(request):
    page = Paginator(page_selectors.organisations_index(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pages/organisation_list.html", {"page": page})


def place_redirect(request, pk):
    return canonical_record(request, Place, pk)[1]


def place_page(request, pk, slug):
    place, redirect = canonical_record(request, Place, pk, slug)
    if redirect:
        return redirect
    data = page_selectors.place_page(place, request.GET.get("mentions_page", 1))
    api_path = reverse("place-detail", args=[place.pk])
    outer = data["within_chain"][0] if data["within_chain"] else None
    within = (outer, request.build_absolute_uri(outer.get_absolute_url())) if outer else None
    node = place_node(
        place,
        page_url=request.build_absolute_uri(place.get_absolute_url()),
        api_url=request.build_absolute_uri(api_path),
        names=data["names"],
        identifiers=data["identifiers"],
        within=within,
    )
    return record_page(request, place, "pages/place.html", data, node, api_path)


def place_list(request):
    """Every place with its counts, sorted by name (?sort=name, -name) or by what
    happened there (?sort=events, persons, mentions)."""
    sort = request.GET.get("sort", "name")
    sort = sort if sort in page_selectors.PLACE_SORTS else "name"
    page = Paginator(page_selectors.places_index(sort), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/place_list.html",
        {"page": page, "sort": sort, "pager_query": f"sort={sort}&" if sort != "name" else ""},
    )


def contested_list(request):
    """Every fact the sources disagree about, by property and by person (?property=,
    ?person=): refinements (1933 and March 1933; Brussels and Belgium) are not here."""
    attribute = request.GET.get("property", "")
    attribute = attribute if attribute in Claim.Attribute.values else ""
    person_id = request.GET.get("person", "")
    person = Person.objects.filter(pk=person_id).first() if person_id.isdigit() else None
    return render(
        request,
        "pages/contested.html",
        {
            "entries": page_selectors.contested_index(attribute, person),
            "properties": Claim.Attribute.choices,
            "chosen_property": attribute,
            "person": person,
        },
    )


def source_list(request):
    return render(request, "pages/source_list.html", {"sources": page_selectors.sources_index()})


STATUS_LABELS = {
    "confirmed": "confirmed by a curator",
    "machine": "machine-found",
    "unresolved": "unresolved (awaiting review)",
    "rejected": "rejected",
}


def source_filters(request):
    """The filters of a source page, read from its URL: the record named (`?person=`,
    `?organisation=`, `?place=` or `?work=`, by id; one at a time) and the status
    (`?status=`: confirmed or machine for everyone; unresolved and rejected for those
    who may view mentions in the admin). Returns (entity, status, statuses, choices,
    notes); a value that cannot be used is left out and said in a note."""
    notes = []
    entity = None
    for kind in page_selectors.SOURCE_ENTITY_KINDS:
        value = request.GET.get(kind, "")
        if not value:
            continue
        if entity is None and value.isdigit() and len(value) <= 18:
            entity = (kind, int(value))
        else:
            notes.append(f"The filter {kind}={value[:40]} was left out: give one record, by its number.")
    choices = list(SHOWN_STATUSES)
    if request.user.has_perm("prosopography.view_mention"):
        choices += page_selectors.REVIEW_STATUSES
    status = request.GET.get("status", "")
    if status in choices:
        statuses = (status,)
    else:
        if status:
            notes.append(f"The status “{status[:40]}” was left out: choose one of {', '.join(choices)}.")
        status, statuses = "", SHOWN_STATUSES
    return entity, status, statuses, [(c, STATUS_LABELS[c]) for c in choices], notes


def source_page(request, pk):
    """A source's mentions in the order of the text, each paragraph anchored (#p12),
    filtered by the record they name and their status (source_filters). ?paragraph=12
    opens the page of mentions that holds paragraph 12, so that a link to a passage
    (/sources/3/?paragraph=12#p12, as the person page's mentions give it) lands on it.
    A constant number of queries whatever the source's size."""
    source = get_object_or_404(Source, pk=pk)
    entity, status, statuses, status_choices, notes = source_filters(request)
    mentions = page_selectors.source_mentions(source, statuses, entity)
    page_number = request.GET.get("page")
    paragraph = request.GET.get("paragraph", "")
    if paragraph.isdigit() and not page_number:
        page_number = page_selectors.source_page_of_paragraph(mentions, int(paragraph[:9]), LIST_PAGE_SIZE)
    page = Paginator(mentions, LIST_PAGE_SIZE).get_page(page_number)
    query = {}
    if entity:
        query[entity[0]] = entity[1]
    if status:
        query["status"] = status
    filtered = None
    if entity:
        record = page_selectors.source_entity(*entity)
        filtered = {"kind": entity[0], "id": entity[1], "record": record}
    return render(
        request,
        "pages/source.html",
        {
            "source": source,
            "page": page,
            "filtered": filtered,
            "status": status,
            "status_label": STATUS_LABELS.get(status),
            "status_choices": status_choices,
            "notes": notes,
            "named": page_selectors.source_named(source, statuses),
            "pager_query": urlencode(query) + "&" if query else "",
            "status_query": urlencode({"status": status}) + "&" if status else "",
            "status_only": urlencode({"status": status}) if status else "",
        },
    )


SEARCH_GROUPS = [
    ("person", "Persons"),
    ("organisation", "Organisations"),
    ("work", "Works"),
    ("place", "Places"),
    ("mention", "Passages"),
]
SEARCH_SHOWN_PER_GROUP = 50


def search(request):
    """The site's search: the same search as /api/v1/search/ (common.search),
    grouped by kind of record."""
    query = request.GET.get("q", "").strip()[:200]
    groups, error = [], ""
    if query:
        try:
            results = record_search.search(query)
        except ValueError as problem:
            results, error = [], str(problem)
        for type_, label in SEARCH_GROUPS:
            found = [r for r in results if r["type"] == type_]
            groups.append(
                {
                    "type": type_,
                    "label": label,
                    "count": len(found),
                    "results": found[:SEARCH_SHOWN_PER_GROUP],
                }
            )
    return render(request, "pages/search.html", {"query": query, "groups": groups, "error": error})
