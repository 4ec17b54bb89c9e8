"""The query string of the IPIF spec, read once and checked: what a list asks for.

Every parameter of the spec is known here, and they combine with AND. A wrong value
(a size that is not a number, a date that is not one, an unknown parameter, an
unknown sort key) is a 400 in the spec's error shape, never a silent guess.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from common import dates

WILDCARD = "*"
MAX_SIZE = 500
KNOWN = {
    "size",
    "page",
    "sortBy",
    "p",
    "f",
    "s",
    "st",
    "personId",
    "factoidId",
    "statementId",
    "sourceId",
    "statementText",
    "role",
    "name",
    "from",
    "to",
    "place",
    "relatesToPerson",
    "memberOf",
}
# The filters that look into statements (the others name records directly).
STATEMENT_FILTERS = ("st", "statementText", "role", "name", "place", "relatesToPerson", "memberOf")
FRAGMENT = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
SORT = re.compile(r"^\s*([@\w-]+?)\s*(?:[\s:_,.]\s*)?(ASC|DESC)?\s*$", re.IGNORECASE)


class BadRequest(Exception):
    pass


@dataclass
class Query:
    size: int = 30
    page: int = 1
    sort: str = "createdWhen"
    descending: bool = False
    text: dict = field(default_factory=dict)  # the statement filters, as given
    p: str = ""
    f: str = ""
    s: str = ""
    person: int | None = None
    factoid: tuple | None = None
    statement: tuple | None = None
    source: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    dated: bool = False  # from=* or to=*: the statement has a date

    @property
    def offset(self):
        return (self.page - 1) * self.size

    @property
    def narrows_statements(self):
        """Whether anything beyond paging and sorting was asked."""
        return bool(
            self.text
            or self.p
            or self.f
            or self.s
            or self.dated
            or self.date_from
            or self.date_to
            or self.person is not None
            or self.factoid is not None
            or self.statement is not None
            or self.source is not None
        )


def _positive(params, name, default):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not “{raw}”.") from None
    if value < 1:
        raise BadRequest(f"{name} must be 1 or more.")
    return value


def _bounds(raw, name):
    """(lower, upper, is_fragment) of a date parameter: a year or month widens to the
    whole of it; anything else is read as an EDTF date."""
    match = FRAGMENT.match(raw)
    if match:
        year, month = int(match.group(1)), match.group(2)
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31), True
        month = int(month)
        if not 1 <= month <= 12:
            raise BadRequest(f"{name}: “{raw}” is not a month.")
        lower = datetime.date(year, month, 1)
        upper = (lower.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(
            days=1
        )
        return lower, upper, True
    try:
        lower, upper = dates.bounds(raw)
    except (ValidationError, ValueError, OverflowError):
        raise BadRequest(f"{name}: “{raw}” is not a date (YYYY, YYYY-MM, YYYY-MM-DD or EDTF).") from None
    return lower, upper, False


def parse(params, ids, sorts):
    """A Query from a QueryDict; `ids` is the ids module (resolves ids and IRIs),
    `sorts` the sort keys this endpoint knows."""
    if any("\x00" in value for values in params.lists() for value in values[1]):
        raise BadRequest("Parameters cannot contain NUL characters.")
    unknown = sorted(set(params) - KNOWN)
    if unknown:
        raise BadRequest(f"Unknown parameter(s): {', '.join(unknown)}.")
    q = Query(size=min(_positive(params, "size", 30), MAX_SIZE), page=_positive(params, "page", 1))
    if params.get("sortBy"):
        match = SORT.match(params["sortBy"])
        if not match or match.group(1) not in sorts:
            raise BadRequest(f"sortBy: use one of {', '.join(sorts)}, optionally followed by ASC or DESC.")
        q.sort, q.descending = match.group(1), (match.group(2) or "").upper() == "DESC"
    for name in STATEMENT_FILTERS:
        if params.get(name, "").strip():
            q.text[name] = params[name].strip()
    q.p, q.f, q.s = (params.get(n, "").strip() for n in ("p", "f", "s"))

    def resolved(name, resolve):
        raw = params.get(name, "").strip()
        if not raw:
            return None
        value = resolve(raw)
        # An id that names nothing matches nothing (rather than everything).
        return value if value is not None else False

    q.person = resolved("personId", ids.person_id)
    q.factoid = resolved("factoidId", ids.factoid_id)
    q.statement = resolved("statementId", ids.statement_key)
    q.source = resolved("sourceId", ids.source_id)

    raw_from, raw_to = params.get("from", "").strip(), params.get("to", "").strip()
    if WILDCARD in (raw_from, raw_to):
        q.dated = True
        raw_from, raw_to = (v if v != WILDCARD else "" for v in (raw_from, raw_to))
    if raw_from:
        lower, upper, fragment = _bounds(raw_from, "from")
        q.date_from = lower
        if fragment and not raw_to:
            q.date_to = upper
    if raw_to:
        lower, upper, fragment = _bounds(raw_to, "to")
        q.date_to = upper
        if fragment and not raw_from:
            q.date_from = lower
    if q.date_from and q.date_to and q.date_to < q.date_from:
        raise BadRequest("to lies before from.")
    return q
