"""The JSON-LD (schema.org) of every current person, organisation, place and work, for
a release: the nodes the record pages embed (prosopography/linked_data.py,
bibliography/linked_data.py), one document per kind with every node in its @graph,
under the release's public address. Merged records are left out (their pages
redirect to the survivor; the tables keep them with `merged_into_id`).

Built a chunk of records at a time with what each node needs prefetched, so the
number of queries does not grow with the records; rows by id, so the same
database state gives the same bytes."""

import json
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse

from bibliography import models as bib
from bibliography.linked_data import work_node
from common.api.renderers import linked_data_document
from prosopography import models as pros
from prosopography.linked_data import organisation_node, person_node, place_node

CHUNK = 500


def _identifiers(model):
    """{record id: [identifier, ...]} for every record of the model, as a page lists them."""
    kind = ContentType.objects.get_for_model(model)
    found = defaultdict(list)
    listed = pros.ExternalIdentifier.objects.filter(content_type=kind).order_by("scheme", "value", "pk")
    for identifier in listed:
        found[identifier.object_id].append(identifier)
    return found


def _document(nodes):
    return (json.dumps(linked_data_document({"@graph": nodes}), ensure_ascii=False, indent=1) + "\n").encode()


def persons(base_url):
    identifiers = _identifiers(pros.Person)
    memberships = Prefetch(
        "memberships",
        queryset=pros.Membership.objects.exclude(rank=pros.Rank.DEPRECATED)
        .select_related("organisation")
        .order_by("start_lower", "id"),
    )
    queryset = (
        pros.Person.objects.current()
        .select_related("birth_place", "death_place")
        .prefetch_related("aliases", memberships)
        .order_by("pk")
    )
    nodes = [
        person_node(
            person,
            page_url=base_url + person.get_absolute_url(),
            api_url=base_url + reverse("person-detail", args=[person.pk]),
            names=list(person.aliases.all()),
            identifiers=identifiers.get(person.pk, []),
            organisations=[
                (m.organisation, base_url + m.organisation.get_absolute_url())
                for m in person.memberships.all()
            ],
        )
        for person in queryset.iterator(chunk_size=CHUNK)
    ]
    return _document(nodes)


def organisations(base_url):
    identifiers = _identifiers(pros.Organisation)
    queryset = (
        pros.Organisation.objects.current().select_related("place").prefetch_related("names").order_by("pk")
    )
    nodes = [
        organisation_node(
            organisation,
            page_url=base_url + organisation.get_absolute_url(),
            api_url=base_url + reverse("organisation-detail", args=[organisation.pk]),
            names=list(organisation.names.all()),
            identifiers=identifiers.get(organisation.pk, []),
        )
        for organisation in queryset.iterator(chunk_size=CHUNK)
    ]
    return _document(nodes)


def places(base_url):
    identifiers = _identifiers(pros.Place)
    queryset = pros.Place.objects.select_related("within").prefetch_related("names").order_by("pk")
    nodes = [
        place_node(
            place,
            page_url=base_url + place.get_absolute_url(),
            api_url=base_url + reverse("place-detail", args=[place.pk]),
            names=list(place.names.all()),
            identifiers=identifiers.get(place.pk, []),
            within=(place.within, base_url + place.within.get_absolute_url()) if place.within_id else None,
        )
        for place in queryset.iterator(chunk_size=CHUNK)
    ]
    return _document(nodes)


def works(base_url):
    identifiers = _identifiers(bib.Work)
    credits = Prefetch("contributions", queryset=bib.Contribution.objects.select_related("person"))
    queryset = (
        bib.Work.objects.current()
        .prefetch_related(
            credits,
            Prefetch("about", queryset=pros.Person.objects.current().order_by("sort_name", "id")),
            Prefetch(
                "editions",
                queryset=bib.Edition.objects.select_related("publisher")
                .prefetch_related(credits)
                .order_by("date_lower", "id"),
            ),
        )
        .order_by("pk")
    )

    def url_of(record):
        return base_url + record.get_absolute_url()

    nodes = []
    for work in queryset.iterator(chunk_size=CHUNK):
        editions = list(work.editions.all())
        nodes.append(
            work_node(
                work,
                page_url=url_of(work),
                api_url=base_url + reverse("work-detail", args=[work.pk]),
                contributions=list(work.contributions.all()),
                about=list(work.about.all()),
                editions=[e for e in editions if not e.translation_of_id]
                + [e for e in editions if e.translation_of_id],
                identifiers=identifiers.get(work.pk, []),
                url_of=url_of,
            )
        )
    return _document(nodes)


# (file, builder): the JSON-LD files of a release.
FILES = [
    ("persons.jsonld", persons),
    ("organisations.jsonld", organisations),
    ("places.jsonld", places),
    ("works.jsonld", works),
]
