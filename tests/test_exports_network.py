"""The network's GEXF, GraphML and TEI as the tools that open them read them:
GEXF valid against the GEXF 1.3 XSD and read back by networkx with names and
relationship types intact; TEI valid against tei_all 4.9.0; every XML export
well-formed whatever characters the data holds."""

import io
import json

import networkx as nx
import pytest

from prosopography.models import Person

from .export_schemas import assert_valid, etree, gexf_schema, tei_schema
from .test_api_network import chain as chain  # noqa: F401  (a fixture, used by name)
from .test_api_network import tie, url

GEXF = "{http://gexf.net/1.3}"
TEI = "{http://www.tei-c.org/ns/1.0}"


def gexf(client, person, **params):
    response = client.get(url(person, format="gexf", **params))
    assert response.status_code == 200
    return response.content


def test_gexf_is_valid_against_the_gexf_1_3_xsd(client, chain):
    content = gexf(client, chain["A"], depth=3)
    root = assert_valid(gexf_schema(), content)
    assert root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph.get("name") is None  # no empty name
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    for edge in root.iter(f"{GEXF}edge"):
        assert edge.get("type") in (None, "mutual")  # GEXF's direction, nothing else
        assert edge.get("start") != "" and edge.get("end") != ""


def test_gexf_read_by_networkx_keeps_names_types_weights_and_spells(client, chain):
    graph = nx.read_gexf(io.BytesIO(gexf(client, chain["A"], depth=3)))
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {"Victor Serge", "Rirette Maîtrejean", "Boris Souvarine", "Antoine Borie"} <= labels
    edges = list(graph.edges(data=True))
    types = {data["relationship"] for _, _, data in edges}
    assert types == {"spouse", "comrade", "correspondent", "co-mention"}
    spouse = next(d for _, _, d in edges if d["relationship"] == "spouse")
    assert spouse["kind"] == "family" and spouse["certainty"] == "certain"
    assert spouse["start_edtf"] == "1910~" and spouse["end_edtf"] == "1915"
    # Dated: one spell over the days its EDTF dates allow.
    assert spouse["spells"] == [("1910-01-01", "1915-12-31")]
    assert json.loads(spouse["citations"])[0]["source"] == "memoirs.txt"
    # Undated ties have no spell, so Gephi shows them at all times.
    correspondent = next(d for _, _, d in edges if d["relationship"] == "correspondent")
    assert "spells" not in correspondent
    weights = sorted(d["weight"] for _, _, d in edges if d["relationship"] == "co-mention")
    # Mutual ties come back as two directed edges.
    assert weights == [1.0, 1.0, 3.0, 3.0]


def test_gexf_nodes_carry_dates_and_absolute_urls(client, chain):
    chain["A"].birth, chain["A"].death = "1890-12-30", "1947-11-17"
    chain["A"].save()
    graph = nx.read_gexf(io.BytesIO(gexf(client, chain["A"])))
    serge = graph.nodes[str(chain["A"].pk)]
    assert serge["birth"] == "1890-12-30" and serge["death"] == "1947-11-17"
    assert serge["url"].startswith("http://testserver/api/v1/persons/")


def test_gexf_without_dated_ties_is_static(client, chain):
    content = gexf(client, chain["C"], kinds="correspondence")
    root = assert_valid(gexf_schema(), content)
    assert root.find(f"{GEXF}graph").get("mode") == "static"


@pytest.mark.slow
def test_tei_network_is_valid_against_tei_all(client, chain):
    tie(chain["D"], "translator-of", chain["E"], certainty="possible")
    response = client.get(url(chain["A"], depth=3, format="tei"))
    root = assert_valid(tei_schema(), response.content)
    relations = root.findall(f".//{TEI}listRelation/{TEI}relation")
    assert {r.get("cert") for r in relations} <= {"high", "medium", "low", "unknown", None}
    spouse = next(r for r in relations if r.get("name") == "spouse")
    assert spouse.get("cert") == "high"
    assert (spouse.get("notBefore"), spouse.get("notAfter")) == ("1910-01-01", "1915-12-31")
    assert spouse.find(f"{TEI}desc/{TEI}date").text == "1910~/1915"
    # The evidence: pointed at from the relation, written in the listBibl.
    [bibl] = root.findall(f".//{TEI}standOff/{TEI}listBibl/{TEI}bibl")
    assert spouse.get("source") == "#" + bibl.get("{http://www.w3.org/XML/1998/namespace}id")
    assert bibl.find(f"{TEI}citedRange").text == "p. 42"
    # One IRI per person in every TEI export: the permanent page URL, as in the person list.
    idnos = {idno.text for idno in root.iter(f"{TEI}idno")}
    assert f"http://testserver{chain['A'].get_absolute_url()}" in idnos
    listing = etree.fromstring(client.get("/api/v1/persons/?format=tei").content)
    assert idnos <= {idno.text for idno in listing.iter(f"{TEI}idno")}


def test_tei_person_list_is_valid_against_tei_all(client, chain):
    serge = chain["A"]
    serge.birth, serge.death = "1890-12-30", "1947~"
    serge.save()
    response = client.get(f"/api/v1/persons/{serge.pk}/?format=tei")
    assert response.status_code == 200
    root = assert_valid(tei_schema(), response.content)
    assert root.find(f".//{TEI}birth").get("when") == "1890-12-30"
    death = root.find(f".//{TEI}death")
    assert death.text == "1947~"
    assert (death.get("notBefore"), death.get("notAfter")) == ("1947-01-01", "1947-12-31")
    listing = client.get("/api/v1/persons/?format=tei")
    assert_valid(tei_schema(), listing.content)


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "tei"])
def test_control_characters_in_old_data_never_break_the_xml(client, chain, fmt):
    # Written past the API's validator (as older data was), straight to the database.
    Person.objects.filter(pk=chain["A"].pk).update(name="Victor\x0bSerge\x1f")
    chain["B"].aliases.create(name="Rirette\x07", type="pseudonym")
    response = client.get(url(chain["A"], depth=2, format=fmt))
    assert response.status_code == 200
    root = etree.fromstring(response.content)  # well-formed
    assert "Victor\ufffdSerge" in etree.tostring(root, encoding="unicode")
    if fmt == "gexf":
        assert_valid(gexf_schema(), response.content)
    elif fmt == "tei":
        assert_valid(tei_schema(), response.content)
