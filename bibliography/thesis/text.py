"""Small text helpers of the parser: cleaning fragments of an entry, quoted titles,
splitting a publication statement into chunks, guessing a title's language, and
turning a printed person's name into a key and a sort name.
"""

import re

from common.text import make_slug, normalize

from .gazetteer import (
    COMMA_PUBLISHERS,
    KNOWN_PERSONS,
    MONONYMS,
    NAME_PARTICLES,
    PERIODICAL_ALIASES,
    PERSON_ALIASES,
    PLACES,
    PUBLISHER_BY_SIGNATURE,
    PUBLISHER_WORDS,
    STOPWORDS,
    publisher_signature,
)

QUOTE_CHARS = '"“”«»'


def clean(text):
    """Collapse whitespace and strip stray punctuation from a fragment of an entry."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return text.strip(" ,;:.").strip()


def clean_title(text):
    """A title without the quotes around it; a quote that closes a quotation inside
    the title ('Marxism and "Really Existing Socialism"') stays."""
    text = clean(text)
    title = clean(text.strip(QUOTE_CHARS + "'").strip())
    if title.count('"') % 2 and text.endswith('"') and not text.startswith('"'):
        title += '"'
    return title


def quoted_strings(text):
    """Titles in double quotes at the start of an entry: several for one issue's articles."""
    titles = []
    rest = text.lstrip("- ").strip()
    while rest.startswith('"'):
        m = re.match(r'"((?:[^"]|"(?=[A-Za-z][^"]*"[,.]?\s*"))+?)[,.]?"[,.;]?\s*(?:(?:&|and)\s+(?="))?', rest)
        if not m:
            break
        titles.append(clean_title(m.group(1)))
        rest = rest[m.end() :]
    return titles, rest


def split_chunks(text):
    """Split a publication statement on commas and semicolons, keeping comma-bearing
    publishers ("Holt, Rinehart & Winston") and parentheses whole."""
    for name in COMMA_PUBLISHERS:
        text = text.replace(name, name.replace(",", "\u201a"))
    text = re.sub(r"\b([A-Z][a-z]{2,8}\.? \d{1,2}(?:-\d{1,2})?), (1[89]\d\d)\b", "\\1\u201a \\2", text)
    chunks, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")" and depth > 0
        if char in ",;" and depth == 0:
            chunks.append(current)
            current = ""
        else:
            current += char
    chunks.append(current)
    return [clean(c.replace("\u201a", ",")) for c in chunks if clean(c)]


def guess_language(text, default=""):
    """Language of a title from its function words: good enough for fr/es/en/it."""
    words = normalize(text).split()
    scores = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    return best if ranked[0] and ranked[0] > ranked[1] else default


def place_name(chunk):
    """The place a chunk names ("Paris", "NY", "Mexico DF"), else None."""
    return PLACES.get(normalize(chunk.replace("(", " ").replace(")", " ")))


def looks_like_publisher(chunk):
    known = publisher_signature(chunk) in PUBLISHER_BY_SIGNATURE
    return bool(known or PUBLISHER_WORDS.search(chunk)) and not place_name(chunk)


def periodical_key_for(name):
    """Key of a periodical named in an entry, by its table or by its slug."""
    n = normalize(re.sub(r"^(?:in|revue|the journal)\s+", "", clean(name), flags=re.I))
    if n in PERIODICAL_ALIASES:
        return PERIODICAL_ALIASES[n]
    for alias, key in PERIODICAL_ALIASES.items():
        if len(alias) > 3 and (n.startswith(alias + " ") or n == alias):
            return key
    return None


def person_key(name):
    """(key, preferred name) for a printed name: "Surname, Forename" or "Forename Surname"."""
    n = normalize(name)
    if n in PERSON_ALIASES:
        key = PERSON_ALIASES[n]
        return key, KNOWN_PERSONS[key][0]
    if "," in name:
        surname, forename = (re.sub(r"\s+", " ", p).strip(" ,;:") for p in name.split(",", 1))
    else:
        tokens = name.split()
        cut = len(tokens) - 1
        while cut > 1 and tokens[cut - 1].lower() in NAME_PARTICLES:
            cut -= 1
        if cut > 1 and tokens[cut] == "y":
            cut -= 1
        surname, forename = " ".join(tokens[cut:]), " ".join(tokens[:cut])
    forename_tokens = forename.replace(".", ". ").split()
    if forename_tokens and len(forename_tokens[0].strip(".")) > 1:
        given = forename_tokens[0]
    else:
        given = " ".join(t.strip(".") for t in forename_tokens)
    key = "-".join(p for p in (make_slug(surname), make_slug(given) if given else "") if p)
    preferred = clean(f"{forename} {surname}")
    return key, preferred


def sort_name_of(preferred):
    if preferred in {v[0] for v in KNOWN_PERSONS.values()} and " " not in preferred:
        return preferred
    tokens = preferred.split()
    if len(tokens) < 2:
        return preferred
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].lower() in NAME_PARTICLES:
        cut -= 1
    return f"{' '.join(tokens[cut:])}, {' '.join(tokens[:cut])}"


def split_names(text):
    """Persons in "A, B and C" or "Lucien Laurat et Marcelle Pommera"."""
    text = re.sub(r"\s+and friends\b", "", clean(text))
    parts = [
        p
        for p in (clean(p) for p in re.split(r",\s*|\s+(?:and|et|&|y)\s+", text))
        if p and not p.lower().startswith("by ")
    ]
    surname = parts[-1].split()[-1] if parts and len(parts[-1].split()) > 1 else ""
    if parts and not surname and len(parts[0].split()) > 1:
        surname = parts[0].split()[-1]  # "Wilfredo Lam et Helen"
    return [
        f"{p} {surname}"
        if surname
        and len(p.split()) == 1
        and normalize(p) not in PERSON_ALIASES
        and p[0].isupper()
        and p not in MONONYMS
        else p
        for p in parts
    ]
