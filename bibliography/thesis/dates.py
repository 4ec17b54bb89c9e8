"""Dates as the bibliography prints them, in English, French and Spanish ("15 mai 1927",
"Nov-Dec. 1947", "Spring-Summer 1986", "12.III.36"), read into EDTF strings.

Every pattern is tried on the whole text and, where readings overlap, the longest
wins (find_dates), so that "15 mai 1927" is one date and not a year.
"""

import re

from common.text import normalize

MONTHS = {
    "jan": 1,
    "janv": 1,
    "january": 1,
    "janvier": 1,
    "enero": 1,
    "feb": 2,
    "fev": 2,
    "fevr": 2,
    "february": 2,
    "fevrier": 2,
    "febrero": 2,
    "mar": 3,
    "march": 3,
    "mars": 3,
    "marzo": 3,
    "apr": 4,
    "april": 4,
    "avr": 4,
    "avril": 4,
    "abril": 4,
    "may": 5,
    "mai": 5,
    "mayo": 5,
    "jun": 6,
    "june": 6,
    "juin": 6,
    "junio": 6,
    "jul": 7,
    "july": 7,
    "juillet": 7,
    "juil": 7,
    "julio": 7,
    "aug": 8,
    "august": 8,
    "aout": 8,
    "agosto": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "septembre": 9,
    "septiembre": 9,
    "oct": 10,
    "october": 10,
    "octobre": 10,
    "octubre": 10,
    "nov": 11,
    "november": 11,
    "novembre": 11,
    "noviembre": 11,
    "dec": 12,
    "december": 12,
    "decembre": 12,
    "dic": 12,
    "diciembre": 12,
}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
ROMAN_MONTHS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
_MON = r"(?P<{n}>[A-Za-z\u00e0-\u00ff]{{3,10}})\.?"
_YEAR = r"(?P<{n}>1[89]\d\d|\d\d(?!\s*-\s*\d))(?!\d)"
DATE_PATTERNS = [
    (
        "numeric",
        re.compile(r"(?<![\d.])(?P<a>\d{1,2})\.(?P<b>\d{1,2}|[IVX]{1,4})\.(?P<y>\d{2}|\d{4})(?![\d])"),
    ),
    (
        "dmy",
        re.compile(
            r"(?<!\d)(?P<d1>\d{1,2})(?:\s*-\s*(?P<d2>\d{1,2}))?,?\s+(?:de\s+)?"
            + _MON.format(n="m")
            + r",?\s+(?:de\s+)?"
            + _YEAR.format(n="y")
        ),
    ),
    (
        "mdy",
        re.compile(
            _MON.format(n="m")
            + r"\s+(?P<d1>\d{1,2})(?:st|nd|th)?(?:\s*-\s*(?P<d2>\d{1,2}))?(?:,|\s+de)\s*"
            + _YEAR.format(n="y")
        ),
    ),
    (
        "mmy",
        re.compile(
            _MON.format(n="m")
            + r"\s*(?:-|/|&| y | and | a )\s*"
            + _MON.format(n="m2")
            + r",?\s+(?:de\s+)?(?P<y>1[89]\d\d)"
        ),
    ),
    ("my", re.compile(_MON.format(n="m") + r"(?:(?<=\.)|,?\s+)(?:de\s+)?" + _YEAR.format(n="y"))),
    (
        "season",
        re.compile(
            r"(?P<s>Spring|Summer|Autumn|Fall|Winter)(?:\s*-\s*(?P<s2>Spring|Summer|Autumn|Fall|Winter))?"
            r"\s+(?P<y>1[89]\d\d)",
            re.I,
        ),
    ),
    ("years", re.compile(r"(?<![\d\-])(?P<y>1[89]\d\d)\s*(?:-|/|--)\s*(?P<y2>1[89]\d\d|\d\d)(?![\d\-])")),
    ("year", re.compile(r"(?<![\d\-.])(?P<y>1[89]\d\d)(?:\s?(?P<q>\?))?(?![\d])")),
]


def month_number(word):
    """Month number of an English, French or Spanish month name or abbreviation, else None."""
    word = normalize(word)
    return (
        MONTHS.get(word)
        or (MONTHS.get(word[:4]) if len(word) > 4 else None)
        or (MONTHS.get(word[:3]) if len(word) > 3 and not word.startswith("ju") else None)
    )


def _year(text):
    year = int(text)
    return year + 1900 if year < 100 else year


def _edtf(year, month=None, day=None):
    out = f"{year:04d}"
    if month:
        out += f"-{month:02d}"
        if day:
            out += f"-{day:02d}"
    return out


def _date_from_match(kind, m, month_first):
    """EDTF string for one regex match of DATE_PATTERNS, or None if it is not a real date."""
    g = m.groupdict()
    if kind == "numeric":
        a, y = int(g["a"]), _year(g["y"])
        if g["b"] in ROMAN_MONTHS:
            day, month = a, ROMAN_MONTHS[g["b"]]
        else:
            b = int(g["b"])
            day, month = (b, a) if (month_first or b > 12) and a <= 12 else (a, b)
        return _edtf(y, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if kind == "season":
        if g["s2"]:  # "Spring-Summer 1986"
            return f"{g['y']}-{SEASONS[g['s'].lower()]}/{g['y']}-{SEASONS[g['s2'].lower()]}"
        return f"{g['y']}-{SEASONS[g['s'].lower()]}"
    if kind == "years":
        y1, y2 = int(g["y"]), g["y2"]
        y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        return f"{y1}/{y2}" if y2 > y1 else None
    if kind == "year":
        return g["y"] + (g["q"] or "")
    month = month_number(g["m"])
    if not month:
        return None
    year = _year(g["y"])
    if kind == "mmy":
        month2 = month_number(g["m2"])
        return f"{_edtf(year, month)}/{_edtf(year, month2)}" if month2 else None
    if kind == "my":
        return _edtf(year, month)
    day1 = int(g["d1"])
    if not 1 <= day1 <= 31:
        return None
    if g.get("d2"):
        day2 = int(g["d2"])
        if day2 > day1:
            return f"{_edtf(year, month, day1)}/{_edtf(year, month, day2)}"
        if day2 < day1 and month > 1:  # "30-1 juillet": from the last day of the month before
            return f"{_edtf(year, month - 1, day1)}/{_edtf(year, month, day2)}"
    return _edtf(year, month, day1)


def find_dates(text, month_first=False):
    """All dates in a text, left to right, as (edtf, start, end); overlapping readings
    give way to the longest one, so "15 mai 1927" is one date, not a year."""
    found = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            value = _date_from_match(kind, m, month_first)
            if value:
                found.append((m.start(), -(m.end() - m.start()), value, m.end()))
    found.sort()
    out, last_end = [], -1
    for start, _, value, end in found:
        if start >= last_end:
            out.append((value, start, end))
            last_end = end
    return out


def first_date(text, month_first=False):
    dates = find_dates(text, month_first)
    return dates[0][0] if dates else ""


def span_of_dates(text, month_first=False):
    """One EDTF value for a text naming several dates: an interval from first to last."""
    dates = [d for d, _, _ in find_dates(text, month_first)]
    if not dates:
        return ""
    if len(dates) == 1:
        return dates[0]
    start, end = dates[0].split("/")[0], dates[-1].split("/")[-1]
    return start if start == end else f"{start}/{end}"


def year_of(edtf):
    m = re.match(r"\d{4}", edtf or "")
    return m.group(0) if m else "nd"
