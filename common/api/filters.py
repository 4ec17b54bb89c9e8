"""Filters every resource shares."""

import django_filters as filters
from django import forms

# The largest id a database column holds (a signed 64-bit integer, SQLite's too):
# a larger number in a query string is a 400, not an overflow deep in the driver.
LARGEST_ID = 2**63 - 1


class RecordIdFilter(filters.NumberFilter):
    """A record's id in a query string: a whole number from 1 to LARGEST_ID."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)
