"""The network: who is tied to whom around a person, filtered by kind, period and
co-mention weight, and written out as JSON, GraphML, GEXF and TEI."""

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prosopography import network as selectors
from prosopography.models import (
    Alias,
    Citation,
    CoMention,
    NameType,
    Person,
    Relationship,
    RelationshipType,
    Source,
)

TEI = "{http://www.tei-c.org/ns/1.0}"


def person(name, **fields):
    return Person.objects.create(name=name, **fields)


def tie(subject, slug, obj, citations=(), **fields):
    relationship = Relationship.objects.create(
        subject=subject, type=RelationshipType.objects.get(slug=slug), object=obj, **fields
    )
    relationship.citations.set(citations)
    return relationship


def comention(a, b, weight):
    first, second = sorted([a, b], key=lambda p: p.pk)
    return CoMention.objects.create(first=first, second=second, weight=weight)


@pytest.fixture
def chain(db):
    """A —spouse— B —comrade— C —correspondent— D, and around A two co-mentions
    (E weight 3, F weight 1); M, merged into B, still has a tie to A; G has none."""
    p = {
        name: person(full)
        for name, full in [
            ("A", "Victor Serge"),
            ("B", "Rirette Maîtrejean"),
            ("C", "Boris Souvarine"),
            ("D", "Antoine Borie"),
            ("E", "Raymond Callemin"),
            ("F", "Jules Bonnot"),
            ("G", "Nobody Inparticular"),
        ]
    }
    p["M"] = person("R. Maîtrejean", merged_into=p["B"])
    Alias.objects.create(person=p["A"], name="Le Rétif", type=NameType.PSEUDONYM, language="fr")
    source = Source.objects.create(file_name="memoirs.txt", title="Memoirs", checksum="0" * 64, length=1000)
    quote = Citation.objects.create(
        source=source, start=0, end=24, quote="I lived with Rirette then", locator="p. 42"
    )
    tie(p["A"], "spouse", p["B"], citations=[quote], start="1910~", end="1915")
    tie(p["B"], "comrade", p["C"], start="1936", end="1938")
    tie(p["C"], "correspondent", p["D"])  # undated
    tie(p["A"], "friend", p["M"])
    comention(p["A"], p["E"], 3)
    comention(p["A"], p["F"], 1)
    return p


def names(graph):
    return {data["name"] for _, data in graph.nodes(data=True)}


def ids(chain, letters):
    return {chain[letter].pk for letter in letters}


CURATED = {"family", "political", "correspondence", "personal"}


# ---------------------------------------------------------------- the selector


def test_depth_one_reaches_direct_ties_only(chain):
    graph = selectors.network(chain["A"].pk, depth=1, kinds=CURATED)
    assert set(graph.nodes) == ids(chain, "AB")


def test_each_step_of_depth_reaches_one_tie_further(chain):
    assert set(selectors.network(chain["A"].pk, depth=2, kinds=CURATED).nodes) == ids(chain, "ABC")
    assert set(selectors.network(chain["A"].pk, depth=3, kinds=CURATED).nodes) == ids(chain, "ABCD")


def test_comentions_count_as_ties_unless_too_light(chain):
    assert set(selectors.network(chain["A"].pk).nodes) == ids(chain, "ABEF")
    assert set(selectors.network(chain["A"].pk, min_weight=2).nodes) == ids(chain, "ABE")
    assert set(selectors.network(chain["A"].pk, include_comentions=False).nodes) == ids(chain, "AB")


def test_comention_edges_carry_their_weight(chain):
    graph = selectors.network(chain["A"].pk, kinds={"co-mention"})
    weights = sorted(data["weight"] for _, _, data in graph.edges(data=True))
    assert weights == [1, 3]
    assert {data["kind"] for _, _, data in graph.edges(data=True)} == {"co-mention"}


def test_kind_filter_follows_only_ties_of_those_kinds(chain):
    graph = selectors.network(chain["B"].pk, depth=3, kinds={"political", "correspondence"})
    assert set(graph.nodes) == ids(chain, "BCD")
    assert {data["kind"] for _, _, data in graph.edges(data=True)} == {"political", "correspondence"}


def test_merged_persons_never_appear(chain):
    graph = selectors.network(chain["A"].pk, depth=3)
    assert chain["M"].pk not in graph.nodes
    whole = selectors.network()
    assert chain["M"].pk not in whole.nodes


