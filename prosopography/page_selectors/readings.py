"""Readings on the readers' pages: the claims about a record and about a person's
ties, the facts they state as a page shows them (side by side, contested or not, with
the one-line explanation of a disagreement), and the index of contested facts.

Also the prefetch of citations with their source (`_citations`) the other page
modules share.
"""

from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from common.dates import describe_date

from .. import facts
from ..models import Citation, Claim


def _citations():
    """Citations with their source in the same prefetch query."""
    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


def reading_value(claim):
    """A claim's value as a reader says it."""
    return describe_date(claim.date) if claim.date else str(claim.value)


def readings_about(record):
    """The claims about any record reached through the generic link (a work, an
    organisation, a tie), with what the page shows prefetched."""
    ct = ContentType.objects.get_for_model(type(record))
    return list(
        Claim.objects.filter(subject_type=ct, subject_id=record.pk)
        .select_related("place", "value_person")
        .prefetch_related(_citations())
    )


def readings_about_ties(labels):
    """The facts that readings state about a person's ties and memberships (the
    kind of a tie, its dates, a role ...), each labelled with the tie: `labels`
    maps (model, id) to the tie as the page names it ("spouse Liuba Russakova").
    One query for the claims and their citations, none when there are no ties."""
    if not labels:
        return []
    wanted = Q(pk__in=[])
    for model in {model for model, _ in labels}:
        ids = [pk for kind, pk in labels if kind is model]
        wanted |= Q(subject_type=ContentType.objects.get_for_model(model), subject_id__in=ids)
    claims = list(
        Claim.objects.filter(wanted)
        .select_related("place", "value_person")
        .prefetch_related(_citations())
        .order_by("subject_type_id", "subject_id", "attribute", "id")
    )
    by_tie = OrderedDict()
    model_of = {ContentType.objects.get_for_model(model).pk: model for model, _ in labels}
    for claim in claims:
        by_tie.setdefault((model_of[claim.subject_type_id], claim.subject_id), []).append(claim)
    found = []
    for tie, tie_claims in by_tie.items():
        for fact in facts_for_page(tie_claims):
            found.append({**fact, "label": f"{labels[tie]}: {fact['label']}"})
    return found


def facts_for_page(claims):
    # Claims of a subject, with place, person and citations prefetched by the caller.
    """The facts the claims state, as the page shows them: each with its readings
    side by side, whether the sources really disagree (prosopography.facts), what
    a reader is shown, and the one-line explanation of a disagreement."""
    places = [c.attribute for c in claims if c.place_id]
    # The place hierarchy (one query) only where two places may need comparing.
    within = facts.place_hierarchy() if len(places) > len(set(places)) else {}
    return [_fact_for_page(fact) for fact in facts.claim_facts(claims, within)]


def _fact_for_page(fact):
    """One fact (prosopography.facts.Fact) as the template _facts.html shows it."""
    agreeing = {id(r) for pair in fact.refinements for r in pair}
    return {
        "label": fact.label,
        "attribute": fact.readings[0].attribute if fact.readings else "",
        "contested": fact.contested,
        "ranked": fact.ranked,
        "shown": reading_value(fact.shown) if fact.shown else "",
        "explanation": facts.explain(fact, reading_value, _sources_of) if fact.contested else "",
        "readings": [
            {
                "value": reading_value(c),
                "rank": c.rank,
                "rank_reason": c.rank_reason,
                "refines": id(c) in agreeing,
                "citations": list(c.citations.all()),
            }
            for c in fact.readings
        ],
    }


def contested_index(attribute="", person=None):
    """Every fact the sources disagree about, for the contested page: a list of
    {"subject", "url", "fact"}, optionally only of one property and of one person
    (the facts about the person and about the events the person took part in).
    A constant number of queries: the claims, their citations, their subjects (one
    per kind of record) and the place hierarchy."""
    claims = Claim.objects.select_related("place", "value_person", "person", "event").prefetch_related(
        _citations(), "subject_record"
    )
    if attribute:
        claims = claims.filter(attribute=attribute)
    if person is not None:
        claims = claims.filter(Q(person=person) | Q(event__participants__person=person)).distinct()
    entries = []
    for fact in facts.contested_facts(claims):
        subject = fact.readings[0].subject
        url = subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else ""
        entries.append({"subject": subject, "url": url, "fact": _fact_for_page(fact)})
    return entries


def _sources_of(claim):
    return {c.source.file_name for c in claim.citations.all()}
