"""The properties the service knows, per type: which can narrow a match (a
condition) and which a user can pull into the spreadsheet (data extension).

Property ids are plain words ("birth_date"), stable, documented in
docs/reconciliation.md; authority identifiers use the scheme names of
prosopography.models.ExternalIdentifier ("viaf", "wikidata"...).
"""

AUTHORITIES = ["viaf", "wikidata", "gnd", "isni", "maitron", "geonames", "loc"]
AUTHORITY_NAMES = {
    "viaf": "VIAF identifier",
    "wikidata": "Wikidata identifier",
    "gnd": "GND identifier",
    "isni": "ISNI",
    "maitron": "Maitron article",
    "geonames": "GeoNames identifier",
    "loc": "Library of Congress identifier",
}

# id: (name, how a condition on it is evaluated, or None if it only extends)
_PERSON = {
    "birth_date": ("Date of birth (EDTF)", "date:birth"),
    "death_date": ("Date of death (EDTF)", "date:death"),
    "birth_place": ("Place of birth", "place:birth_place_id"),
    "death_place": ("Place of death", "place:death_place_id"),
    "organisations": ("Organisations (member of)", "organisation"),
    "name_forms": ("All name forms", None),
    "pseudonyms": ("Pseudonyms", None),
    "works": ("Works (as author)", None),
    "description": ("Description", None),
}
_ORGANISATION = {
    "start_date": ("Founded (EDTF)", "date:start"),
    "end_date": ("Dissolved (EDTF)", "date:end"),
    "place": ("Place", "place:place_id"),
    "name_forms": ("All name forms", None),
    "description": ("Description", None),
}
_PLACE = {
    "within": ("Within (country, region)", "place:within_id"),
    "name_forms": ("All name forms", None),
    "description": ("Description", None),
}
_WORK = {
    "first_published": ("First published (EDTF)", "date:first_published"),
    "authors": ("Authors", "author"),
    "edition_titles": ("Titles of editions", None),
    "description": ("Description", None),
}


def _with_authorities(props):
    props = dict(props)
    for scheme in AUTHORITIES:
        props[scheme] = (AUTHORITY_NAMES[scheme], "identifier")
    props["authority_links"] = ("Links to authority files", None)
    return props


PROPERTIES = {
    "person": _with_authorities(_PERSON),
    "organisation": _with_authorities(_ORGANISATION),
    "place": _with_authorities(_PLACE),
    "work": _with_authorities(_WORK),
}


def all_properties():
    """Every property id with its name, each once (for suggest/property)."""
    seen = {}
    for props in PROPERTIES.values():
        for pid, (name, _) in props.items():
            seen.setdefault(pid, name)
    return seen
