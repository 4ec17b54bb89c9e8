"""IPIF: the mapping of the database's evidence to statements and factoids, every
filter of the spec (with AND, the `*` wildcard, ids as IRIs, date fragments), the
read-only answers, and the bounded number of queries."""

import pytest

from . import ipif_world as world_module

ipif_world = world_module.ipif_world  # the fixture

BASE = "http://testserver"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def ids_of(items):
    return {item["@id"].removeprefix(BASE) for item in items}


def statements(client, query=""):
    return ids_of(get(client, f"/ipif/statements?size=100&{query}")["statements"])


def key(name, record):
    return f"/ipif/statements/{name}-{record.pk}"


# ---------------------------------------------------------------- the mapping


def test_a_historian_finds_the_readings_as_statements(client, ipif_world):
    w = ipif_world
    body = get(client, f"/ipif/statements?personId={w['serge'].pk}&size=100")
    by_id = {s["@id"].removeprefix(BASE): s for s in body["statements"]}
    assert body["protocol"] == {"size": 100, "page": 1, "totalHits": 7}

    spouse = by_id[key("relationship", w["relationship"])]
    assert spouse["statementType"] == {"label": "spouse of"} or spouse["statementType"]["label"]
    assert spouse["relatesToPersons"] == [
        {"uri": f"{BASE}/persons/{w['rirette'].pk}/", "label": "Rirette Maîtrejean"}
    ]
    assert spouse["date"] == {"label": "1910~/1915", "sortdate": "1910-01-01"}
    assert spouse["statementText"] == w["married"].quote
    [ref] = spouse["factoid-refs"]
    assert ref["@id"] == f"{BASE}/ipif/factoids/c{w['married'].pk}-p{w['serge'].pk}"
    assert ref["person-ref"] == {"@id": f"{BASE}/persons/{w['serge'].pk}/"}
    assert ref["source-ref"] == {"@id": f"{BASE}/sources/{w['memoirs'].pk}/"}

    member = by_id[key("membership", w["membership"])]
    assert member["memberOf"] == {"uri": f"{BASE}/organisations/{w['gang'].pk}/", "label": "Bonnot gang"}
    assert member["role"] == {"label": "sympathiser"}
    assert member["date"] == {"label": "1911/1912", "sortdate": "1911-01-01"}

    arrest = by_id[key("participation", w["participation"])]
    assert arrest["statementType"] == {"label": "arrest"}
    paris = w["participation"].event.place
    assert arrest["places"] == [{"uri": f"{BASE}/places/{paris.pk}/", "label": "Paris"}]
    assert arrest["date"] == {"label": "1912-01-31", "sortdate": "1912-01-31"}

    # A contested date: two readings, each with its passage, its source and its rank.
    first, second = by_id[key("claim", w["birth_1890"])], by_id[key("claim", w["birth_1891"])]
    assert first["statementType"] == second["statementType"] == {"label": "date of birth"}
    assert (first["date"], first["rank"], first["statementText"]) == (
        {"label": "1890-12-30", "sortdate": "1890-12-30"},
        "preferred",
        w["born"].quote,
    )
    assert (second["date"], second["rank"]) == ({"label": "1891", "sortdate": "1891-01-01"}, "normal")
    assert second["factoid-refs"][0]["source-ref"] == {"@id": f"{BASE}/sources/{w['police'].pk}/"}

    alias = by_id[key("name", w["pseudonym"])]
    assert alias["name"] == "Le Rétif"
    assert alias["statementType"] == {"label": "name (pseudonym)"}
    assert alias["factoid-refs"] == []  # name forms cite no passage in this database

    credit = by_id[key("credit", w["credit"])]
    assert credit["role"] == {"label": "author"}
    assert credit["factoid-refs"][0]["source-ref"] == {"@id": f"{BASE}/works/{w['work'].pk}/"}
    for statement in body["statements"]:
        assert statement["createdWhen"] and statement["createdBy"]


