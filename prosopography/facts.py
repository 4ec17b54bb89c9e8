"""Facts and their readings: the one definition of "contested".

A fact (a person's date of birth, an event's place ...) may have several
readings, one per source. Readings that nest are refinements, not disagreements:
"1933" and "1933-03-08" agree (the second says more), as do "Belgium" and
"Brussels" (Brussels lies within Belgium). Readings that overlap without nesting
("1912/1913" and "1913/1914") are compatible. Only incompatible readings — dates
that cannot both be true, places neither of which lies within the other — make
a fact contested. Deprecated readings never count.

Pages, the API, the admin's queue and the pipeline's report all ask these
functions, so "contested" means the same everywhere.
"""

from dataclasses import dataclass, field
from itertools import combinations

from common import dates
from common.text import normalize

from . import properties
from .models import Claim, Place, Rank

SAME, REFINES, OVERLAPS, CONFLICTS = "same", "refines", "overlaps", "conflicts"


def compare_dates(a, b):
    """How two EDTF readings of one date relate: SAME, REFINES (one interval lies
    within the other), OVERLAPS (they share days without nesting) or CONFLICTS
    (no day is possible for both). Open bounds (1936/..) are unbounded."""
    if a == b:
        return SAME
    a_low, a_high = dates.bounds(a)
    b_low, b_high = dates.bounds(b)
    if not dates.overlaps(a_low, a_high, b_low, b_high):
        return CONFLICTS
    if _within(a_low, a_high, b_low, b_high) or _within(b_low, b_high, a_low, a_high):
        return REFINES
    return OVERLAPS


def _within(low, high, outer_low, outer_high):
    return (outer_low is None or (low is not None and low >= outer_low)) and (
        outer_high is None or (high is not None and high <= outer_high)
    )


def compare_places(a, b, within):
    """How two place readings relate. `within` maps a place id to the id of the
    place enclosing it (the curated hierarchy), e.g. {brussels: belgium}."""
    if a == b:
        return SAME
    if a in _ancestors(b, within) or b in _ancestors(a, within):
        return REFINES
    return CONFLICTS


def _ancestors(place, within):
    seen = []
    while place in within and within[place] is not None and within[place] not in seen:
        place = within[place]
        seen.append(place)
    return seen


@dataclass
class Fact:
    """One fact with its readings. `shown` is what a reader sees: the preferred
    reading, else the most precise of the compatible ones; `conflicts` the pairs
    of readings that cannot both be true."""

    label: str
    readings: list
    shown: object = None
    conflicts: list = field(default_factory=list)
    refinements: list = field(default_factory=list)

    @property
    def contested(self):
        return bool(self.conflicts)

    @property
    def ranked(self):
        """Whether a curator has weighed the readings (one is preferred or deprecated)."""
        return any(r.rank != Rank.NORMAL for r in self.readings)


def assess(label, readings, value, compare, precision):
    """A Fact from `readings` (objects with a `rank`): `value(reading)` gives what
    each says, `compare(a, b)` how two values relate (compare_dates, or
    compare_places bound to a hierarchy), `precision(value)` how much a value says."""
    fact = Fact(label, list(readings))
    live = [r for r in fact.readings if r.rank != Rank.DEPRECATED]
    for first, second in combinations(live, 2):
        relation = compare(value(first), value(second))
        if relation == CONFLICTS:
            fact.conflicts.append((first, second))
        elif relation == REFINES:
            fact.refinements.append((first, second))
    preferred = [r for r in live if r.rank == Rank.PREFERRED]
    if preferred:
        fact.shown = preferred[0]
    elif live and not fact.contested:
        fact.shown = max(live, key=lambda r: precision(value(r)))
    return fact


def date_precision(value):
    """Narrower dates say more (an open or unparsable date says least)."""
    low, high = dates.bounds(value)
    return -((high - low).days if low and high else 10**7)


def reading_value(claim):
    """What a claim says, in the form its property's kind compares."""
    kind = claim.kind
    if kind == properties.DATE:
        return claim.date
    if kind == properties.PLACE:
        return claim.place_id
    if kind == properties.PERSON:
        return claim.value_person_id
    return claim.value_text


def compare_equal(a, b):
    """Persons: the same value agrees, any other conflicts."""
    return SAME if a == b else CONFLICTS


