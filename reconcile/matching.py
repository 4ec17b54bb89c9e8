"""How a name someone typed is compared with the name forms we hold, in plain
functions (no database), so that the rules can be read, tested and tuned alone.

People of Serge's milieu appear under pseudonyms, initials and several
transliterations ("Kibaltchiche", "Kibalchich"; "Zborowski", "Zborovsky";
"V. Serzh"). Matching is therefore done token by token on the accent-free,
lower-case form (common.text.normalize), with three kinds of soft match:
an initial matches a word with that first letter, a transliteration "skeleton"
folds the usual spelling differences (w/v, tch/ch, y/i, doubled letters, a
final French e), and what is left is compared letter by letter. The order of
the words does not matter ("Kibaltchiche, Victor").

Whether a candidate is an automatic match (`match: true` for OpenRefine) is
decided here too, conservatively: a wrong automatic match silently corrupts a
user's spreadsheet, a missed one only costs a click.
"""

import functools
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from common import dates
from common.text import normalize

# Scores are on a 0-100 scale, as OpenRefine shows them.
MATCH_THRESHOLD = 90  # the best candidate must score at least this ...
MATCH_MARGIN = 10  # ... and lead the next one by this much
SINGLE_WORD_MARGIN = 40  # a one-word query ("Victor", "Serge") needs a wider lead
DISTINCT_WINDOW = 25  # a curated "distinct" partner this close blocks an automatic match
DATE_TOLERANCE_YEARS = 1  # the documents disagree by a year often enough