def test_a_factoid_groups_what_one_passage_says_of_one_person(client, ipif_world):
    w = ipif_world
    # The police file's one passage speaks of the arrest and of the 1891 birth.
    factoid = get(client, f"/ipif/factoids/c{w['file'].pk}-p{w['serge'].pk}")
    assert factoid["person-ref"] == {"@id": f"{BASE}/persons/{w['serge'].pk}/"}
    assert factoid["source-ref"] == {"@id": f"{BASE}/sources/{w['police'].pk}/"}
    assert ids_of(factoid["statement-refs"]) == {
        key("participation", w["participation"]),
        key("claim", w["birth_1891"]),
    }
    assert factoid["createdBy"] and factoid["createdWhen"]
    body = get(client, "/ipif/factoids?size=100")
    assert body["protocol"]["totalHits"] == 5  # four passages about Serge, one credit
    get(client, f"/ipif/factoids/c{w['file'].pk}-p{w['rirette'].pk}", status=404)


def test_persons_and_sources(client, ipif_world):
    w = ipif_world
    serge = get(client, f"/ipif/persons/{w['serge'].pk}")
    assert serge["@id"] == f"{BASE}/persons/{w['serge'].pk}/"
    assert serge["uris"] == [serge["@id"], "https://www.wikidata.org/wiki/Q380393"]
    assert serge["label"].startswith("Victor Serge")
    assert len(serge["factoid-refs"]) == 5
    # Ids as IRIs: this site's, and an external identifier's.
    assert get(client, "/ipif/persons/https://www.wikidata.org/wiki/Q380393")["@id"] == serge["@id"]
    assert get(client, f"/ipif/persons/{serge['@id']}")["@id"] == serge["@id"]

    police = get(client, f"/ipif/sources/{w['police'].pk}")
    assert police["label"] == "Sûreté file 1912"
    assert len(police["factoid-refs"]) == 1 and len(police["factoid-refs"][0]["statement-refs"]) == 2
    work = get(client, f"/ipif/sources/work-{w['work'].pk}")
    assert work["@id"] == f"{BASE}/works/{w['work'].pk}/"
    assert get(client, f"/ipif/sources/{BASE}/works/{w['work'].pk}/")["@id"] == work["@id"]
    body = get(client, "/ipif/sources")
    assert body["protocol"]["totalHits"] == 3
    assert ids_of(body["sources"]) == {
        f"/sources/{w['memoirs'].pk}/",
        f"/sources/{w['police'].pk}/",
        f"/works/{w['work'].pk}/",
    }
    assert ids_of(get(client, "/ipif/sources?st=arrest")["sources"]) == {f"/sources/{w['police'].pk}/"}
    assert ids_of(get(client, "/ipif/persons?memberOf=Bonnot")["persons"]) == {f"/persons/{w['serge'].pk}/"}
    assert get(client, "/ipif/persons")["protocol"]["totalHits"] == 3


# ---------------------------------------------------------------- filters


def test_every_filter(client, ipif_world):
    w = ipif_world
    s = w["serge"].pk
    rel, mem, part = (
        key("relationship", w["relationship"]),
        key("membership", w["membership"]),
        key("participation", w["participation"]),
    )
    c90, c91 = key("claim", w["birth_1890"]), key("claim", w["birth_1891"])
    alias, credit = key("name", w["pseudonym"]), key("credit", w["credit"])
    everything = {rel, mem, part, c90, c91, alias, credit}
    assert statements(client) == everything
    assert statements(client, f"personId={s}") == everything
    assert statements(client, f"personId={w['rirette'].pk}") == set()
    assert statements(client, "p=Q380393") == everything
    assert statements(client, f"statementId=claim-{w['birth_1891'].pk}") == {c91}
    assert statements(client, f"factoidId=c{w['file'].pk}-p{s}") == {part, c91}
    assert statements(client, f"sourceId={w['police'].pk}") == {part, c91}
    assert statements(client, f"sourceId=work-{w['work'].pk}") == {credit}
    assert statements(client, "s=Sûreté") == {part, c91}
    assert statements(client, "f=p. 40") == {mem}
    assert statements(client, "st=rue Fessart") == {rel}
    assert statements(client, "st=Bonnot") == {mem}
    assert statements(client, "statementText=born") == {c90, c91, part}  # the police file's passage
    assert statements(client, "role=sympath") == {mem}
    assert statements(client, "name=Rétif") == everything  # the names of the person
    assert statements(client, "name=Rirette") == set()
    assert statements(client, "place=Paris") == {part}
    assert statements(client, "relatesToPerson=Maîtrejean") == {rel}
    assert statements(client, "memberOf=Bonnot") == {mem}
    # AND
    assert statements(client, "statementText=born&sourceId=" + str(w["memoirs"].pk)) == {c90}
    assert statements(client, "st=born&from=1891") == {c91}


