"""Uncertain dates, written in EDTF (Extended Date/Time Format, ISO 8601-2).

Historians' dates are rarely exact: "1930?", "1912/1913", "193X". We store the
EDTF string as the curator wrote it, and beside it the earliest and latest day
it can mean, so that lists sort and date-range filters work in plain SQL.
"""

import calendar
import datetime
import functools
import re

import edtf
from django.core.exceptions import ValidationError

EDTF_HELP = (
    "EDTF: 1890-12-30, 1933-03, 1912? (uncertain), 1912~ (approximate), "
    "1912/1913 (interval), [1912,1913] (one of), 193X (some year of the 1930s), 1936/.. (open)."
)


@functools.lru_cache(maxsize=8192)
def _parse_or_none(value):
    # The EDTF grammar is slow to run (about 20 ms a value); historians' dates repeat a lot.
    try:
        return edtf.parse_edtf(value)
    except Exception:  # the edtf parser raises several exception types
        return None


def parse(value):
    """Parse an EDTF string, or raise ValidationError with a message a curator understands."""
    parsed = _parse_or_none(value.strip())
    if parsed is None:
        raise ValidationError(
            "“%(value)s” is not a valid EDTF date. " + EDTF_HELP,
            code="invalid_edtf",
            params={"value": value},
        )
    return parsed


# EDTF can write any year (Y-99999999999); the database stores day bounds that Python's
# dates cannot go beyond (years 1 to 9999), and no source of ours is older than that.
MIN_YEAR, MAX_YEAR = -9999, 9999


# ---------------------------------------------------------------- the fast path

# The forms nearly every date of ours takes: a year, a month or a day, each perhaps
# qualified (? ~ %), and intervals of them, perhaps open (..). They are read here
# directly, in microseconds; every other form (193X, [1912,1913], seasons, negative
# or long years, an unknown end, level-2 qualifiers ...) goes to the edtf library,
# whose grammar costs milliseconds a value. tests/test_speed.py checks that both
# agree on many forms.
_FAST_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?")


def _fast_day_bounds(text):
    """(earliest, latest) day of a plain, possibly qualified date, or None."""
    match = _FAST_DATE.fullmatch(text)
    if not match:
        return None
    year = max(1, int(match[1]))  # year 0 is clamped to 1, as _to_date does
    if match[2] is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = int(match[2])
    if not 1 <= month <= 12:
        return None  # seasons (21-24) and mistakes: the library decides
    last = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return datetime.date(year, month, 1), datetime.date(year, month, last)
    day = int(match[3])
    if not 1 <= day <= last:
        return None
    return datetime.date(year, month, day), datetime.date(year, month, day)


def fast_bounds(value):
    """`bounds(value)` for the common forms without the edtf library, or None when
    `value` takes another form (then ask the library)."""
    if "/" not in value:
        return _fast_day_bounds(value)
    start, _, end = value.partition("/")
    lower = (None, None) if start == ".." else _fast_day_bounds(start)
    upper = (None, None) if end == ".." else _fast_day_bounds(end)
    if lower is None or upper is None or (start == ".." and end == ".."):
        return None
    return lower[0], upper[1]


def _years(parsed):
    for struct in (parsed.lower_strict(), parsed.upper_strict()):
        year = getattr(struct, "tm_year", None)  # None: an open end (infinity)
        if year is not None:
            yield year


_CALENDAR_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _impossible_day(value):
    """A day no calendar has (29 February 1900, 31 April): the edtf library takes
    some of them, then fails computing their bounds."""
    for year, month, day in _CALENDAR_DAY.findall(value):
        year, month, day = int(year), int(month), int(day)
        if 1 <= month <= 12 and not 1 <= day <= calendar.monthrange(max(year, 1), month)[1]:
            return True
    return False


def validate_edtf(value):
    """A valid EDTF date of days that exist, whose years lie between -9999 and 9999."""
    if value:
        if fast_bounds(value.strip()) is not None:
            return  # a common form, four-digit years: valid
        parsed = parse(value)
        try:
            years = list(_years(parsed))
        except Exception:  # the library parses some forms it cannot compute bounds for
            years = None
        if years is None or _impossible_day(value):
            raise ValidationError(
                "“%(value)s” is not a valid EDTF date. " + EDTF_HELP,
                code="invalid_edtf",
                params={"value": value},
            )
        if any(not MIN_YEAR <= year <= MAX_YEAR for year in years):
            raise ValidationError(
                "“%(value)s” names a year outside %(min)s to %(max)s, the years this database records.",
                code="edtf_year_out_of_range",
                params={"value": value, "min": MIN_YEAR, "max": MAX_YEAR},
            )


