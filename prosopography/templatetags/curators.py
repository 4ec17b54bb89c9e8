"""The admin index's queue of work waiting (prosopography.curation.review_queue)."""

from django import template

from .. import curation

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue(context):
    """The queue's entries, for a curator who may read mentions and persons."""
    user = context["request"].user
    if not (user.has_perm("prosopography.view_mention") and user.has_perm("prosopography.view_person")):
        return []
    return curation.review_queue()