def test_wildcards_ask_for_the_property(client, ipif_world):
    w = ipif_world
    assert statements(client, "place=*") == {key("participation", w["participation"])}
    assert statements(client, "memberOf=*") == {key("membership", w["membership"])}
    assert statements(client, "relatesToPerson=*") == {key("relationship", w["relationship"])}
    assert statements(client, "role=*") == {
        key("membership", w["membership"]),
        key("participation", w["participation"]),
        key("credit", w["credit"]),
    }
    assert statements(client, "name=*") == {key("name", w["pseudonym"]), key("credit", w["credit"])}
    assert key("name", w["pseudonym"]) not in statements(client, "statementText=*")
    assert key("credit", w["credit"]) not in statements(client, "from=*")


def test_ids_as_iris(client, ipif_world):
    w = ipif_world
    s = w["serge"].pk
    c91 = key("claim", w["birth_1891"])
    assert statements(client, f"personId={BASE}/persons/{s}/") == statements(client, f"personId={s}")
    assert statements(client, "personId=https://www.wikidata.org/wiki/Q380393") == statements(
        client, f"personId={s}"
    )
    assert statements(client, f"statementId={BASE}{c91}") == {c91}
    assert statements(client, f"factoidId={BASE}/ipif/factoids/c{w['file'].pk}-p{s}") == {
        c91,
        key("participation", w["participation"]),
    }
    assert statements(client, f"sourceId={BASE}/sources/{w['police'].pk}/") == statements(
        client, f"sourceId={w['police'].pk}"
    )
    assert statements(client, f"sourceId={BASE}/works/{w['work'].pk}/") == {key("credit", w["credit"])}
    assert statements(client, f"memberOf={BASE}/organisations/{w['gang'].pk}/") == {
        key("membership", w["membership"])
    }
    assert statements(client, f"relatesToPerson={BASE}/persons/{w['rirette'].pk}/") == {
        key("relationship", w["relationship"])
    }
    assert statements(client, "personId=999999") == set()


def test_date_fragments_widen_to_the_year_or_month(client, ipif_world):
    w = ipif_world
    c90, c91 = key("claim", w["birth_1890"]), key("claim", w["birth_1891"])
    part = key("participation", w["participation"])
    assert statements(client, "statementText=born&from=1890") == {c90}
    assert statements(client, "statementText=born&to=1891") == {c91}
    assert statements(client, "statementText=born&from=1890-12") == {c90}
    assert statements(client, "statementText=born&from=1890-11") == set()
    assert statements(client, "statementText=born&from=1890&to=1891") == {c90, c91}
    assert statements(client, "statementText=born&from=1890-12-31") == {c91, part}  # open-ended
    assert statements(client, "place=*&from=1912-01") == {part}
    assert statements(client, "place=*&from=1912-02") == set()
    # A period overlaps: the 1911–1912 membership is there in 1912.
    assert key("membership", w["membership"]) in statements(client, "from=1912")
    assert get(client, "/ipif/statements?from=1912-13", status=400)["status"] == 400


