"""Identifiers: the IRIs this service gives, and the ids it accepts back.

Persons, documents and works are named by the site's permanent URLs (/persons/<id>/,
/sources/<id>/, /works/<id>/), so that an aggregator's `@id` is a page a reader can
open. Statements and factoids exist only in IPIF and get IRIs under /ipif/:

- a statement is one reading of one kind: `claim-12`, `relationship-3`, `name-40`...
- a factoid is one passage (citation) of one source about one person: `c12-p3`;
  a credit in a work (the work is the source) is `w5-p3`.

Inside the queries a factoid's source is one signed integer, `src`: a citation's id,
or minus a work's id, so that both kinds group and sort in one column.

Every id parameter takes the local id or the full IRI (any host: only the path is
read), and a person also by one of its external identifiers' URLs.
"""

import re
from urllib.parse import urlparse

from django.urls import reverse

from prosopography.models import ExternalIdentifier

FACTOID = re.compile(r"^([cw])(\d+)-p(\d+)$")
STATEMENT = re.compile(r"^([a-z]+)-(\d+)$")
PATHS = {
    "person": [re.compile(r"/persons/(\d+)(?:/[^/]*)?/?$"), re.compile(r"/ipif/persons/([^/]+)/?$")],
    "source": [re.compile(r"/sources/(\d+)/?$"), re.compile(r"/ipif/sources/([^/]+)/?$")],
    "work": [re.compile(r"/works/(\d+)(?:/[^/]*)?/?$")],
    "statement": [re.compile(r"/ipif/statements/([^/]+)/?$")],
    "factoid": [re.compile(r"/ipif/factoids/([^/]+)/?$")],
    "organisation": [re.compile(r"/organisations/(\d+)(?:/[^/]*)?/?$")],
}


class Iris:
    """Builds absolute IRIs for one request's host."""

    def __init__(self, request):
        self.base = request.build_absolute_uri("/").rstrip("/")

    def person(self, pk):
        return f"{self.base}/persons/{pk}/"

    def source(self, src_pk):
        return f"{self.base}/sources/{src_pk}/"

    def work(self, pk):
        return f"{self.base}/works/{pk}/"

    def organisation(self, pk):
        return f"{self.base}/organisations/{pk}/"

    def place(self, pk):
        return f"{self.base}/places/{pk}/"

    def source_of(self, source):
        """A factoid row's `source` column: a document's id, or minus a work's."""
        return self.source(source) if source > 0 else self.work(-source)

    def statement(self, key):
        return f"{self.base}{reverse('ipif-statement', args=[key])}"

    def factoid(self, src, person):
        return f"{self.base}{reverse('ipif-factoid', args=[factoid_key(src, person)])}"


def factoid_key(src, person):
    return f"c{src}-p{person}" if src > 0 else f"w{-src}-p{person}"


def local(value, kind):
    """The local part of an id given as itself or as an IRI; None when the IRI names
    something else."""
    value = (value or "").strip()
    if "/" not in value:
        return value
    path = urlparse(value).path or value
    for pattern in PATHS[kind]:
        match = pattern.search(path)
        if match:
            return match.group(1)
    return None


def person_id(value):
    """A person's pk from a local id, this site's IRI, or an external identifier's URL."""
    found = local(value, "person")
    if found and found.isdigit():
        return int(found)
    if "\x00" in value:
        return None
    for scheme, pattern in ExternalIdentifier.URLS.items():
        prefix = pattern.split("{}")[0]
        if value.startswith(prefix):
            rest = value[len(prefix) :].strip("/")
            row = (
                ExternalIdentifier.objects.filter(scheme=scheme, value=rest, content_type__model="person")
                .values_list("object_id", flat=True)
                .first()
            )
            return row
    return None


def source_id(value):
    """A factoid source: `12` or a /sources/12/ IRI is a document (12); `work-5` or a
    /works/5/ IRI is a work (-5)."""
    work = local(value, "work")
    if work and work.isdigit() and "/" in value:
        return -int(work)
    found = local(value, "source")
    if not found:
        return None
    if found.isdigit():
        return int(found)
    if found.startswith("work-") and found[5:].isdigit():
        return -int(found[5:])
    return None


def source_local(source):
    return str(source) if source > 0 else f"work-{-source}"


def statement_key(value):
    found = local(value, "statement")
    match = STATEMENT.match(found or "")
    return (match.group(1), int(match.group(2))) if match else None


def factoid_id(value):
    """(src, person) of a factoid id or IRI, else None."""
    match = FACTOID.match(local(value, "factoid") or "")
    if not match:
        return None
    src = int(match.group(2))
    return (src if match.group(1) == "c" else -src, int(match.group(3)))


def organisation_id(value):
    found = local(value, "organisation")
    return int(found) if found and found.isdigit() and "/" in value else None
