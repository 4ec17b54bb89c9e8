"""The mapping: which records of the database are IPIF statements, and what each says.

A statement is one reading the database holds about one person: a relationship, a
membership, a part in an event, a claim about a date or place of birth or death, a
name form, a credit in a work. Each kind is one row of KINDS: where its person, its
evidence, its date, place, role... live in the model (paths the selectors filter
and sort on), and one small function that turns a record into the statement's
properties. When a model changes (Claim is to become a reading of any property),
its row and its function are all that change.

Evidence: relationships, memberships, events and claims cite passages (Citation);
each (passage, person) pair is a factoid. A credit's evidence is the work itself
(the source is the work). Name forms cite nothing in this database: their
statements exist, with no factoid (`factoid-refs` is empty), and say so.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.db.models.functions import Coalesce

from bibliography.models import Contribution
from prosopography.models import Alias, Claim, EventParticipant, Membership, Relationship

QUOTE_JOIN = " […] "


@dataclass(frozen=True)
class Kind:
    name: str  # in statement ids: <name>-<pk>
    code: int  # in the union queries
    model: type
    to_statement: callable  # record -> IPIF properties (no ids, refs or history)
    person: str  # path to the person the statement is about
    citations: str | None = None  # path to the cited passages (many)
    work: bool = False  # the evidence is a work (credits)
    created: tuple = ()  # paths, first non-null wins: for sorting by createdWhen
    modified: tuple = ()
    lower: tuple = ()  # paths to the date's bounds (derived by DatedMixin)
    upper: tuple = ()
    place: str | None = None
    role: str | None = None
    member_of: str | None = None
    relates_to: str | None = None
    name_form: str | None = None  # the statement's own `name` property
    text: tuple = ()  # what the full-text filter `st` reads, besides the quote
    base: dict = field(default_factory=dict)  # which records of the model are statements
    select: tuple = ()
    prefetch: tuple = ()

    def queryset(self):
        qs = self.model.objects.filter(**self.base).order_by()
        annotations = {
            "_created": Coalesce(*self.created) if len(self.created) > 1 else F(self.created[0]),
            "_modified": Coalesce(*self.modified) if len(self.modified) > 1 else F(self.modified[0]),
        }
        if self.lower:
            annotations["_lo"] = Coalesce(*self.lower) if len(self.lower) > 1 else F(self.lower[0])
            annotations["_hi"] = Coalesce(*self.upper) if len(self.upper) > 1 else F(self.upper[0])
        if self.work:
            annotations["_work"] = Coalesce("work_id", "edition__work_id")
        return qs.annotate(**annotations)


# ---------------------------------------------------------------- small shapes


def label(text, uri=None):
    return {"uri": uri, "label": text} if uri else {"label": text}


def edtf_date(start, lower, end="", end_lower=None):
    """`label` is the EDTF string as written (an interval when the reading has an end),
    `sortdate` its earliest day as a plain date."""
    if not (start or end):
        return None
    text = f"{start or '..'}/{end}" if end else start
    sortdate = lower or end_lower
    return {"label": text, **({"sortdate": sortdate.isoformat()} if sortdate else {})}


def quotes(citations):
    return QUOTE_JOIN.join(c.quote for c in citations) or None


def compact(properties):
    return {key: value for key, value in properties.items() if value not in (None, "", [], {})}


# ---------------------------------------------------------------- one function per kind


def relationship(r, iris):
    return compact(
        {
            "statementType": label(r.type.label),
            "date": edtf_date(r.start, r.start_lower, r.end, r.end_lower),
            "relatesToPersons": [label(r.object.name, iris.person(r.object_id))],
            "statementText": quotes(r.citations.all()),
            "rank": r.rank,
        }
    )


def membership(m, iris):
    return compact(
        {
            "statementType": label("membership"),
            "role": label(m.role),
            "memberOf": label(m.organisation.name, iris.organisation(m.organisation_id)),
            "date": edtf_date(m.start, m.start_lower, m.end, m.end_lower),
            "statementText": quotes(m.citations.all()),
            "rank": m.rank,
        }
    )


def participation(p, iris):
    event = p.event
    return compact(
        {
            "statementType": label(event.get_type_display()),
            "role": label(p.role),
            "date": edtf_date(event.date, event.date_lower),
            "places": [label(event.place.name, iris.place(event.place_id))] if event.place_id else [],
            "statementText": quotes(event.citations.all()) or event.description,
            "rank": event.rank,
        }
    )


def claim(c, iris):
    """One reading of a contested-or-not fact: two claims on one attribute are two
    statements, each with its own passage and rank."""
    return compact(
        {
            "statementType": label(c.get_attribute_display()),
            "date": edtf_date(c.date, c.date_lower),
            "places": [label(c.place.name, iris.place(c.place_id))] if c.place_id else [],
            "statementText": quotes(c.citations.all()),
            "rank": c.rank,
        }
    )


def name_form(a, iris):
    return compact(
        {
            "statementType": label(f"name ({a.get_type_display()})"),
            "name": a.name,
            "date": edtf_date(a.period, None),
            "statementText": a.note,
        }
    )


def credit(c, iris):
    return compact(
        {
            "statementType": label("credit"),
            "role": label(c.get_role_display()),
            "name": c.credited_as,
        }
    )


KINDS = [
    Kind(
        "relationship",
        1,
        Relationship,
        relationship,
        person="subject",
        citations="citations",
        created=("created",),
        modified=("modified",),
        lower=("start_lower", "end_lower"),
        upper=("end_upper", "start_upper"),
        relates_to="object",
        text=("type__label", "object__name", "start", "note"),
        select=("type", "object"),
        prefetch=("citations",),
    ),
    Kind(
        "membership",
        2,
        Membership,
        membership,
        person="person",
        citations="citations",
        created=("created",),
        modified=("modified",),
        lower=("start_lower", "end_lower"),
        upper=("end_upper", "start_upper"),
        role="role",
        member_of="organisation",
        text=("role", "organisation__name", "start", "note"),
        select=("organisation",),
        prefetch=("citations",),
    ),
    Kind(
        "participation",
        3,
        EventParticipant,
        participation,
        person="person",
        citations="event__citations",
        base={"person__isnull": False},
        created=("event__created",),
        modified=("event__modified",),
        lower=("event__date_lower",),
        upper=("event__date_upper",),
        place="event__place",
        role="role",
        text=("event__type", "event__date", "event__description", "event__place__name", "role"),
        select=("event", "event__place"),
        prefetch=("event__citations",),
    ),
    Kind(
        "claim",
        4,
        Claim,
        claim,
        person="person",
        citations="citations",
        base={"person__isnull": False},
        created=("created",),
        modified=("modified",),
        lower=("date_lower",),
        upper=("date_upper",),
        place="place",
        text=("attribute", "date", "place__name"),
        select=("place",),
        prefetch=("citations",),
    ),
    Kind(
        "name",
        5,
        Alias,
        name_form,
        person="person",
        created=("person__created",),
        modified=("person__modified",),
        name_form="name",
        text=("name", "type", "note"),
    ),
    Kind(
        "credit",
        6,
        Contribution,
        credit,
        person="person",
        work=True,
        created=("work__created", "edition__created"),
        modified=("work__modified", "edition__modified"),
        role="role",
        name_form="credited_as",
        text=("role", "credited_as", "work__title", "edition__work__title"),
        select=("edition",),
    ),
]
BY_NAME = {kind.name: kind for kind in KINDS}
BY_CODE = {kind.code: kind for kind in KINDS}


def evidence(kind, record):
    """[(src, source)] of a loaded record: its passages and their documents, or its
    work (as minus the work's id, in both places), or nothing."""
    if kind.work:
        work = record.work_id or (record.edition.work_id if record.edition_id else None)
        return [(-work, -work)] if work else []
    if not kind.citations:
        return []
    holder = record
    *path, last = kind.citations.split("__")
    for step in path:
        holder = getattr(holder, step)
    return [(c.pk, c.source_id) for c in getattr(holder, last).all()]


def person_of(kind, record):
    return getattr(record, f"{kind.person}_id")
