"""The reconciliation service as OpenRefine and a curator use it: every answer of
both API versions valid against the published schemas, domain-aware matching,
clear 4xx errors, CORS, bounded query counts, bulk matching, identifier patterns."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command

from prosopography.models import Alias, DistinctRecords, ExternalIdentifier, Membership, NameType, Person
from reconcile import schemas
from tests.factories import make

SPECS = Path(settings.BASE_DIR) / "vendor" / "specs" / "reconciliation"


def valid(version, name, document):
    problem = schemas.first_error(version, name, document)
    assert problem is None, problem
    return document


@pytest.fixture
def world(db, make_person, make_organisation):
    serge = make_person(
        "Victor Serge", birth="1890-12-30", death="1947-11-17", description="Revolutionary and writer."
    )
    for name, kind in [
        ("Viktor Serzh", NameType.TRANSLITERATION),
        ("Victor Kibaltchiche", NameType.BIRTH),
        ("R. Albert", NameType.PSEUDONYM),
        ("Le Rétif", NameType.PSEUDONYM),
    ]:
        make(Alias, person=serge, name=name, type=kind)
    zborowski = make_person("Mark Zborowski", aliases=["Mark Zborovsky", "Etienne"])
    maitrejean = make_person("Rirette Maîtrejean", birth="1887")
    old = make_person("Ivan Smirnov", birth="1881", description="Old Bolshevik <b>bold</b>.")
    young = make_person("Ivan Smirnov", birth="1905?", description="Namesake.")
    bonnot = make_organisation("Bonnot gang")
    make(Membership, person=serge, organisation=bonnot, role="associate")
    return {
        "serge": serge,
        "zborowski": zborowski,
        "maitrejean": maitrejean,
        "old": old,
        "young": young,
        "bonnot": bonnot,
    }


def reconcile_02(client, queries, method="post"):
    payload = {"queries": json.dumps(queries)}
    response = client.post("/reconcile/", payload) if method == "post" else client.get("/reconcile/", payload)
    assert response.status_code == 200, response.content
    return valid("0.2", "reconciliation-result-batch", response.json())


def match_10(client, queries):
    body = valid("1.0-draft", "reconciliation-query-batch", {"queries": queries})
    response = client.post("/reconcile/1.0/match", json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    return valid("1.0-draft", "reconciliation-result-batch", response.json())


# ---------------------------------------------------------------- schemas, manifests


@pytest.mark.parametrize("version", schemas.VERSIONS)
def test_invalid_spec_examples_are_rejected_by_our_validator(version):
    """Control: the validator the tests rely on rejects what the spec calls invalid."""
    checked = 0
    for folder in (SPECS / version / "examples").iterdir():
        schema = folder.name
        if not (SPECS / version / "schemas" / f"{schema}.json").exists():
            continue
        for example in sorted((folder / "invalid").glob("*.json")) if (folder / "invalid").exists() else []:
            assert schemas.first_error(version, schema, json.loads(example.read_text())), example
            checked += 1
        for example in sorted((folder / "valid").glob("*.json")) if (folder / "valid").exists() else []:
            assert schemas.first_error(version, schema, json.loads(example.read_text())) is None, example
    assert checked >= 5


def test_manifests_are_valid_and_point_to_permanent_urls(client, world):
    manifest = valid("0.2", "manifest", client.get("/reconcile/").json())
    assert manifest["view"]["url"] == "http://testserver/{{id}}/"
    assert {t["id"] for t in manifest["defaultTypes"]} == {"person", "organisation", "place", "work"}
    # The view URL of a candidate is the permanent page, which redirects to the canonical slug.
    page = client.get(manifest["view"]["url"].replace("{{id}}", f"persons/{world['serge'].pk}"))
    assert page.status_code == 301 and page["Location"].endswith(
        f"/persons/{world['serge'].pk}/victor-serge/"
    )
    valid("1.0-draft", "manifest", client.get("/reconcile/1.0/").json())


def test_cors_preflight_and_headers_on_every_route(client, world):
    for path in ["/reconcile/", "/reconcile/1.0/match", "/reconcile/1.0/extend", "/reconcile/suggest/entity"]:
        preflight = client.options(
            path, HTTP_ORIGIN="https://openrefine.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
        )
        assert preflight.status_code == 204
        assert preflight["Access-Control-Allow-Origin"] == "*"
        assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert client.get("/reconcile/preview?id=nonsense")["Access-Control-Allow-Origin"] == "*"


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "name", ["V. Serzh", "Kibaltchiche, Victor", "R. Albert", "Le Retif", "victor SERGE"]
)
def test_any_name_form_finds_serge_and_matches_automatically(client, world, name):
    result = reconcile_02(client, {"q0": {"query": name, "type": "person"}})["q0"]["result"]
    assert result[0]["id"] == f"persons/{world['serge'].pk}"
    assert result[0]["match"] is True
    features = {f["id"]: f["value"] for f in result[0]["features"]}
    assert features["name_similarity"] >= 0.9


def test_pseudonym_hit_is_explained_in_features(client, world):
    best = reconcile_02(client, {"q": {"query": "R. Albert"}})["q"]["result"][0]
    features = {f["id"]: f["value"] for f in best["features"]}
    assert features["pseudonym_hit"] is True and features["name_form_hit"] is True


def test_transliteration_and_accents(client, world):
    found = reconcile_02(
        client,
        {"a": {"query": "Zborovsky"}, "b": {"query": "Zborowsky"}, "c": {"query": "Rirette Maitrejean"}},
    )
    assert (
        found["a"]["result"][0]["id"] == found["b"]["result"][0]["id"] == f"persons/{world['zborowski'].pk}"
    )
    assert (
        found["c"]["result"][0]["id"] == f"persons/{world['maitrejean'].pk}"
        and found["c"]["result"][0]["match"]
    )


def test_date_condition_separates_namesakes(client, world):
    plain = reconcile_02(client, {"q": {"query": "Ivan Smirnov", "type": "person"}})["q"]["result"]
    assert not any(c["match"] for c in plain)  # two namesakes: never guess
    dated = reconcile_02(
        client,
        {
            "q": {
                "query": "Ivan Smirnov",
                "type": "person",
                "properties": [{"pid": "birth_date", "v": "1881"}],
            }
        },
    )["q"]["result"]
    assert dated[0]["id"] == f"persons/{world['old'].pk}" and dated[0]["match"] is True
    assert dated[1]["match"] is False and dated[1]["score"] < dated[0]["score"]
    # 1.0: a required date condition drops the namesake altogether.
    result = match_10(
        client,
        [
            {
                "type": "person",
                "conditions": [
                    {"matchType": "name", "propertyValue": "Ivan Smirnov"},
                    {
                        "matchType": "property",
                        "propertyId": "birth_date",
                        "propertyValue": "1905",
                        "required": True,
                    },
                ],
            }
        ],
    )
    assert [c["id"] for c in result["results"][0]["candidates"]] == [f"persons/{world['young'].pk}"]


def test_organisation_condition_scores(client, world):
    result = reconcile_02(
        client, {"q": {"query": "Victor Serge", "properties": [{"pid": "organisations", "v": "Bonnot gang"}]}}
    )
    features = {f["id"]: f["value"] for f in result["q"]["result"][0]["features"]}
    assert features["organisations_compatible"] is True


def test_persons_curated_as_distinct_are_never_auto_matched(client, db, make_person):
    first = make_person("Jean Dupont", aliases=["J. Dupont"])
    second = make_person("Jacques Dupont", aliases=["J. Dupont"])
    make(
        DistinctRecords,
        content_type=ContentType.objects.get_for_model(Person),
        first_id=first.pk,
        second_id=second.pk,
    )
    for name in ["J. Dupont", "Jean Dupont", "Dupont"]:
        result = reconcile_02(client, {"q": {"query": name}})["q"]["result"]
        assert sum(c["match"] for c in result) == 0, name
    # A date that tells them apart is allowed to decide.
    Person.objects.filter(pk=first.pk).update(
        birth="1900", birth_lower="1900-01-01", birth_upper="1900-12-31"
    )
    result = reconcile_02(
        client, {"q": {"query": "J. Dupont", "properties": [{"pid": "birth_date", "v": "1950"}]}}
    )
    assert not any(c["match"] and c["id"] == f"persons/{first.pk}" for c in result["q"]["result"])


def test_get_and_1_0_agree(client, world):
    got = reconcile_02(client, {"q": {"query": "V. Serzh"}}, method="get")["q"]["result"][0]
    posted = match_10(client, [{"conditions": [{"matchType": "name", "propertyValue": "V. Serzh"}]}])
    assert posted["results"][0]["candidates"][0]["id"] == got["id"]


# ---------------------------------------------------------------- preview, suggest, extend


def test_preview_escapes_user_text_and_links_authorities(client, world):
    make(
        ExternalIdentifier,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=world["old"].pk,
        scheme="wikidata",
        value="Q123",
    )
    response = client.get(f"/reconcile/preview?id=persons/{world['old'].pk}")
    html = response.content.decode()
    assert response.status_code == 200 and "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="https://www.wikidata.org/wiki/Q123"' in html
    assert client.get("/reconcile/preview?id=persons/999999").status_code == 404


def test_suggest_services(client, world):
    entities = valid(
        "0.2", "suggest-entities-response", client.get("/reconcile/suggest/entity?prefix=kibal").json()
    )
    assert entities["result"][0]["id"] == f"persons/{world['serge'].pk}"
    valid("0.2", "suggest-types-response", client.get("/reconcile/suggest/type?prefix=per").json())
    props = valid(
        "0.2", "suggest-properties-response", client.get("/reconcile/suggest/property?prefix=birth").json()
    )
    assert {p["id"] for p in props["result"]} == {"birth_date", "birth_place"}
    for kind, schema in [
        ("entity", "suggest-entities-response"),
        ("type", "suggest-types-response"),
        ("property", "suggest-properties-response"),
    ]:
        valid("1.0-draft", schema, client.get(f"/reconcile/1.0/suggest/{kind}?prefix=s").json())
    flyout = client.get(f"/reconcile/flyout?id=persons/{world['serge'].pk}").json()
    assert "Victor Serge" in flyout["html"]


def test_data_extension_both_versions(client, world):
    key = f"persons/{world['serge'].pk}"
    proposal = valid(
        "0.2",
        "data-extension-property-proposal",
        client.get("/reconcile/propose_properties?type=person").json(),
    )
    assert {"birth_date", "pseudonyms", "organisations", "viaf"} <= {p["id"] for p in proposal["properties"]}
    query = {
        "ids": [key],
        "properties": [{"id": "birth_date"}, {"id": "pseudonyms"}, {"id": "organisations"}],
    }
    answer = valid(
        "0.2", "data-extension-response", client.post("/reconcile/", {"extend": json.dumps(query)}).json()
    )
    assert answer["rows"][key]["birth_date"] == [{"str": "1890-12-30"}]
    assert {"str": "R. Albert"} in answer["rows"][key]["pseudonyms"]
    assert answer["rows"][key]["organisations"][0]["name"] == "Bonnot gang"
    answer10 = client.post("/reconcile/1.0/extend", json.dumps(query), content_type="application/json").json()
    valid("1.0-draft", "data-extension-response", answer10)
    valid(
        "1.0-draft",
        "data-extension-property-proposal",
        client.get("/reconcile/1.0/extend/propose?type=work").json(),
    )


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "data, status, words",
    [
        ({"queries": "{not json"}, 400, "not valid JSON"),
        ({"queries": json.dumps({"q": {"query": "x", "type": "dragon"}})}, 400, "Unknown type"),
        (
            {"queries": json.dumps({"q": {"query": "x", "properties": [{"pid": "shoe_size", "v": 3}]}})},
            400,
            "Unknown property",
        ),
        (
            {
                "queries": json.dumps(
                    {"q": {"query": "x", "properties": [{"pid": "birth_date", "v": "soon"}]}}
                )
            },
            400,
            "not a date",
        ),
        ({"queries": json.dumps({"q": {"qery": "x"}})}, 400, "Not a valid"),
        ({"queries": json.dumps({f"q{i}": {"query": "x"} for i in range(51)})}, 413, "Too many"),
        (
            {"extend": json.dumps({"ids": ["persons/1"], "properties": [{"id": "shoe_size"}]})},
            400,
            "Unknown property",
        ),
    ],
)
def test_bad_input_is_a_clear_json_error(client, world, data, status, words):
    response = client.post("/reconcile/", data)
    assert response.status_code == status
    assert words in response.json()["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_bad_1_0_bodies(client, world):
    bad_json = client.post("/reconcile/1.0/match", "{oops", content_type="application/json")
    assert bad_json.status_code == 400 and "not valid JSON" in bad_json.json()["message"]
    old_format = client.post(
        "/reconcile/1.0/match", json.dumps({"q0": {"query": "x"}}), content_type="application/json"
    )
    assert old_format.status_code == 400
    assert client.get("/reconcile/1.0/match").status_code == 405


# ---------------------------------------------------------------- speed, bulk, identifiers


def test_a_batch_of_ten_uses_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    queries = {
        f"q{i}": {
            "query": name,
            "properties": [{"pid": "birth_date", "v": "1890"}, {"pid": "organisations", "v": "Bonnot"}],
        }
        for i, name in enumerate(["V. Serzh", "Zborovsky", "Ivan Smirnov", "R. Albert", "Maitrejean"] * 2)
    }
    for q in queries.values():
        q["type"] = "person"
    with django_assert_max_num_queries(8):
        reconcile_02(client, queries)
    untyped = {k: {"query": v["query"]} for k, v in queries.items()}
    with django_assert_max_num_queries(14):
        reconcile_02(client, untyped)


def test_reconcile_csv_command(world, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("name,birth\nV. Serzh,1890\nIvan Smirnov,\nIvan Smirnov,1905\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    call_command("reconcile_csv", str(source), str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("name,birth,match,match_id,candidate_1_id")
    assert lines[1].startswith(f"V. Serzh,1890,yes,persons/{world['serge'].pk}")
    assert lines[2].startswith("Ivan Smirnov,,no,")
    assert lines[3].startswith(f"Ivan Smirnov,1905,yes,persons/{world['young'].pk}")


def test_admin_upload_page_is_staff_only_and_returns_csv(anon_client, curator_client, world):
    url = "/admin/reconcile/csvreconciliation/"
    assert anon_client.get(url).status_code == 302  # to the login page
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("names.csv", b"name\nR. Albert\n")
    response = curator_client.post(url, {"file": upload})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f"yes,persons/{world['serge'].pk}" in response.content.decode()


@pytest.mark.parametrize(
    "scheme, good, bad",
    [
        ("wikidata", "Q1123", "1123"),
        ("viaf", "27064256", "VIAF27064256"),
        ("gnd", "118612611", "11861261"),
        ("isni", "0000000218250097", "0000000218250098"),
        ("loc", "n79021164", "79021164"),
        ("maitron", "154340", "article154340"),
        ("geonames", "2988507", "Paris"),
    ],
)
def test_identifier_patterns(db, world, scheme, good, bad):
    person_type = ContentType.objects.get_for_model(Person)
    identifier = make(
        ExternalIdentifier, content_type=person_type, object_id=world["serge"].pk, scheme=scheme, value=good
    )
    assert identifier.url and good in identifier.url
    with pytest.raises(ValidationError):
        make(
            ExternalIdentifier,
            content_type=person_type,
            object_id=world["serge"].pk,
            scheme=scheme,
            value=bad,
        )


@pytest.mark.slow
@pytest.mark.django_db
def test_auto_match_precision_and_recall_on_the_documents_list():
    """The list of names as the documents print them (tests/data/reconcile_eval.csv), on the real data."""
    call_command("load_world", verbosity=0)
    from reconcile.evaluation import evaluate

    figures = evaluate()
    assert figures["missing_expected"] == []
    assert figures["precision"] >= 0.95
    assert figures["recall"] >= 0.8
    assert figures["top_candidate_recall"] >= 0.95


def test_authority_identifiers_link_from_organisation_page_and_json_ld(client, world):
    bonnot = world["bonnot"]
    make(
        ExternalIdentifier,
        content_type=ContentType.objects.get_for_model(bonnot),
        object_id=bonnot.pk,
        scheme="wikidata",
        value="Q1123",
    )
    html = client.get(bonnot.get_absolute_url()).content.decode()
    assert '<a href="https://www.wikidata.org/wiki/Q1123">Q1123</a>' in html
    assert '"sameAs": ["https://www.wikidata.org/wiki/Q1123"]' in html


def test_place_admin_accepts_geonames_identifiers(curator_client, make_place):
    place = make_place("Paris")
    page = curator_client.get(f"/admin/prosopography/place/{place.pk}/change/")
    assert page.status_code == 200 and "externalidentifier" in page.content.decode()


def test_a_full_batch_of_long_names_is_answered_not_a_server_error(client, world):
    words = " ".join(f"Word{i}x" for i in range(40))
    queries = {f"q{i}": {"query": f"{words} {i}"} for i in range(50)}
    reconcile_02(client, queries)


def test_postgresql_trigrams_find_spellings_that_begin_differently(client, db, make_person):
    """Prefix narrowing cannot find "Ehrenburg" for "Erenburg"; on PostgreSQL a
    trigram query does, for the queries that found nothing otherwise."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram search needs PostgreSQL (pg_trgm)")
    erenburg = make_person("Ilya Erenburg", aliases=["Ilya Erenburg"])
    result = reconcile_02(client, {"q": {"query": "Ehrenburg", "type": "person"}})["q"]["result"]
    assert result and result[0]["id"] == f"persons/{erenburg.pk}" and result[0]["match"] is False


def test_near_identical_titles_are_not_auto_matched_to_the_wrong_work(client, db, make_work):
    """ "un" and "une" differ: Serge's memoirs must not be matched to a translation
    of another revolutionary's "Mémoires d'une révolutionnaire"."""
    serge = make_work("Mémoires d'un révolutionnaire 1901-1941")
    other = make_work("Mémoires d'une révolutionnaire")
    result = reconcile_02(client, {"q": {"query": "Mémoires d'un révolutionnaire", "type": "work"}})["q"][
        "result"
    ]
    assert result[0]["id"] == f"works/{serge.pk}"
    assert not any(c["match"] and c["id"] == f"works/{other.pk}" for c in result)


@pytest.mark.parametrize(
    "a, b",
    [
        ("zborowski", "zborovsky"),
        ("kibaltchiche", "kibalchich"),
        ("boukharine", "bukharin"),
        ("trotzky", "trotski"),
    ],
)
def test_transliteration_skeleton(a, b):
    from reconcile.matching import skeleton

    assert skeleton(a) == skeleton(b)
    assert skeleton("une") != skeleton("un")