def test_paging_and_sorting(client, ipif_world):
    first = get(client, "/ipif/statements?size=3&page=1&sortBy=sortdate")
    second = get(client, "/ipif/statements?size=3&page=2&sortBy=sortdate")
    assert first["protocol"] == {"size": 3, "page": 1, "totalHits": 7}
    assert not ids_of(first["statements"]) & ids_of(second["statements"])
    dates = [s["date"]["sortdate"] for s in first["statements"]]
    assert dates == sorted(dates) and dates[0] == "1890-12-30"
    latest = get(client, "/ipif/statements?size=1&sortBy=sortdate DESC")["statements"][0]
    assert latest["date"]["sortdate"] == "1912-01-31"
    assert get(client, "/ipif/persons?sortBy=label%20DESC")["persons"][0]["label"].startswith("Victor Serge")


@pytest.mark.parametrize(
    "url",
    [
        "/ipif/statements?size=x",
        "/ipif/statements?st=a%00b",
        "/ipif/persons?page=0",
        "/ipif/factoids?sortBy=colour",
        "/ipif/sources?bogus=1",
    ],
)
def test_bad_requests_answer_in_the_error_shape(client, ipif_world, url):
    body = get(client, url, status=400)
    assert body["status"] == 400 and body["title"] == "Bad Request" and body["detail"]


@pytest.mark.parametrize(
    "method, url, status",
    [
        ("post", "/ipif/persons", 501),
        ("put", "/ipif/persons/1", 501),
        ("delete", "/ipif/factoids/c1-p1", 501),
        ("post", "/ipif/sources", 501),
        ("put", "/ipif/persons", 405),  # not an operation of the spec
        ("post", "/ipif/statements", 405),
        ("patch", "/ipif/persons/1", 405),
    ],
)
def test_writes_are_not_implemented(client, db, method, url, status):
    """The spec's writes answer 501 (read-only service); methods it does not declare, 405."""
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == status
    assert response.json()["status"] == status


def test_describe_claims_level_1(client, db):
    body = get(client, "/ipif/describe")
    assert body["complianceLevel"] == 1 and body["formats"] == ["application/json"]


# ---------------------------------------------------------------- bounded queries


def more_world(w, n):
    """n more persons, each with a cited membership and a cited claim."""
    from prosopography.models import Claim, Membership, Person

    from .factories import make
    from .ipif_world import cite

    for i in range(n):
        person = make(Person, name=f"Person {i}")
        passage = cite(w["memoirs"], f"Person {i} was there.", f"p. {100 + i}")
        make(
            Membership,
            person=person,
            organisation=w["gang"],
            role="member",
            start="1911",
            m2m={"citations": [passage]},
        )
        make(
            Claim,
            person=person,
            attribute=Claim.Attribute.BIRTH_DATE,
            date="1890",
            m2m={"citations": [passage]},
        )


# The most queries a page may take, whatever its size: the count and the page, then
# per kind of statement on the page its records (and their passages) and its history,
# and one query for the factoid references.
KINDS = 6
BOUNDS = {
    "statements": 2 + KINDS * 3 + 1,
    "factoids": 2 + 1 + KINDS,
    "persons": 2 + 3 + 1,  # count, page; history, factoid references, identifiers (+ content type)
    "sources": 3 + 2 + 1 + 2 + 2,  # two counts, the page; both records, references, histories, ids
}


@pytest.mark.parametrize(
    "url",
    [
        "/ipif/statements?size={size}",
        "/ipif/statements?size={size}&st=e&from=1890",
        "/ipif/factoids?size={size}",
        "/ipif/factoids?size={size}&memberOf=*",
        "/ipif/persons?size={size}",
        "/ipif/persons?size={size}&role=member",
        "/ipif/sources?size={size}",
        "/ipif/sources?size={size}&place=*",
    ],
)
def test_queries_do_not_grow_with_the_page(client, ipif_world, django_assert_max_num_queries, url):
    more_world(ipif_world, 40)
    bound = BOUNDS[url.split("?")[0].split("/")[2]]
    client.get(url.format(size=1))  # warms the content-type cache, as a running server has it
    counts = {}
    for size in (30, 100):
        with django_assert_max_num_queries(bound) as captured:
            assert client.get(url.format(size=size)).status_code == 200
        counts[size] = len(captured)
    assert counts[30] == counts[100]
