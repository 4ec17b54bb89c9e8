"""The network written out in the formats other tools read.

Each renderer takes the networkx graph that `selectors.network()` returns:

* JSON: {nodes: [...], edges: [...]}, for the web and for scripts;
* GraphML: for Cytoscape, yEd, networkx itself. It only holds strings and
  numbers as attributes, so lists (an edge's citations) travel as JSON text;
* GEXF 1.3: for Gephi, Gephi Lite and sigma.js (graphology-gexf), written by hand
  rather than by networkx so that it is valid against the GEXF 1.3 XSD (vendored
  in vendor/specs/gexf/): names as node labels, the relationship type and kind as
  declared attributes (GEXF's own edge `type` means directed/undirected/mutual),
  weights, and dated ties as spells, so that Gephi's timeline works;
* TEI: a personography (<listPerson>) and its relations (<listRelation>), for
  digital editions, valid against tei_all 4.9.0.

Every XML writer passes its text through `xml_text()`: a character that XML 1.0
does not allow (most C0 controls) would make the whole document ill-formed, and
the digitised sources are prone to them. The API refuses them in names on write
(common.validators); this is the second line, for older data and for
fields without the validator.

A client picks one with ?format=json|graphml|gexf|tei or an Accept header.
"""

import datetime
import io
import json
import re
import xml.etree.ElementTree as etree

import networkx as nx
from rest_framework.renderers import BaseRenderer, JSONRenderer

from common import dates

# Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 controls but
# tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """`value` as text that any XML 1.0 document can hold: forbidden characters are
    replaced by U+FFFD, so that a reader sees something was there."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    return _NOT_XML.sub("\ufffd", value)


def _absolute(url, request):
    """An absolute URI for one of our paths (API paths in the graph are relative)."""
    if request is None or not url or "://" in url:
        return url
    return request.build_absolute_uri(url)


# ---------------------------------------------------------------- plain data


def as_json(graph):
    """The graph as the API's JSON body."""
    nodes = [
        {"id": node, "name": data["name"], "url": data["url"], "page": data.get("page", "")}
        for node, data in graph.nodes(data=True)
    ]
    edges = []
    for source, target, data in graph.edges(data=True):
        edges.append(
            {
                "id": data["id"],
                "source": source,
                "target": target,
                "type": data["type"],
                "label": data["label"],
                "kind": data["kind"],
                "start": data["start"],
                "end": data["end"],
                "dated": data["dated"],
                "certainty": data["certainty"],
                "weight": data["weight"],
                "citations": data["citations"],
            }
        )
    body = {"nodes": nodes, "edges": edges}
    # Whether the network was cut (selectors.network(max_nodes=...)), its totals and,
    # when cut, where the rest is.
    for key in ("truncated", "total_nodes", "total_edges", "rest"):
        if key in graph.graph:
            body[key] = graph.graph[key]
    return body


