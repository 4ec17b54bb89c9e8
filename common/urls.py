"""URLs of records, always reversed from the routes (never written by hand)."""

from django.urls import reverse

_MARKER = "987654321"


def url_maker(view_name):
    """A function pk -> the URL of `view_name` for that pk: the route is reversed
    once, not once per record (thousands of times in a large network)."""
    prefix, _, suffix = reverse(view_name, args=[_MARKER]).partition(_MARKER)
    return lambda pk: f"{prefix}{pk}{suffix}"