def test_whole_network_holds_every_tied_person_and_no_isolated_one(chain):
    graph = selectors.network()
    assert set(graph.nodes) == ids(chain, "ABCDEF")
    assert graph.number_of_edges() == 5


def test_edges_carry_type_dates_and_citations(chain):
    graph = selectors.network(chain["A"].pk, kinds={"family"})
    [(source, target, data)] = graph.edges(data=True)
    assert (source, target) == (chain["A"].pk, chain["B"].pk)
    assert data["type"] == "spouse" and data["kind"] == "family"
    assert data["start"] == "1910~" and data["end"] == "1915"
    assert data["citations"] == [
        {
            "id": data["citations"][0]["id"],
            "source": "memoirs.txt",
            "quote": "I lived with Rirette then",
            "locator": "p. 42",
        }
    ]


# ---------------------------------------------------------------- JSON endpoint


def url(person_obj, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/api/v1/persons/{person_obj.pk}/network/" + (f"?{query}" if query else "")


def test_json_lists_nodes_and_edges_with_citations(client, chain):
    response = client.get(url(chain["A"], kinds="family,political", depth=2))
    assert response.status_code == 200
    body = response.json()
    assert {node["name"] for node in body["nodes"]} == {
        "Victor Serge",
        "Rirette Maîtrejean",
        "Boris Souvarine",
    }
    assert all(node["url"] for node in body["nodes"])
    spouse = next(edge for edge in body["edges"] if edge["type"] == "spouse")
    assert spouse["source"] == chain["A"].pk and spouse["target"] == chain["B"].pk
    assert spouse["citations"][0]["source"] == "memoirs.txt"
    assert spouse["citations"][0]["locator"] == "p. 42"


def test_period_keeps_overlapping_and_undated_ties(client, chain):
    body = client.get(
        url(chain["A"], depth=3, kinds="family,political,correspondence", start=1936, end=1940)
    ).json()
    # The marriage (1910-1915) is outside the period: A is alone.
    assert [node["id"] for node in body["nodes"]] == [chain["A"].pk]

    body = client.get(
        url(chain["B"], depth=3, kinds="family,political,correspondence", start=1936, end=1940)
    ).json()
    assert {node["id"] for node in body["nodes"]} == ids(chain, "BCD")
    undated = next(edge for edge in body["edges"] if edge["type"] == "correspondent")
    assert undated["dated"] is False
    dated = next(edge for edge in body["edges"] if edge["type"] == "comrade")
    assert dated["dated"] is True


def test_end_year_includes_its_whole_year(client, chain):
    body = client.get(url(chain["A"], kinds="family", start=1915, end=1915)).json()
    assert len(body["edges"]) == 1


def test_co_authorship_is_a_name_for_literary_ties(client, chain):
    tie(chain["D"], "translator-of", chain["E"])
    body = client.get(url(chain["D"], kinds="co-authorship")).json()
    assert {node["id"] for node in body["nodes"]} == ids(chain, "DE")


def test_whole_network_endpoint(client, chain):
    body = client.get("/api/v1/network/?kinds=family,political").json()
    assert {node["id"] for node in body["nodes"]} == ids(chain, "ABC")
    assert len(body["edges"]) == 2


def test_merged_person_leads_to_the_survivors_network(client, chain):
    response = client.get(url(chain["M"], depth=2))
    assert response.status_code == 301
    assert response["Location"] == url(chain["B"], depth=2)


# ---------------------------------------------------------------- other formats


def test_graphml_parses_back_with_the_same_counts(client, chain):
    response = client.get(url(chain["A"], depth=3, format="graphml"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 6  # A B C D, and E F by co-mention
    assert graph.number_of_edges() == 5
    spouse = [d for _, _, d in graph.edges(data=True) if d["type"] == "spouse"][0]
    assert "memoirs.txt" in spouse["citations"]


def test_gexf_parses_back_with_the_same_counts(client, chain):
    response = client.get(url(chain["A"], depth=2, kinds="family,political", format="gexf"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/gexf+xml")
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 3
    # Spouse and comrade are symmetric: GEXF `mutual` edges, read by networkx both ways.
    assert graph.number_of_edges() == 4
    assert len({data["id"] for _, _, data in graph.edges(data=True)}) == 2


@pytest.mark.parametrize("media_type", ["application/graphml+xml", "application/gexf+xml"])
def test_accept_header_chooses_the_format(client, chain, media_type):
    response = client.get(url(chain["A"]), HTTP_ACCEPT=media_type)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)


def test_tei_personography_lists_persons_names_and_relations(client, chain):
    response = client.get(url(chain["A"], depth=2, kinds="family,political", format="tei"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    persons = root.findall(f".//{TEI}listPerson/{TEI}person")
    assert len(persons) == 3
    serge = next(
        p for p in persons if p.get("{http://www.w3.org/XML/1998/namespace}id") == f"person{chain['A'].pk}"
    )
    assert [n.text for n in serge.findall(f"{TEI}persName")] == ["Victor Serge", "Le Rétif"]
    relations = root.findall(f".//{TEI}listRelation/{TEI}relation")
    assert {r.get("name") for r in relations} == {"spouse", "comrade"}
    # Marriage and comradeship go both ways: written as mutual.
    assert all(r.get("mutual") for r in relations)


def test_tei_writes_directed_ties_as_active_and_passive(client, chain):
    tie(chain["D"], "translator-of", chain["E"])
    root = ET.fromstring(client.get(url(chain["D"], kinds="literary", format="tei")).content)
    [relation] = root.findall(f".//{TEI}relation")
    assert relation.get("active") == f"#person{chain['D'].pk}"
    assert relation.get("passive") == f"#person{chain['E'].pk}"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "params, field",
    [
        ({"depth": 0}, "depth"),
        ({"depth": 4}, "depth"),
        ({"depth": "two"}, "depth"),
        ({"kinds": "family,gossip"}, "kinds"),
        ({"min_weight": 0}, "min_weight"),
        ({"start": "spring"}, "start"),
        ({"end": "1936-13-45"}, "end"),
        ({"start": 1940, "end": 1936}, "end"),
    ],
)
def test_bad_parameters_are_explained(client, chain, params, field):
    response = client.get(url(chain["A"], **params))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert field in response.json()


def test_bad_parameters_are_explained_in_json_even_for_graphml(client, chain):
    response = client.get(url(chain["A"], depth=9, format="graphml"))
    assert response.status_code == 400
    assert "depth" in response.json()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "tei"])
def test_options_describes_the_endpoint_in_json_whatever_the_format(client, chain, fmt):
    # OPTIONS answers a description, not a graph: it used to crash the graph writers (500).
    for path in (url(chain["A"], format=fmt), f"/api/v1/network/?format={fmt}"):
        response = client.options(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["name"]


def test_unknown_kind_names_it(client, chain):
    message = client.get(url(chain["A"], kinds="gossip")).json()["kinds"][0]
    assert "gossip" in message and "family" in message


def test_unknown_person_is_404(client, db):
    assert client.get("/api/v1/persons/999999/network/").status_code == 404


def test_unsupported_format_is_refused(client, chain):
    assert client.get(url(chain["A"], format="pdf")).status_code == 404
    assert client.get(url(chain["A"]), HTTP_ACCEPT="application/pdf").status_code == 406


# ---------------------------------------------------------------- query counts


def ring(count, prefix):
    """`count` persons in a ring of comrades, each also co-mentioned with the next
    but one and cited once: a denser graph than the chain."""
    source = Source.objects.create(file_name=f"{prefix}.txt", title=prefix, checksum="0" * 64, length=1000)
    people = [person(f"{prefix} Person{i}") for i in range(count)]
    for i, someone in enumerate(people):
        quote = Citation.objects.create(source=source, quote=f"quote {i}", locator=f"p. {i}")
        tie(someone, "comrade", people[(i + 1) % count], citations=[quote], start="1936")
        comention(someone, people[(i + 2) % count], 2)
    return people


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("fmt", ["json", "graphml", "tei"])
def test_queries_do_not_grow_with_the_graph(client, db, fmt):
    small = ring(5, "Small")
    large = ring(30, "Large")
    small_count = count_queries(client, url(small[0], depth=2, format=fmt))
    large_count = count_queries(client, url(large[0], depth=2, format=fmt))
    assert large_count <= small_count
    assert count_queries(client, url(large[0], depth=3, format=fmt)) <= small_count + 1


def test_queries_are_bounded(client, django_assert_max_num_queries, db):
    people = ring(30, "Ring")
    # person, 3 search levels, relationships, co-mentions, persons, citations; and the
    # data's version (the answer is kept: common/representations.py)
    with django_assert_max_num_queries(9):
        assert client.get(url(people[0], depth=3)).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/network/").status_code == 200