def _to_date(struct):
    if struct is None:
        return None
    try:
        year = struct.tm_year
    except AttributeError:  # +/- infinity for open intervals
        return None
    year = max(1, min(year, 9999))
    last_day = calendar.monthrange(year, struct.tm_mon)[1]  # 29 in February of a leap year
    return datetime.date(year, struct.tm_mon, min(struct.tm_mday, last_day))


def bounds(value):
    """Return (earliest, latest) possible days of an EDTF string, either None if open."""
    if not value:
        return None, None
    fast = fast_bounds(value.strip())
    if fast is not None:
        return fast
    parsed = parse(value)
    return _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())


def is_uncertain(value):
    """True when the date is marked uncertain or approximate, or is a range."""
    return bool(value) and any(ch in value for ch in "?~%X/[]")


def overlaps(lower, upper, start, end):
    """Whether [lower, upper] (either may be None: open) meets the period [start, end]."""
    return (upper is None or start is None or upper >= start) and (
        lower is None or end is None or lower <= end
    )


_PLAIN_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def schema_org_date(value):
    """The EDTF value as a schema.org Date (ISO 8601: 1890, 1890-12, 1890-12-30), or
    None when it is uncertain, approximate, a range or a choice, which schema.org
    dates cannot say: such values travel as EDTF beside it (see linked_data)."""
    value = (value or "").strip()
    return value if _PLAIN_DATE.match(value) else None


# ---------------------------------------------------------------- dates in words

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_SIMPLE = __import__("re").compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _plain_in_words(value):
    """1890 -> "1890", 1940-08 -> "August 1940", 1890-12-30 -> "30 December 1890";
    193X -> "the 1930s", 19XX -> "the 1900s"; anything else as written."""
    if "X" in value:
        digits = value.split("-", 1)[0]
        if len(digits) == 4 and digits[-1] == "X" and "X" not in digits[:2]:
            if digits[2] == "X":
                return f"some time between {digits[:2]}00 and {digits[:2]}99"
            return f"some time in the {digits[:3]}0s"
        if "X" not in digits:
            return f"some time in {digits}"
        return f"some time in {value} (unspecified digits)"
    match = _SIMPLE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    if not month or not 1 <= int(month) <= 12:
        return year.lstrip("0") or "0"
    words = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {words}" if day else words


def _one_of(parts):
    words = [describe_date(part.strip()) for part in parts if part.strip()]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe_date(value):
    """An EDTF date as a reader says it, the one rule for every page:
    "1890-12-30" -> "30 December 1890", "1940-08" -> "August 1940",
    "1934-10~" -> "about October 1934", "1912?" -> "1912 (uncertain)",
    "1912/1913" -> "between 1912 and 1913", "[1912,1913]" -> "1912 or 1913",
    "../1943-04-17" -> "until 17 April 1943", "193X" -> "some time in the 1930s".
    Every page and the facts say dates through this one function."""
    value = (value or "").strip()
    if not value:
        return ""
    if value.startswith("[") and value.endswith("]"):
        return _one_of(value[1:-1].split(","))
    if value.startswith("{") and value.endswith("}"):
        return "all of " + ", ".join(describe_date(part) for part in value[1:-1].split(","))
    if "/" in value:
        start, end = (describe_date(part) if part not in ("", "..") else "" for part in value.split("/", 1))
        if start and end:
            return f"between {start} and {end}"
        return f"from {start}" if start else f"until {end}" if end else "unknown"
    if value[-1] == "~":
        return f"about {_plain_in_words(value[:-1])}"
    if value[-1] == "?":
        return f"{_plain_in_words(value[:-1])} (uncertain)"
    if value[-1] == "%":
        return f"about {_plain_in_words(value[:-1])} (uncertain)"
    return _plain_in_words(value)


def describe_period(start, end):
    """A period in words: "1910 – 1915", "from 1936", "until May 1940"; a period
    that starts and ends on the same date is that date ("1942", not "1942 – 1942")."""
    if start and end and start.strip() == end.strip():
        return describe_date(start)
    start, end = describe_date(start), describe_date(end)
    if start and end:
        return f"{start} – {end}"
    return f"from {start}" if start else f"until {end}" if end else ""
