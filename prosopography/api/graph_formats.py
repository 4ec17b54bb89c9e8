"""The network written out in the formats other tools read.

Each renderer takes the networkx graph that `selectors.network()` returns:

* JSON: {nodes: [...], edges: [...]}, for the web and for scripts;
* GraphML and GEXF: for Gephi, Cytoscape, yEd, networkx itself. Both formats
  only hold strings and numbers as attributes, so lists (an edge's citations, a
  person's aliases) travel as JSON text;
* TEI: a personography (<listPerson>) and its relations (<listRelation>), for
  digital editions.

A client picks one with ?format=json|graphml|gexf|tei or an Accept header.
"""

import io
import json
import xml.etree.ElementTree as etree

import networkx as nx
from rest_framework.renderers import BaseRenderer, JSONRenderer

# ---------------------------------------------------------------- plain data


def as_json(graph):
    """The graph as the API's JSON body."""
    nodes = [{"id": node, "name": data["name"], "url": data["url"]} for node, data in graph.nodes(data=True)]
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
    return {"nodes": nodes, "edges": edges}


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
            out[key] = value
        return out

    for node, data in graph.nodes(data=True):
        flat.add_node(node, **flatten(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **flatten(data))
    return flat


def as_graphml(graph):
    buffer = io.BytesIO()
    nx.write_graphml(flat_copy(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def as_gexf(graph):
    buffer = io.BytesIO()
    nx.write_gexf(flat_copy(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


# ---------------------------------------------------------------- TEI

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
etree.register_namespace("", TEI_NS)


def _tei(tag):
    return f"{{{TEI_NS}}}{tag}"


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, _tei(tag), {k: str(v) for k, v in attributes.items() if v != ""})
    if text is not None:
        element.text = text
    return element


def _person_ref(node):
    return f"#person{node}"


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
    """One <person>: the preferred name, then every other name form with its type."""
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
        _sub(person, "birth", birth)
    if death:
        _sub(person, "death", death)
    _sub(person, "idno", url, type="URI")
    return person


def tei_bytes(root):
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def as_tei(graph, title="Victor Serge's world: a network"):
    """A TEI document: the persons of the network with every name form, then each
    tie as a <relation> (active → passive, or mutual for symmetric ties)."""
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
            data["url"],
        )

    list_relation = _sub(standoff, "listRelation")
    for source, target, data in graph.edges(data=True):
        attributes = {
            "name": data["type"],
            "type": data["kind"],
            "cert": data["certainty"],
            "notBefore": data["not_before"],
            "notAfter": data["not_after"],
            XML_ID: f"relation-{data['id']}",
        }
        if data["symmetric"]:
            attributes["mutual"] = f"{_person_ref(source)} {_person_ref(target)}"
        else:
            attributes["active"] = _person_ref(source)
            attributes["passive"] = _person_ref(target)
        relation = _sub(list_relation, "relation", **attributes)
        if data["kind"] == "co-mention":
            _sub(relation, "desc", f"Named together in {data['weight']} paragraph(s) of the sources.")
        else:
            _sub(relation, "desc", data["label"])
        for citation in data["citations"]:
            cit = _sub(relation, "bibl")
            _sub(cit, "title", citation["source"])
            if citation["locator"]:
                _sub(cit, "citedRange", citation["locator"])
            _sub(cit, "quote", citation["quote"])
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
        return type(self).writer(data)


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