def flat_copy(graph):
    """A copy whose attributes are all strings, numbers or booleans: lists and
    dicts become JSON text, missing values empty strings."""
    flat = nx.MultiDiGraph()

    def flatten(data):
        out = {}
        for key, value in data.items():
            if isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False)
            elif value is None:
                value = ""
            if isinstance(value, str):
                value = xml_text(value)
            out[key] = value
        return out

    for node, data in graph.nodes(data=True):
        flat.add_node(node, **flatten(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **flatten(data))
    return flat


def as_graphml(graph, request=None):
    flat = flat_copy(graph)
    for node in flat.nodes:
        flat.nodes[node]["url"] = _absolute(flat.nodes[node].get("url"), request)
        flat.nodes[node]["page"] = _absolute(flat.nodes[node].get("page", ""), request)
        # Gephi and yEd take a node's label from a data key named "label": the name,
        # so that the graph shows people, not numeric ids.
        flat.nodes[node]["label"] = flat.nodes[node].get("name", "")
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue()


GEXF_NS = "http://gexf.net/1.3"
GEXF_SCHEMA = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Declared attributes: (id, title, GEXF type). Titles never reuse GEXF's own edge
# attributes (`type` is the edge's direction, `label`, `weight`, `start`, `end`
# are built in), so that readers keep both.
_GEXF_NODE_ATTRIBUTES = [
    ("sort_name", "sort_name", "string"),
    ("birth", "birth", "string"),
    ("death", "death", "string"),
    ("url", "url", "anyURI"),
    ("page", "page", "anyURI"),
]
_GEXF_EDGE_ATTRIBUTES = [
    ("relationship", "relationship", "string"),
    ("kind", "kind", "string"),
    ("certainty", "certainty", "string"),
    ("start_edtf", "start_edtf", "string"),
    ("end_edtf", "end_edtf", "string"),
    ("citations", "citations", "string"),
]


def _gexf(tag):
    # Unqualified names under a literal xmlns attribute on the root: ElementTree's
    # register_namespace() is process-wide, and the TEI writer already gives the
    # default prefix to TEI's namespace.
    return tag


def _gexf_attributes(parent, klass, declared):
    attributes = etree.SubElement(parent, _gexf("attributes"), {"class": klass, "mode": "static"})
    for key, title, kind in declared:
        etree.SubElement(attributes, _gexf("attribute"), {"id": key, "title": title, "type": kind})


def _gexf_values(parent, values):
    """<attvalues> for the non-empty values (an absent value is the reader's default)."""
    present = [(key, value) for key, value in values if value not in (None, "", [])]
    if present:
        attvalues = etree.SubElement(parent, _gexf("attvalues"))
        for key, value in present:
            etree.SubElement(attvalues, _gexf("attvalue"), {"for": key, "value": xml_text(value)})


def _spell_day(iso):
    """A spell bound (xs:date): the graph already holds ISO days."""
    return iso or None


def as_gexf(graph, request=None):
    """GEXF 1.3, valid against its XSD.

    The graph is directed (relationships run subject → object); symmetric ties
    (spouses, comrades, co-mentions) are `mutual` edges, which Gephi draws both ways
    and networkx reads as two directed edges (a per-edge `undirected` in a directed
    graph is valid GEXF but networkx refuses it). A dated tie carries one spell from
    the earliest to the latest day its EDTF dates allow (one bound if only one is
    known), with the graph in dynamic mode and `timeformat="date"`; an undated tie
    carries no spell, which Gephi reads as present at all times. The EDTF text
    itself travels in the `start_edtf`/`end_edtf` attributes."""
    root = etree.Element(
        _gexf("gexf"), {"xmlns": GEXF_NS, "version": "1.3", f"{{{XSI}}}schemaLocation": GEXF_SCHEMA}
    )
    meta = etree.SubElement(root, _gexf("meta"), {"lastmodifieddate": datetime.date.today().isoformat()})
    etree.SubElement(meta, _gexf("creator")).text = "The reference database of Victor Serge's world"
    etree.SubElement(
        meta, _gexf("description")
    ).text = "Persons and their ties: curated relationships and co-mentions in the sources."
    dynamic = any(data.get("dated") for _, _, data in graph.edges(data=True))
    graph_attributes = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attributes["timeformat"] = "date"
    element = etree.SubElement(root, _gexf("graph"), graph_attributes)
    _gexf_attributes(element, "node", _GEXF_NODE_ATTRIBUTES)
    _gexf_attributes(element, "edge", _GEXF_EDGE_ATTRIBUTES)

    nodes = etree.SubElement(element, _gexf("nodes"), count=str(graph.number_of_nodes()))
    for node, data in graph.nodes(data=True):
        item = etree.SubElement(nodes, _gexf("node"), id=str(node), label=xml_text(data["name"]))
        _gexf_values(
            item,
            [
                ("sort_name", data.get("sort_name")),
                ("birth", data.get("birth")),
                ("death", data.get("death")),
                ("url", _absolute(data.get("url"), request)),
                ("page", _absolute(data.get("page"), request)),
            ],
        )

    edges = etree.SubElement(element, _gexf("edges"), count=str(graph.number_of_edges()))
    for source, target, data in graph.edges(data=True):
        attributes = {
            "id": data["id"],
            "source": str(source),
            "target": str(target),
            "label": xml_text(data["label"]),
            "weight": str(float(data["weight"])),
        }
        if data["symmetric"]:
            attributes["type"] = "mutual"
        edge = etree.SubElement(edges, _gexf("edge"), attributes)
        citations = [{**c, "quote": xml_text(c["quote"])} for c in data["citations"]]
        _gexf_values(
            edge,
            [
                ("relationship", data["type"]),
                ("kind", data["kind"]),
                ("certainty", data["certainty"]),
                ("start_edtf", data["start"]),
                ("end_edtf", data["end"]),
                ("citations", json.dumps(citations, ensure_ascii=False) if citations else ""),
            ],
        )
        start, end = _spell_day(data.get("not_before")), _spell_day(data.get("not_after"))
        if data.get("dated") and (start or end):
            spell = {"start": start, "end": end}
            spells = etree.SubElement(edge, _gexf("spells"))
            etree.SubElement(spells, _gexf("spell"), {k: v for k, v in spell.items() if v})
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


# ---------------------------------------------------------------- TEI

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
etree.register_namespace("", TEI_NS)


def _tei(tag):
    return f"{{{TEI_NS}}}{tag}"


def _sub(parent, tag, text=None, **attributes):
    """A TEI child element; text and attribute values made safe for XML, empty
    attributes left out."""
    element = etree.SubElement(
        parent,
        _tei(tag),
        {k: xml_text(v) for k, v in attributes.items() if v not in ("", None)},
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def _person_ref(node):
    return f"#person{node}"


# Our certainty vocabulary in TEI's own (att.global.responsibility/@cert allows
# high, medium, low, unknown or a number).
TEI_CERT = {"certain": "high", "probable": "medium", "possible": "low"}

_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def tei_date_attributes(edtf):
    """att.datable attributes for an EDTF string: @when when the EDTF is a plain
    year, month or day (W3C form already), else @notBefore/@notAfter from its
    earliest and latest days. The EDTF text itself stays the element's content."""
    if not edtf:
        return {}
    if _W3C_DATE.match(edtf):
        return {"when": edtf}
    try:
        lower, upper = dates.bounds(edtf)
    except Exception:  # invalid old data: keep the text, claim no date
        return {}
    return {
        "notBefore": lower.isoformat() if lower else "",
        "notAfter": upper.isoformat() if upper else "",
    }


def tei_document(title, source_note):
    """An empty TEI document with its header; returns (root, standOff)."""
    root = etree.Element(_tei("TEI"))
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(
        _sub(file_desc, "publicationStmt"),
        "p",
        "Exported from the reference database of Victor Serge's world.",
    )
    _sub(_sub(file_desc, "sourceDesc"), "p", source_note)
    return root, _sub(root, "standOff")


def tei_person(list_person, pk, name, aliases, birth, death, url):
    """One <person>: the preferred name, then every other name form with its type;
    birth and death as EDTF text with machine-readable att.datable bounds."""
    person = _sub(list_person, "person", **{XML_ID: f"person{pk}"})
    _sub(person, "persName", name, type="preferred")
    for alias in aliases:
        if alias["name"] == name and alias["type"] == "preferred":
            continue
        attributes = {"type": alias["type"]}
        if alias.get("language"):
            attributes["{http://www.w3.org/XML/1998/namespace}lang"] = alias["language"]
        _sub(person, "persName", alias["name"], **attributes)
    if birth:
        _sub(person, "birth", birth, **tei_date_attributes(birth))
    if death:
        _sub(person, "death", death, **tei_date_attributes(death))
    _sub(person, "idno", url, type="URI")
    return person


def tei_bytes(root):
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _relation_dates(data):
    """att.datable attributes and EDTF text for a tie's period ("1910~/1915", an
    EDTF interval; ".." for an open side)."""
    start, end = data.get("start") or "", data.get("end") or ""
    if not (start or end):
        return {}, ""
    if start == end and _W3C_DATE.match(start):
        return {"when": start}, start
    return {"notBefore": data.get("not_before"), "notAfter": data.get("not_after")}, (
        f"{start or '..'}/{end or '..'}"
    )


def as_tei(graph, title="Victor Serge's world: a network", request=None):
    """A TEI document valid against tei_all 4.9.0: the persons of the network with
    every name form, then each tie as a <relation> (active → passive, or mutual for
    symmetric ties), then the evidence as a <listBibl>. A <relation> may hold only
    descriptions, so it points at its evidence with @source, and the passages
    (source, locator, quotation) are <bibl>s with an xml:id in the listBibl."""
    root, standoff = tei_document(title, "Curated relationships and co-mentions in the sources.")
    list_person = _sub(standoff, "listPerson")
    for node, data in graph.nodes(data=True):
        tei_person(
            list_person,
            node,
            data["name"],
            data.get("aliases", []),
            data.get("birth"),
            data.get("death"),
            _absolute(data.get("page") or data["url"], request),
        )

    list_relation = _sub(standoff, "listRelation")
    evidence = {}
    for source, target, data in graph.edges(data=True):
        when, edtf = _relation_dates(data)
        attributes = {
            "name": data["type"],
            "type": data["kind"],
            "cert": TEI_CERT.get(data["certainty"], ""),
            "source": " ".join(f"#citation{c['id']}" for c in data["citations"]),
            XML_ID: f"relation-{data['id']}",
            **when,
        }
        if data["symmetric"]:
            attributes["mutual"] = f"{_person_ref(source)} {_person_ref(target)}"
        else:
            attributes["active"] = _person_ref(source)
            attributes["passive"] = _person_ref(target)
        relation = _sub(list_relation, "relation", **attributes)
        if data["kind"] == "co-mention":
            desc = _sub(relation, "desc", f"Named together in {data['weight']} paragraph(s) of the sources.")
        else:
            desc = _sub(relation, "desc", data["label"])
        if edtf:
            desc.text += ", "
            _sub(desc, "date", edtf, **when)
        for citation in data["citations"]:
            evidence.setdefault(citation["id"], citation)

    if evidence:
        list_bibl = _sub(standoff, "listBibl")
        for pk, citation in evidence.items():
            bibl = _sub(list_bibl, "bibl", **{XML_ID: f"citation{pk}"})
            _sub(bibl, "title", citation["source"])
            if citation["locator"]:
                _sub(bibl, "citedRange", citation["locator"])
            _sub(bibl, "quote", citation["quote"])
    return tei_bytes(root)


# ---------------------------------------------------------------- renderers


class NetworkJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, nx.Graph):
            data = as_json(data)
        return super().render(data, accepted_media_type, renderer_context)


class _GraphRenderer(BaseRenderer):
    charset = None  # the XML declares its own encoding
    writer = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return type(self).writer(data, request=(renderer_context or {}).get("request"))


class GraphMLRenderer(_GraphRenderer):
    media_type = "application/graphml+xml"
    format = "graphml"
    writer = staticmethod(as_graphml)


class GEXFRenderer(_GraphRenderer):
    media_type = "application/gexf+xml"
    format = "gexf"
    writer = staticmethod(as_gexf)


class TEIRenderer(_GraphRenderer):
    media_type = "application/tei+xml"
    format = "tei"
    writer = staticmethod(as_tei)


NETWORK_RENDERERS = [NetworkJSONRenderer, GraphMLRenderer, GEXFRenderer, TEIRenderer]
