"""Finding every name form of every curated record in the documents, and resolving
the ambiguous ones by rule.

The rules, in order:
1. Longest match wins: "Natalia Sedova" is one mention, not "Sedova" inside it;
   a match must be a whole word ("Trotsky" in "Trotsky's", never in "Trotskyist";
   "Sedov" never inside "Sedova").
2. A form that belongs to one record only resolves to it (rule `unique-form`),
   unless it needs context (below).
3. A form shared by several records ("Paz", "Kibalchich", "Fischer") resolves to the
   candidate named unambiguously nearest to it in the same paragraph
   (`context-paragraph`), else in the five paragraphs before (`context-nearby`).
4. Otherwise the mention is kept as `unresolved`, with its candidates, for a curator.

Forms that need context never resolve on their own: bare initials ("E.", "G.",
"A.G.") and bare forenames (a one-word form, not a surname, that is also the
forename of another person's name: "Andre", "Vladimir", "Victor", "Maurice").
They resolve only by rule 3, to their own record named nearby; never when the next
word is capitalised (the forename of a longer name no one curated: "Andre Zhidu",
"Vladimir Illitch"), and initials never inside an abbreviation ("E." in "N.E.P.").
Unresolved, they are left for a curator (rule `needs-context`).

Superscript and subscript digits are word boundaries, as footnote numbers glued to
a name ("⁸⁸Andrew Smith", "Naville¹³¹"); so is an ordinary digit right after a
name that ends in a letter.

Forms that cannot be matched safely are skipped and reported: forms shorter than
three characters (unless in capitals, such as "VS"), and one-word forms that are
also common words of the documents ("Last", "Hope", "Will").
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# Footnote numbers printed as superscripts (or subscripts) are not part of a word.
FOOTNOTE_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2071\u2074-\u2079\u2080-\u2089"
# Runs of letters, or of digits: a footnote number glued to a name is no part of it.
WORD = re.compile(rf"[^\W\d_{FOOTNOTE_DIGITS}]+|\d+")
INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,4}")
NOT_FORENAMES = {"surname", "title"}  # one-word types that name the person by themselves
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
    needs_context: bool = False  # a bare forename or initials (see the module's doc)
    before_name: bool = False  # followed by a capitalised word: part of a longer name


@dataclass
class FormIndex:
    by_first_word: dict = field(default_factory=dict)  # word -> [(form, refs)], longest first
    skipped: dict = field(default_factory=dict)  # form -> reason
    context_only: set = field(default_factory=set)  # bare forenames and initials


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
    index = FormIndex(context_only=context_only_forms(world))
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


def context_only_forms(world):
    """Bare initials, and bare forenames: one-word person forms (not surnames or
    titles) that are the first word of a longer name of another person."""
    forenames = defaultdict(set)  # first word of a multi-word person form -> keys
    for key, rec in world.persons.items():
        for form in {rec["name"], *(n["name"] for n in rec["names"])}:
            words = form.split()
            if len(words) > 1:
                forenames[words[0]].add(key)
    found = set()
    for key, rec in world.persons.items():
        for n in [{"name": rec["name"], "type": "preferred"}, *rec["names"]]:
            form = n["name"].strip()
            if INITIALS.fullmatch(form):
                found.add(form)
            elif " " not in form and n.get("type") not in NOT_FORENAMES:
                if forenames.get(form, set()) - {key}:
                    found.add(form)
    return found


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
            if not text.startswith(form, start) or not _ends_word(text, end, form):
                continue
            context = form in index.context_only
            if context and INITIALS.fullmatch(form) and _inside_abbreviation(text, start, end):
                continue
            while paragraph + 1 < len(line_starts) and line_starts[paragraph + 1] <= start:
                paragraph += 1
            match = Match(file_name, start, end, form, paragraph, refs, needs_context=context)
            match.before_name = context and bool(NEXT_NAME.match(text, end))
            matches.append(match)
            position = end
            break
    return matches


NEXT_NAME = re.compile(r"[ \u00a0]+[A-Z\u00c0-\u00de]")


def _is_word_char(ch):
    return (ch.isalnum() or ch == "_") and not re.match(f"[{FOOTNOTE_DIGITS}]", ch)


def _ends_word(text, end, form):
    """Whether a form found at text[..end] ends there as a whole word: the next
    character is no letter, or the form ends with punctuation, or a footnote number
    (superscript, or an ordinary digit) is glued to a name that ends in a letter."""
    if end >= len(text) or not _is_word_char(form[-1]) or not _is_word_char(text[end]):
        return True
    return text[end].isdigit() and form[-1].isalpha()


def _inside_abbreviation(text, start, end):
    """Initials that are a piece of an abbreviation: "E." in "N.E.P."."""
    before = text[max(0, start - 2) : start]
    return bool(re.fullmatch(r"[A-Za-z]\.", before)) or (end < len(text) and text[end].isalpha())


def resolve(matches):
    """Apply rules 2-4 to the matches of one document, in place."""
    for m in matches:
        if len(m.refs) == 1 and not m.needs_context:
            m.target, m.rule = m.refs[0], "unique-form"
    by_paragraph = defaultdict(list)
    for m in matches:
        if m.target:
            by_paragraph[m.paragraph].append(m)
    for m in matches:
        if m.target:
            continue
        if m.before_name:  # "Andre Zhidu": the forename of someone else
            m.rule, m.candidates = "needs-context", m.refs
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
            m.rule = "needs-context" if m.needs_context else "ambiguous"
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
