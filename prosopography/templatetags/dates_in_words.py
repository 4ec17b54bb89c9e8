"""`{{ value|in_words }}`: an EDTF date as a reader says it, by the one rule of
common.dates.describe_date ("1940-08" -> "August 1940")."""

from django import template

from common.dates import describe_date

register = template.Library()


@register.filter
def in_words(value):
    return describe_date(value)
