"""The admin index's queue of work waiting (prosopography.curation.review_queue) and
the recent changes by other curators (prosopography.curation.recent_changes)."""

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


@register.simple_tag(takes_context=True)
def recent_changes(context):
    """The latest changes by other curators, for a curator who may read persons."""
    user = context["request"].user
    if not user.has_perm("prosopography.view_person"):
        return []
    return curation.recent_changes(user)