def compare_texts(a, b):
    """Texts agree when their normalised forms (accents, case, punctuation and
    spacing aside) are equal: "Second wife" and "second wife." are one reading."""
    return SAME if normalize(a) == normalize(b) else CONFLICTS


number_bounds = properties.number_bounds


def compare_numbers(a, b):
    """Numbers as intervals, like dates: equal, nested ("4+" and "5"), overlapping
    ("80~" and "85") or apart ("128" and "114"). Values that are not numbers
    compare as texts."""
    first, second = number_bounds(a), number_bounds(b)
    if first is None or second is None:
        return compare_texts(str(a), str(b))
    if first == second:
        return SAME
    (a_low, a_high), (b_low, b_high) = first, second
    if a_high < b_low or b_high < a_low:
        return CONFLICTS
    if (b_low <= a_low and a_high <= b_high) or (a_low <= b_low and b_high <= a_high):
        return REFINES
    return OVERLAPS


def number_precision(value):
    bounds = number_bounds(value)
    return -(bounds[1] - bounds[0]) if bounds else 0


def rule(kind, within=None):
    """The one rule for a kind of value (prosopography.properties): (compare,
    precision). `within` is the place hierarchy, for places."""
    within = within or {}
    if kind == properties.DATE:
        return compare_dates, date_precision
    if kind == properties.PLACE:
        return (lambda a, b: compare_places(a, b, within)), (lambda place: len(_ancestors(place, within)))
    if kind == properties.NUMBER:
        return compare_numbers, number_precision
    if kind == properties.TEXT:
        return compare_texts, lambda value: len(normalize(value))
    return compare_equal, lambda value: 0


def verdict(kind, values, within=None):
    """Of several values of one fact: "contested" when two of them cannot both be
    true, "refinement" when they only differ in precision, overlap, or in how a
    text is written; "same" when all agree exactly."""
    compare = rule(kind, within)[0]
    relations = {compare(a, b) for a, b in combinations(values, 2)}
    if CONFLICTS in relations:
        return "contested"
    return "refinement" if relations - {SAME} or len(set(values)) > 1 else "same"


def claim_facts(claims, within):
    """The facts that claims (of one subject) state, in order of property: a list
    of Facts, each knowing whether it is contested and what a reader is shown."""
    by_attribute = {}
    for claim in claims:
        by_attribute.setdefault(claim.attribute, []).append(claim)

    facts = []
    for attribute, readings in by_attribute.items():
        compare, precision = rule(properties.kind_of(attribute), within)
        facts.append(assess(readings[0].get_attribute_display(), readings, reading_value, compare, precision))
    return facts


def place_hierarchy():
    """{place id: enclosing place id} for every place (one query): the curated hierarchy."""
    return dict(Place.objects.values_list("id", "within_id"))


def explain(fact, value_of, sources_of):
    """The one-line explanation of a contested fact: which sources say what, each
    value once with all its sources ("how long: 21 (001) against 25 (000, 001)").
    `value_of(reading)` gives a reading's value as text, `sources_of(reading)` the
    names of its sources. Values written alike up to case, accents and punctuation
    ("Second wife", "second wife.") are one value, shown as first written."""
    in_conflict = {id(r) for pair in fact.conflicts for r in pair}
    sources, shown = {}, {}
    for reading in fact.readings:
        if id(reading) in in_conflict:
            value = value_of(reading)
            key = normalize(value) or value
            shown.setdefault(key, value)
            sources.setdefault(key, set()).update(sources_of(reading))
    parts = [
        f"{shown[key]} ({', '.join(sorted(names)) or 'no source cited'})" for key, names in sources.items()
    ]
    return f"{fact.label}: " + " against ".join(parts)


def facts_of_all_claims(claims=None):
    """Every fact the claims state (default: all claims), grouped by subject, each
    assessed by the rule above; the place hierarchy is read once."""
    claims = Claim.objects.select_related("place") if claims is None else claims
    by_subject = {}
    for claim in claims.order_by("person_id", "event_id", "subject_type_id", "subject_id", "attribute", "id"):
        key = (claim.person_id, claim.event_id, claim.subject_type_id, claim.subject_id)
        by_subject.setdefault(key, []).append(claim)
    within = place_hierarchy()
    return [fact for group in by_subject.values() for fact in claim_facts(group, within)]


def contested_facts(claims=None):
    return [fact for fact in facts_of_all_claims(claims) if fact.contested]
