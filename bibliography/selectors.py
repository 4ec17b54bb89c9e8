"""Reads about works that need more than one model (HackSoft style: reads here,
writes in services)."""

from django.db.models import Count, Q

from prosopography.models import MentionStatus, Person

# Rejected mentions are a curator's "no": they never count as evidence.
COUNTED = [MentionStatus.MACHINE, MentionStatus.CONFIRMED]


def _inside(extracts, prefix=""):
    """A condition on mentions: inside one of the extracts."""
    condition = Q()
    for extract in extracts:
        condition |= Q(
            **{
                f"{prefix}source_id": extract.source_id,
                f"{prefix}start__gte": extract.start,
                f"{prefix}end__lte": extract.end,
            }
        )
    return condition


def persons_mentioned(work):
    """The persons a work mentions: those named inside its extracts (the spans of
    the documents that carry its text), most-named first, with `mention_count`.
    Two queries whatever the number of persons: the extracts, then the persons."""
    extracts = list(work.extracts.all())
    if not extracts:
        return Person.objects.none()
    return (
        Person.objects.filter(_inside(extracts, "mentions__"), mentions__status__in=COUNTED)
        .annotate(mention_count=Count("mentions"))
        .order_by("-mention_count", "sort_name", "id")
    )
