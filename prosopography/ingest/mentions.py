"""Finding every name form of every curated record in the documents, and resolving
the ambiguous ones by rule.

The rules, in order:
1. Longest match wins: "Natalia Sedova" is one mention, not "Sedova" inside it;
   a match must be a whole word ("Trotsky" in "Trotsky's", never in "Trotskyist";
   "Sedov" never inside "Sedova").
2. A form that belongs to one record only resolves to it (rule `unique-form`).
3. A form shared by several records ("Paz", "Kibalchich", "Fischer") resolves to the
   candidate named unambiguously nearest to it in the same paragraph
   (`context-paragraph`), else in the five paragraphs before (`context-nearby`).
4. Otherwise the mention is kept as `unresolved`, with its candidates, for a curator.

Forms that cannot be matched safely are skipped and reported: forms shorter than
three characters (unless in capitals, such as "VS"), and one-word forms that are
also common words of the documents ("Last", "Hope", "Will").
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

WORD = re.compile(r"\w+")
SNIPPET_RADIUS = 110
SNIPPET_MAX = 300
NEARBY_PARAGRAPHS = 5


@dataclass
class Match:
    source: str
    start: int
    end: int
    surface: str
    paragraph: int
    refs: tuple  # ((kind, key), ...) the records the form belongs to
    target: tuple | None = None
    rule: str = ""
    candidates: tuple = ()


@dataclass
class FormIndex:
    by_first_word: dict = field(default_factory=dict)  # word -> [(form, refs)], longest first
    skipped: dict = field(default_factory=dict)  # form -> reason


def common_words(texts):
    """Lower-case words and how often each occurs in the documents."""
    counts = Counter()
    for text in texts.values():
        counts.update(w for w in WORD.findall(text) if w.islower())
    return counts


def build_index(world, texts):
    """Map each usable name form to the records that bear it."""
    words = common_words(texts)
    owners = defaultdict(set)
    for kind in ("persons", "organisations", "places"):
        for key, rec in getattr(world, kind).items():
            dropped = world.drop_names.get(key, set())
            for form in {rec["name"], *(n["name"] for n in rec["names"])}:
                if form not in dropped:
                    owners[form.strip()].add((kind, key))
    index = FormIndex()
    grouped = defaultdict(list)
    for form, refs in owners.items():
        reason = unsafe(form, words)
        if reason:
            index.skipped[form] = reason
            continue
        first = WORD.match(form)
        if not first:
            index.skipped[form] = "does not start with a letter or digit"
            continue
        grouped[first.group()].append((form, tuple(sorted(refs))))
    for word, forms in grouped.items():
        index.by_first_word[word] = sorted(forms, key=lambda f: (-len(f[0]), f[0]))
    return index


def unsafe(form, words):
    if len(form) < 3 and not (len(form) == 2 and form.isupper()):
        return "too short to match safely"
    if " " not in form and form[:1].isupper() and words.get(form.lower(), 0) >= 3:
        return f"also a common word ({words[form.lower()]} times in lower case)"
    return None


def find(file_name, text, index):
    """Every longest whole-word occurrence of a known form in one document."""
    matches = []
    position = 0
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    paragraph = 0
    for word in WORD.finditer(text):
        if word.start() < position:
            continue
        candidates = index.by_first_word.get(word.group())
        if not candidates:
            continue
        start = word.start()
        for form, refs in candidates:
            end = start + len(form)
            if text.startswith(form, start) and not (
                end < len(text) and _is_word_char(text[end]) and _is_word_char(form[-1])
            ):
                while paragraph + 1 < len(line_starts) and line_starts[paragraph + 1] <= start:
                    paragraph += 1
                matches.append(Match(file_name, start, end, form, paragraph, refs))
                position = end
                break
    return matches


def _is_word_char(ch):
    return ch.isalnum() or ch == "_"


def resolve(matches):
    """Apply rules 2-4 to the matches of one document, in place."""
    for m in matches:
        if len(m.refs) == 1:
            m.target, m.rule = m.refs[0], "unique-form"
    by_paragraph = defaultdict(list)
    for m in matches:
        if m.target:
            by_paragraph[m.paragraph].append(m)
    for m in matches:
        if m.target:
            continue
        choice = _nearest(m, by_paragraph.get(m.paragraph, []))
        if choice:
            m.target, m.rule = choice, "context-paragraph"
            continue
        for back in range(1, NEARBY_PARAGRAPHS + 1):
            choice = _nearest(m, by_paragraph.get(m.paragraph - back, []))
            if choice:
                m.target, m.rule = choice, "context-nearby"
                break
        else:
            m.rule = "ambiguous"
            m.candidates = m.refs
    return matches


def _nearest(match, resolved):
    best = None
    for other in resolved:
        if other.target in match.refs:
            distance = abs(other.start - match.start)
            if best is None or distance < best[0]:
                best = (distance, other.target)
    return best[1] if best else None


def snippet_bounds(text, start, end):
    """A passage of at most 300 characters around a span, within its paragraph,
    cut at spaces: an exact substring of the document."""
    radius = min(SNIPPET_RADIUS, max(0, (SNIPPET_MAX - (end - start)) // 2))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    a = max(line_start, start - radius)
    b = min(line_end, end + radius)
    if a > line_start:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < line_end:
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    return a, b


def co_mentions(matches):
    """Pairs of persons named in the same paragraph, with the number of paragraphs they share."""
    paragraphs = defaultdict(set)
    for m in matches:
        if m.target and m.target[0] == "persons":
            paragraphs[(m.source, m.paragraph)].add(m.target[1])
    weights = Counter()
    for keys in paragraphs.values():
        ordered = sorted(keys)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                weights[(a, b)] += 1
    return weights
