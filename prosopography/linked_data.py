"""Persons, organisations and places as schema.org JSON-LD: one function per kind of record,
used by the reader pages and the API alike (common/linked_data.py says why)."""

from common.linked_data import add_date, record_node, same_as


def person_node(person, *, page_url, api_url, names, identifiers, organisations):
    """`names`: the name forms (other than the preferred name); `organisations`:
    pairs (organisation, its page URL) the person belonged to."""
    node = record_node("Person", person, page_url, api_url, person.name)
    alternate = sorted({alias.name for alias in names if alias.name != person.name})
    if alternate:
        node["alternateName"] = alternate
    if person.description:
        node["description"] = person.description
    add_date(node, "birthDate", person.birth)
    add_date(node, "deathDate", person.death)
    if person.birth_place:
        node["birthPlace"] = {"@type": "Place", "name": person.birth_place.name}
    if person.death_place:
        node["deathPlace"] = {"@type": "Place", "name": person.death_place.name}
    links = same_as(identifiers)
    if links:
        node["sameAs"] = links
    members = [{"@type": "Organization", "@id": url, "name": org.name} for org, url in organisations]
    if members:
        node["memberOf"] = members
    return node


def organisation_node(organisation, *, page_url, api_url, names, identifiers):
    node = record_node("Organization", organisation, page_url, api_url, organisation.name)
    alternate = sorted({n.name for n in names if n.name != organisation.name})
    if alternate:
        node["alternateName"] = alternate
    if organisation.description:
        node["description"] = organisation.description
    add_date(node, "foundingDate", organisation.start)
    add_date(node, "dissolutionDate", organisation.end)
    if organisation.place_id:
        node["location"] = {"@type": "Place", "name": organisation.place.name}
    links = same_as(identifiers)
    if links:
        node["sameAs"] = links
    return node


def place_node(place, *, page_url, api_url, names, identifiers, within=None):
    """A schema.org Place: its name forms, coordinates (GeoCoordinates), where it lies
    (`within`: the pair (place it lies in, that place's page URL)) and authority
    links, the GeoNames record its coordinates come from included."""
    node = record_node("Place", place, page_url, api_url, place.name)
    alternate = sorted({n.name for n in names if n.name != place.name})
    if alternate:
        node["alternateName"] = alternate
    if place.description:
        node["description"] = place.description
    if place.latitude is not None and place.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    if within:
        outer, url = within
        node["containedInPlace"] = {"@type": "Place", "@id": url, "name": outer.name}
    links = same_as(identifiers)
    if place.coordinates_source_id and "GeoNames" in place.coordinates_source:
        links.append(f"https://www.geonames.org/{place.coordinates_source_id}")
    if links:
        node["sameAs"] = sorted(set(links))
    return node