_FINAL_E = re.compile(r"(?<=[^aeiou])e$")  # Kibaltchiche / Kibalchich
_SKELETON_RULES = [
    (re.compile(r"tsch|tch|tsh"), "ch"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
    (_FINAL_E, ""),
]


def tokens(name):
    """The words of a name, normalised: "Kibaltchiche, Victor" -> ["kibaltchiche", "victor"]."""
    return normalize(name).split()


def skeleton(token):
    """A transliteration-tolerant key: "zborowski", "zborovsky" -> "zborovski";
    "kibaltchiche", "kibalchich" -> "kibalchich". The final French e is dropped
    only from longer words, so that "une" and "un" stay apart in titles."""
    long_word = len(token) >= 5
    for pattern, replacement in _SKELETON_RULES:
        if pattern is _FINAL_E and not long_word:
            continue
        token = pattern.sub(replacement, token)
    return token


@functools.lru_cache(maxsize=65536)
def token_similarity(query_token, name_token):
    """1.0 for the same word, less for an initial, a transliteration or a near spelling, else 0."""
    if query_token == name_token:
        return 1.0
    if len(query_token) == 1:
        # "V." for "Viktor": an initial stands for any word with that first letter.
        return 0.9 if query_token[0] == name_token[0] else 0.0
    if len(name_token) == 1:
        # The other way round ("Maurice" against the form "M. Paz") says less:
        # "M." may as well be Magdeleine.
        return 0.75 if query_token[0] == name_token[0] else 0.0
    a, b = skeleton(query_token), skeleton(name_token)
    if a == b:
        return 0.95
    if min(len(a), len(b)) < 4:
        return 0.0
    ratio = SequenceMatcher(None, a, b).ratio()
    return round(ratio * 0.9, 3) if ratio >= 0.8 else 0.0


def name_similarity(query_tokens, name_tokens):
    """Similarity of two names, 0-1: a soft Dice coefficient over words.

    Each query word is paired with the best still unpaired word of the name form;
    unpaired words on either side lower the score ("Serge" against "Victor Serge"
    is 0.67, "V. Serzh" against "Viktor Serzh" 0.95).
    """
    if not query_tokens or not name_tokens:
        return 0.0
    pairs = sorted(
        (
            (token_similarity(q, n), i, j)
            for i, q in enumerate(query_tokens)
            for j, n in enumerate(name_tokens)
        ),
        reverse=True,
    )
    used_q, used_n, total = set(), set(), 0.0
    for value, i, j in pairs:
        if value <= 0:
            break
        if i in used_q or j in used_n:
            continue
        used_q.add(i)
        used_n.add(j)
        total += value
    return 2 * total / (len(query_tokens) + len(name_tokens))


def retrieval_keys(query_tokens):
    """Word prefixes that a name form must start a word with to be considered at
    all (the database narrows on these). Four letters of each longer word, and
    the same four letters after the usual transliteration swaps (w/v, k/c, y/i/j),
    so that "Wiktor" still finds "Viktor"."""
    keys = set()
    for token in query_tokens:
        if len(token) < 3:
            continue
        prefix = token[:4]
        keys.add(prefix)
        for a, b in (
            ("ou", "u"),
            ("w", "v"),
            ("v", "w"),
            ("k", "c"),
            ("c", "k"),
            ("y", "i"),
            ("i", "y"),
            ("j", "y"),
            ("y", "j"),
        ):
            if a in prefix:
                keys.add(prefix.replace(a, b))
    return sorted(keys)


# ---------------------------------------------------------------- dates


class BadValue(ValueError):
    """A condition value the service cannot read: answered with 400 and this message."""


def date_bounds(value):
    """(earliest, latest) day of a year (1890), an EDTF string ("1890?", "189X",
    "1890-12-30") or an ISO date-time as OpenRefine sends them; BadValue if unreadable."""
    if isinstance(value, bool):
        raise BadValue(f"{value!r} is not a date.")
    if isinstance(value, (int, float)):
        value = str(int(value))
    text = str(value).strip()
    if "T" in text:  # OpenRefine dates: 1890-12-30T00:00:00Z
        text = text.split("T", 1)[0]
    try:
        lower, upper = dates.bounds(text)
    except Exception as exc:
        raise BadValue(
            f"“{value}” is not a date: give a year or an EDTF date such as 1890, 1890? or 189X."
        ) from exc
    if lower is None and upper is None:
        raise BadValue("An empty date cannot be matched.")
    return lower, upper


def dates_compatible(query_bounds, record_lower, record_upper, tolerance=DATE_TOLERANCE_YEARS):
    """True if the date asked for can be the record's date (a year's tolerance
    either side), False if it cannot, None if the record has no date."""
    if record_lower is None and record_upper is None:
        return None
    lower, upper = query_bounds
    if lower is not None:
        lower = lower.replace(year=max(1, lower.year - tolerance), day=min(lower.day, 28))
    if upper is not None:
        upper = upper.replace(year=min(9999, upper.year + tolerance), day=min(upper.day, 28))
    return dates.overlaps(record_lower, record_upper, lower, upper)


# ---------------------------------------------------------------- candidates


@dataclass
class Candidate:
    """One entity proposed for one query, with the evidence behind its score."""

    key: str  # "persons/1"
    type: str  # "person"
    name: str
    description: str = ""
    name_score: float = 0.0  # 0-1
    hit_form: str = ""  # the name form that matched best
    hit_type: str = ""  # its NameType ("pseudonym", "preferred", ...)
    conditions: list = field(default_factory=list)  # [(property id, True/False/None)]
    excluded: bool = False  # failed a required condition
    match: bool = False

    @property
    def conflicts(self):
        return any(result is False for _, result in self.conditions)

    @property
    def score(self):
        score = 100 * self.name_score
        for _, result in self.conditions:
            if result is True:
                score += 5
            elif result is False:
                score -= 40
        return round(max(0.0, min(100.0, score)), 1)

    def features(self):
        """The evidence, as 1.0-draft features (0.2 ignores the name)."""
        features = [
            {
                "id": "name_similarity",
                "name": "Similarity of the best name form",
                "value": round(self.name_score, 3),
            },
            {
                "id": "name_form_hit",
                "name": "Matched a name form other than the preferred name",
                "value": bool(self.hit_type) and self.hit_type != "preferred",
            },
            {"id": "pseudonym_hit", "name": "Matched a pseudonym", "value": self.hit_type == "pseudonym"},
        ]
        for pid, result in self.conditions:
            if result is not None:
                features.append(
                    {
                        "id": f"{pid}_compatible",
                        "name": f"Compatible {pid.replace('_', ' ')}",
                        "value": result,
                    }
                )
        return features


def decide_matches(candidates, single_word, distinct_pairs=frozenset()):
    """Sort candidates best first and set `match` on the best one if, and only if,
    it is unambiguous: a high score, no conflicting condition, a clear lead over
    the next candidate, and no curated "distinct" partner close behind it (two
    people the curators keep apart are too easily confused to pick one blindly).
    """
    candidates.sort(key=lambda c: (-c.score, c.name, c.key))
    for candidate in candidates:
        candidate.match = False
    if not candidates:
        return candidates
    best = candidates[0]
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    margin = SINGLE_WORD_MARGIN if single_word else MATCH_MARGIN
    if best.score < MATCH_THRESHOLD or best.name_score < 0.85 or best.conflicts:
        return candidates
    if best.score - runner_up < margin:
        return candidates
    for other in candidates[1:]:
        pair = tuple(sorted((best.key, other.key)))
        if pair in distinct_pairs and best.score - other.score < DISTINCT_WINDOW and not other.conflicts:
            return candidates
    best.match = True
    return candidates
