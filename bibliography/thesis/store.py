"""The record store: where the parser puts what it reads.

It collects plain records (dicts) in the lists of ParsedBibliography, merges records
that share a key (a publisher met twice is one organisation), and hands out keys that
stay put from one run to the next, since fixtures/curated/ids.yaml gives each key its
permanent public id.  The section and entry being read are written on each work, so
that a reader of the fixtures can find the line of the bibliography it comes from.
"""

import re

from common.text import make_slug, normalize

from .dates import year_of
from .gazetteer import (
    PERIODICAL_INFO,
    PLACE_KEYS,
    PLACES,
    PUBLISHER_BY_SIGNATURE,
    SERGE_PSEUDONYMS,
    publisher_signature,
)
from .records import RECORD_LISTS, SERGE
from .text import clean, clean_title, periodical_key_for, person_key, sort_name_of


class Store:
    """Collects records, merges those sharing a key, and hands out unique keys."""

    def __init__(self):
        self.lists = {name: [] for name in RECORD_LISTS}
        self.by_key = {
            name: {} for name in ("works", "editions", "periodicals", "persons", "organisations", "places")
        }
        self.section = self.entry = None
        self.publisher_keys = {}  # publisher signature -> key

    # -- entities
    def _merge(self, kind, record):
        existing = self.by_key[kind].get(record["key"])
        if existing is None:
            self.by_key[kind][record["key"]] = record
            self.lists[kind].append(record)
            return record
        for name, value in record.items():
            if name == "names":
                known = {n["name"] for n in existing["names"]}
                existing["names"] += [
                    {**n, "type": "variant"} if n["type"] == "preferred" else n  # one preferred name
                    for n in value
                    if n["name"] not in known
                ]
            elif name == "about":
                existing["about"] += [k for k in value if k not in existing["about"]]
            elif value not in (None, "", []) and existing.get(name) in (None, "", []):
                existing[name] = value
        return existing

    def place(self, name):
        if not name:
            return None
        name = PLACES.get(normalize(name), name)
        key = PLACE_KEYS.get(name, make_slug(name))
        self._merge("places", {"key": key, "name": name, "kind": "city"})
        return key

    def organisation(self, name, kind="publisher", key=None):
        """Key of an organisation; publishers whose names have the same signature
        (publisher_signature) are one publisher, under the gazetteer's key or else the
        key the first of their names gave."""
        if not name:
            return None
        name = clean(name)
        if kind == "publisher":
            signature = publisher_signature(name)
            key = (
                key
                or PUBLISHER_BY_SIGNATURE.get(signature)
                or self.publisher_keys.get(signature)
                or make_slug(name)
            )
            self.publisher_keys.setdefault(signature, key)
            known = self.by_key["organisations"].get(key)
            if known and make_slug(known["name"]) != key and make_slug(name) == key:
                known["name"] = (
                    name  # the name the key was made from ("Merit Publishers", not "Merit Pamphlet")
                )
        key = key or make_slug(name)
        self._merge("organisations", {"key": key, "name": name, "kind": kind})
        return key

    def periodical(self, title, key=None, place=None, language=""):
        key = key or periodical_key_for(title) or make_slug(title)
        info = PERIODICAL_INFO.get(key)
        if info:
            title, place, language = info[0], place or info[1], language or info[2]
        record = {"key": key, "title": clean(title), "place": self.place(place), "language": language}
        self._merge("periodicals", record)
        return key

    def person(self, name, name_type=None):
        """Key of a person from a printed name; records the printed form as a name."""
        name = clean(re.sub(r"\((?:Ed|ed|eds)\.?\)|\bEd\.$", "", name))
        if re.search(r"(?:^|[\s.])[A-Z]$", name):
            name += "."  # the full stop of a final initial ("Cannon, James P.")
        key, preferred = person_key(name)
        n = normalize(name)
        if name_type is None:
            name_type = SERGE_PSEUDONYMS.get(n, "variant") if key == SERGE else "variant"
            if name == preferred:
                name_type = "preferred"
            elif re.fullmatch(r"(?:[A-Z]\.\s?)+[A-Z]?\.?|[A-Z]{2,3}", name):
                name_type = "initials"
        sort_name = sort_name_of(preferred)
        names = [{"name": preferred, "type": "preferred"}]
        if name != preferred:
            names.append({"name": name, "type": name_type})
        self._merge("persons", {"key": key, "name": preferred, "sort_name": sort_name, "names": names})
        return key

    # -- works and editions
    def person_form(self, key, name, name_type):
        """Record one more printed form of a known person's name."""
        self._merge("persons", {"key": key, "names": [{"name": name, "type": name_type}]})

    def new_work_key(self, base):
        key, n = base, 2
        while key in self.by_key["works"]:
            key, n = f"{base}-{n}", n + 1
        return key

    def work(
        self,
        key,
        title,
        type="other",
        language="",
        status="published",
        written="",
        first_published="",
        description="",
        about=(),
    ):
        record = {
            "key": key,
            "title": clean_title(title),
            "language": language,
            "type": type,
            "status": status,
            "written": written,
            "first_published": first_published,
            "description": description,
            "section": self.section,
            "entry": self.entry,
            "about": list(about),
        }
        return self._merge("works", record)["key"]

    def edition(
        self,
        work,
        title,
        language="",
        publisher=None,
        place=None,
        date="",
        series="",
        periodical=None,
        volume="",
        issue="",
        pages="",
        translation_of=None,
        note="",
    ):
        base = f"{work}--{language or 'xx'}-{year_of(date)}"
        n = 1
        while f"{base}-{n}" in self.by_key["editions"]:
            n += 1
        record = {
            "key": f"{base}-{n}",
            "work": work,
            "title": clean_title(title),
            "language": language,
            "publisher": publisher,
            "place": place,
            "date": date,
            "series": series,
            "periodical": periodical,
            "volume": clean(volume),
            "issue": clean(issue),
            "pages": clean(pages),
            "translation_of": translation_of,
            "note": note,
        }
        self.by_key["editions"][record["key"]] = record
        self.lists["editions"].append(record)
        return record["key"]

    def contribute(self, person, role, work=None, edition=None, credited_as=""):
        existing = [c for c in self.lists["contributions"] if (c["work"], c["edition"]) == (work, edition)]
        if any(c["person"] == person and c["role"] == role for c in existing):
            return
        self.lists["contributions"].append(
            {
                "person": person,
                "work": work,
                "edition": edition,
                "role": role,
                "credited_as": credited_as,
                "order": len(existing),
            }
        )

    def relate(self, subject, type, object, order=0):
        if subject == object:
            return
        record = {"subject": subject, "type": type, "object": object, "order": order}
        if record not in self.lists["work_relations"]:
            self.lists["work_relations"].append(record)

    def hold(self, work, repository, item_count=None, shelfmark="", description=""):
        self.lists["holdings"].append(
            {
                "work": work,
                "repository": repository,
                "item_count": item_count,
                "shelfmark": shelfmark,
                "description": description,
            }
        )

    def find_work(self, title_fragment, author=SERGE):
        """Key of an author's work whose original or edition title starts with a fragment."""
        wanted = normalize(title_fragment)
        if not wanted:
            return None
        authored = {c["work"] for c in self.lists["contributions"] if c["person"] == author and c["work"]}
        for edition in self.lists["editions"]:
            if edition["work"] in authored and normalize(edition["title"]).startswith(wanted):
                return edition["work"]
        for work in self.lists["works"]:
            if work["key"] in authored and normalize(work["title"]).startswith(wanted):
                return work["key"]
        return None


def work_prefix(author):
    """Work keys start with the author's key, "serge" for Serge, "anon" for unsigned works."""
    return "serge" if author == SERGE else (author or "anon")
