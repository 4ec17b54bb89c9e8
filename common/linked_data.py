"""What every record's JSON-LD (schema.org) shares, for the pages and the API alike.

One IRI per record: the permanent page URL is the node's `@id` and `url`; the
API representation is linked with `subjectOf`. EDTF dates that schema.org dates
cannot express (uncertain, approximate, ranges) are given as they are in a
PropertyValue named "EDTF ..." beside the plain date, never forced into one.
"""

from .dates import schema_org_date


def record_node(type_, record, page_url, api_url, name):
    node = {"@type": type_, "@id": page_url, "url": page_url, "identifier": str(record.pk), "name": name}
    if api_url:
        node["subjectOf"] = {"@type": "Dataset", "@id": api_url, "encodingFormat": "application/json"}
    return node


def add_date(node, term, edtf_value):
    """Set `term` (birthDate, datePublished ...) from an EDTF value: the plain date
    when there is one, and the EDTF itself as an additional property when it says more."""
    if not edtf_value:
        return
    plain = schema_org_date(edtf_value)
    if plain:
        node[term] = plain
    if plain != edtf_value:
        node.setdefault("additionalProperty", []).append(
            {"@type": "PropertyValue", "name": f"EDTF {term}", "value": edtf_value}
        )


def same_as(identifiers):
    return [identifier.url for identifier in identifiers if identifier.url]
