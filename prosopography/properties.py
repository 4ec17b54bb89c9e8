"""The properties a reading (Claim) can give a value for, and what kind of value.

One table, so that the admin, the API, the pipeline and the "contested" rule
(prosopography.facts) agree on what each property is and how two of its values
compare. A property's value is one of:

- a date (EDTF, in Claim.date): readings compare as intervals, refinements agree;
- a place (Claim.place): readings compare through the curated place hierarchy;
- a person (Claim.value_person): the same person or not;
- a number (Claim.value_text: "85", "80~" about 80, "4+" at least 4): as intervals;
- text (Claim.value_text): the same words (accents, case and punctuation aside) or not.

Which records a property may describe is said too; "any" properties (a date, a
place, a title ...) suit every kind of record.
"""

from dataclasses import dataclass

DATE, PLACE, PERSON, NUMBER, TEXT = "date", "place", "person", "number", "text"

PERSON_SUBJECT, EVENT_SUBJECT, OTHER_SUBJECT = "person", "event", "other"


@dataclass(frozen=True)
class Property:
    name: str
    label: str
    kind: str
    subjects: tuple = ("person", "event", "other")


PROPERTIES = {
    p.name: p
    for p in [
        # persons
        Property("birth_date", "date of birth", DATE, ("person",)),
        Property("death_date", "date of death", DATE, ("person",)),
        Property("birth_place", "place of birth", PLACE, ("person",)),
        Property("death_place", "place of death", PLACE, ("person",)),
        Property("real_name", "real name", TEXT, ("person",)),
        Property("identification", "who the name refers to", PERSON, ("person",)),
        Property("age", "age", NUMBER, ("person", "event")),
        Property("occupation", "occupation", TEXT, ("person",)),
        Property("nationality", "nationality", TEXT, ("person",)),
        Property("fate", "fate", TEXT, ("person", "event")),
        Property("name", "name", TEXT, ("person", "other")),
        Property("release_date", "date of release from prison", DATE, ("person",)),
        Property("residence", "where they lived", PLACE, ("person",)),
        Property("whereabouts", "whereabouts", TEXT, ("person",)),
        Property("affiliation", "political affiliation", TEXT, ("person",)),
        Property("first_book", "first book", TEXT, ("person",)),
        Property("last_novel", "last novel", TEXT, ("person",)),
        Property("confession", "confession", TEXT, ("person",)),
        # events
        Property("event_date", "date of event", DATE, ("event",)),
        Property("event_place", "place of event", PLACE, ("event",)),
        Property("participants", "who took part", TEXT, ("event",)),
        Property("count", "how many", NUMBER),
        Property("duration", "how long", NUMBER),
        Property("exchanged_for", "exchanged for", TEXT, ("event",)),
        # ties (relationships, memberships)
        Property("relationship_type", "kind of tie", TEXT, ("other",)),
        Property("role", "role", TEXT, ("other", "person")),
        Property("start", "from", DATE, ("other", "event")),
        Property("end", "until", DATE, ("other", "event")),
        # works and anything else
        Property("date", "date", DATE),
        Property("place", "place", PLACE),
        Property("publication_date", "date of publication", DATE, ("other",)),
        Property("writing_date", "date of writing", DATE, ("other",)),
        Property("publication_place", "place of publication", PLACE, ("other",)),
        Property("title", "title", TEXT),
        Property("genre", "genre", TEXT, ("other",)),
        Property("volume", "volume and issue", TEXT, ("other",)),
        Property("description", "what it was", TEXT),
    ]
}

CHOICES = [(p.name, p.label) for p in PROPERTIES.values()]


APPROXIMATE = 0.1  # "80~" (about 80) stands for 72 to 88


def number_bounds(value):
    """(low, high) of a number as readings write it: "85", "2.5", "250,000", "80~"
    (about 80: within a tenth of it), "4+" (at least 4); None when it is not a
    number. The model's validation and the "contested" rule (facts) both read it."""
    text = str(value).replace(",", "").replace(" ", "").strip()
    approximate, at_least = text.endswith("~"), text.endswith("+")
    try:
        number = float(text.rstrip("~+"))
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    if approximate:
        return number * (1 - APPROXIMATE), number * (1 + APPROXIMATE)
    return number, (float("inf") if at_least else number)


def kind_of(name):
    return PROPERTIES[name].kind if name in PROPERTIES else TEXT


def label_of(name):
    return PROPERTIES[name].label if name in PROPERTIES else name.replace("_", " ")
