"""Name normalisation: how "Maîtrejean", "MAITREJEAN" and "maitrejean" become one key;
and the typographic form, by which a name is "printed" in a document or not."""

import re

from django.utils.text import slugify
from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize(name):
    """Lower-case, accent-free, punctuation-free form of a name, for search and matching.

    "Maîtrejean" -> "maitrejean", "A.G." -> "a g", "Zborowski" -> "zborowski".
    """
    return _NON_WORD.sub(" ", unidecode(name or "").lower()).strip()


def make_slug(name, max_length=100):
    return slugify(unidecode(name or ""))[:max_length].strip("-") or "untitled"


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def typographic_form(text):
    """A text as printed, up to line breaks and the shape of apostrophes: the form in
    which a name is looked for in a document. Case and accents are kept, since a
    name printed "Lukács" is not printed "Lukacs"."""
    return _SPACES.sub(" ", (text or "").translate(_QUOTES))


class PrintedForms:
    """Which name forms are printed in a set of documents (the five sources): a name
    form that is not is a curator's normalisation, and marked as such."""

    def __init__(self, texts):
        self._printed = "\n".join(typographic_form(text) for text in texts)

    def __contains__(self, name):
        form = typographic_form(name).strip()
        return bool(form) and form in self._printed
