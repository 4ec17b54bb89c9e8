"""URLs of records, always reversed from the routes (never written by hand)."""

from django.urls import reverse

_MARKER = "987654321"
_SLUG_MARKER = "slug-marker-4f2a"


def url_maker(view_name):
    """A function pk -> the URL of `view_name` for that pk: the route is reversed
    once, not once per record (thousands of times in a large network)."""
    prefix, _, suffix = reverse(view_name, args=[_MARKER]).partition(_MARKER)
    return lambda pk: f"{prefix}{pk}{suffix}"


def page_url_maker(view_name):
    """A function (pk, slug) -> the URL of a record's page (a route taking both),
    reversed once, like url_maker."""
    url = reverse(view_name, args=[_MARKER, _SLUG_MARKER])
    head, _, tail = url.partition(_MARKER)
    middle, _, end = tail.partition(_SLUG_MARKER)
    return lambda pk, slug: f"{head}{pk}{middle}{slug}{end}"
