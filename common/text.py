"""Name normalisation: how "Maîtrejean", "MAITREJEAN" and "maitrejean" become one key."""

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
