"""The REST API's resources under /api/v1/: lists, details, filters, nested views,
formats, curators' writes, and the OpenAPI schema and docs."""

import csv
import io
import json
import re

import bibtexparser
import pytest
import rdflib
import rispy
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from bibliography.models import Contribution, Edition, Work
from prosopography.models import Alias, Membership, NameType, Person, Relationship, RelationshipType

from .factories import TEXT, make

API = "/api/v1"
LISTS = [
    "persons",
    "names",
    "organisations",
    "places",
    "events",
    "relationships",
    "memberships",
    "sources",
    "mentions",
    "works",
    "editions",
    "periodicals",
    "contributions",
]
SCHEMA = rdflib.Namespace("https://schema.org/")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response):
    return {row["id"] for row in results(response)}


# ---------------------------------------------------------------- lists and details


@pytest.mark.parametrize("resource", LISTS)
def test_every_list_and_its_first_record_answer_in_few_queries(
    reader, api_world, resource, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        rows = results(reader.get(f"{API}/{resource}/"))
    assert rows, f"{resource} is empty"
    with django_assert_max_num_queries(14):
        detail = reader.get(rows[0]["url"])
    assert detail.status_code == 200
    assert detail.json()["id"] == rows[0]["id"]


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response


@pytest.mark.slow  # fifty of everything, built for each of the lists
@pytest.mark.parametrize("resource", LISTS)
def test_a_page_of_fifty_costs_the_same_queries_as_a_page_of_five(reader, crowd, resource):
    # Warm the per-process caches (content types, looked up once and kept), so that
    # the counts do not depend on which tests ran before: `-m slow` runs this alone.
    reader.get(f"{API}/{resource}/?page_size=1")
    small, small_response = _query_count(reader, f"{API}/{resource}/?page_size=5")
    large, large_response = _query_count(reader, f"{API}/{resource}/?page_size=50")
    assert (
        len(large_response.json()["results"]) > len(small_response.json()["results"])
        or large_response.json()["count"] <= 5
    )
    assert small == large <= 8


@pytest.mark.slow
@pytest.mark.parametrize("nested", ["relationships", "memberships", "events", "works", "mentions"])
def test_nested_person_lists_cost_a_fixed_number_of_queries(reader, crowd, nested):
    person = crowd["person"]
    count, _ = _query_count(reader, f"{API}/persons/{person.pk}/{nested}/")
    assert count <= 8


def test_person_detail_costs_the_same_queries_however_many_ties(reader, api_world, crowd):
    serge = api_world["serge"]
    friend = RelationshipType.objects.get(slug="friend")
    others = list(Person.objects.filter(name__startswith="Person Number")[:10])
    cited = {"citations": [api_world["citation"]]}
    make(Relationship, subject=others[0], type=friend, object=serge, m2m=cited)
    before, _ = _query_count(reader, f"{API}/persons/{serge.pk}/")
    for other in others[1:]:
        make(Relationship, subject=other, type=friend, object=serge, m2m=cited)
        make(
            Membership, person=serge, organisation=api_world["anarchists"], role=f"role {other.pk}", m2m=cited
        )
        make(Alias, person=serge, name=f"Serge {other.pk}", type=NameType.VARIANT)
    after, response = _query_count(reader, f"{API}/persons/{serge.pk}/")
    assert len(response.json()["relationships"]) == 13
    assert before == after <= 14


def test_page_size_is_clamped_to_500_never_an_error(reader, crowd):
    response = reader.get(f"{API}/mentions/?page_size=100000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 50  # all of them: the cap was not reached
    assert reader.get(f"{API}/persons/?page_size=nonsense").status_code == 200
    assert len(results(reader.get(f"{API}/persons/?page_size=2"))) == 2


def test_merged_duplicates_are_left_out_of_lists(reader, api_world):
    assert api_world["duplicate"].pk not in ids(reader.get(f"{API}/persons/?page_size=500"))
    assert api_world["duplicate_work"].pk not in ids(reader.get(f"{API}/works/?page_size=500"))


def test_person_detail_shows_names_dates_facts_ties_and_evidence(reader, api_world):
    serge = api_world["serge"]
    data = reader.get(f"{API}/persons/{serge.pk}/").json()
    assert {"name": "Le Rétif", "type": "pseudonym", "language": "", "printed": None} in data["names"]
    assert data["birth"] == {
        "edtf": "1890-12-30",
        "earliest": "1890-12-30",
        "latest": "1890-12-30",
        "uncertain": False,
    }
    assert data["birth_place"]["name"] == "Brussels"
    # Two live readings of the birth date: contested. The deprecated death reading does not count.
    assert data["facts"]["birth_date"]["contested"] is True
    assert data["facts"]["death_date"]["contested"] is False
    assert len(data["facts"]["death_date"]["readings"]) == 2
    marriage = next(r for r in data["relationships"] if r["type"] == "spouse")
    assert marriage["person"]["name"] == "Rirette Maîtrejean"
    assert marriage["citations"] == [
        {
            "id": api_world["citation"].pk,
            "source": api_world["source"].pk,
            "source_file": "memoirs.txt",
            "source_title": "Memoirs of a Revolutionary",
            "start": 46,
            "end": len(TEXT),
            "quote": "they married in 1915.",
            "locator": "p. 12",
        }
    ]
    assert {m["organisation"]["name"] for m in data["memberships"]} == {"L'Anarchie group", "Left Opposition"}
    assert {e["key"] for e in data["events"]} == {"serge-arrest-1912", "serge-orenburg"}
    assert next(e for e in data["events"] if e["key"] == "serge-orenburg")["uncertain"] is True
    assert data["identifiers"] == [
        {"scheme": "wikidata", "value": "Q380393", "url": "https://www.wikidata.org/wiki/Q380393"}
    ]


def test_a_relationship_reads_from_each_persons_side(reader, api_world):
    vlady = reader.get(f"{API}/persons/{api_world['vlady'].pk}/").json()
    (tie,) = vlady["relationships"]
    assert (tie["label"], tie["direction"], tie["person"]["name"]) == ("child of", "in", "Victor Serge")
    assert (tie["type_label"], tie["inverse_label"]) == ("parent of", "child of")


def test_merged_person_and_work_redirect_permanently_to_the_survivor(reader, api_world):
    response = reader.get(f"{API}/persons/{api_world['duplicate'].pk}/?format=json")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/persons/{api_world['serge'].pk}/?format=json"
    response = reader.get(f"{API}/works/{api_world['duplicate_work'].pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/works/{api_world['memoirs'].pk}/"


def test_unknown_record_is_404(reader, api_world):
    assert reader.get(f"{API}/persons/999999/").status_code == 404
    assert reader.get(f"{API}/persons/abc/").status_code == 404


def test_unknown_api_url_answers_404_in_json(reader, db):
    # A URL no route takes (an id that is no number) used to get Django's HTML page.
    for path in (f"{API}/persons/abc/", f"{API}/persons/-1/network/", f"{API}/nowhere/"):
        response = reader.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}


# ---------------------------------------------------------------- filters


def test_persons_by_organisation_and_by_name_without_accents(reader, api_world):
    w = api_world
    assert ids(reader.get(f"{API}/persons/?organisation={w['opposition'].pk}")) == {w["serge"].pk}
    assert ids(reader.get(f"{API}/persons/?name=maitrejean")) == {w["rirette"].pk}
    assert ids(reader.get(f"{API}/persons/?name=LE RETIF")) == {w["serge"].pk}
    assert ids(reader.get(f"{API}/persons/?born_start=1885&born_end=1889")) == {w["rirette"].pk}


def test_relationships_by_type_kind_and_person(reader, api_world):
    w = api_world
    assert ids(reader.get(f"{API}/relationships/?type=spouse")) == {w["marriage"].pk}
    family = ids(reader.get(f"{API}/relationships/?kind=family"))
    assert family == set(Relationship.objects.filter(type__kind="family").values_list("pk", flat=True))
    assert len(family) == 2
    assert ids(reader.get(f"{API}/relationships/?person={w['rirette'].pk}")) == {w["marriage"].pk}


def test_memberships_by_person_organisation_and_role(reader, api_world):
    w = api_world
    assert ids(reader.get(f"{API}/memberships/?role=EDITOR")) == {w["membership"].pk}
    assert ids(
        reader.get(f"{API}/memberships/?organisation={w['anarchists'].pk}&person={w['serge'].pk}")
    ) == {w["membership"].pk}


def test_events_overlapping_a_period(reader, api_world):
    w = api_world
    assert ids(reader.get(f"{API}/events/?start=1934&end=1935")) == {w["exile"].pk}
    assert ids(reader.get(f"{API}/events/?start=1912-01&end=1912-01-31")) == {w["arrest"].pk}
    assert ids(reader.get(f"{API}/events/?end=1920")) == {w["arrest"].pk}
    assert ids(reader.get(f"{API}/events/?type=exile&person={w['serge'].pk}")) == {w["exile"].pk}


def test_mentions_by_source_status_and_person(reader, api_world):
    w = api_world
    rows = results(reader.get(f"{API}/mentions/?source={w['source'].pk}&status=machine"))
    assert [r["surface"] for r in rows] == ["Rirette Maîtrejean"]
    assert [r["person"] for r in results(reader.get(f"{API}/mentions/?person={w['serge'].pk}"))] == [
        w["serge"].pk
    ]


def test_works_by_type_language_years_credit_and_contributor_role(reader, api_world):
    w = api_world
    assert ids(reader.get(f"{API}/works/?type=novel")) == {w["midnight"].pk}
    assert ids(reader.get(f"{API}/works/?start=1930&end=1945")) == {w["midnight"].pk}
    assert ids(reader.get(f"{API}/works/?credited_as=rétif")) == {w["article"].pk}
    # A credit on one of its editions credits the work (articles signed "R. Albert").
    edition = Edition.objects.filter(work=w["memoirs"]).first()
    make(Contribution, person=w["serge"], edition=edition, role="author", credited_as="R. Albert")
    assert ids(reader.get(f"{API}/works/?credited_as=albert")) == {w["memoirs"].pk}
    assert ids(reader.get(f"{API}/works/?person={w['rirette'].pk}&role=translator")) == {w["midnight"].pk}
    assert ids(reader.get(f"{API}/works/?person={w['rirette'].pk}&role=author")) == set()
    assert len(ids(reader.get(f"{API}/works/?language=FR"))) == 3


def test_editions_by_language_periodical_and_years(reader, api_world):
    w = api_world
    assert ids(reader.get(f"{API}/editions/?language=en")) == {w["english"].pk}
    assert ids(reader.get(f"{API}/editions/?periodical={w['periodical'].pk}")) == {w["in_paper"].pk}
    assert ids(reader.get(f"{API}/editions/?start=1950&end=1960")) == {w["original"].pk}


def test_ordering(reader, api_world):
    names = [r["name"] for r in results(reader.get(f"{API}/persons/?ordering=-birth_lower"))]
    assert names[0] == "Vlady Kibalchich"


@pytest.mark.parametrize(
    "query, field",
    [
        ("events/?start=notadate", "start"),
        ("events/?end=1933-13", "end"),
        ("events/?type=picnic", "type"),
        ("relationships/?type=nemesis", "type"),
        ("relationships/?kind=cosmic", "kind"),
        ("persons/?organisation=999999", "organisation"),
        ("mentions/?status=maybe", "status"),
        ("works/?role=ghost", "role"),
        ("works/?start=195", "start"),
        ("editions/?periodical=abc", "periodical"),
    ],
)
def test_bad_filter_values_answer_400_naming_the_parameter(
    reader, api_world, query, field, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = reader.get(f"{API}/{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_malformed_date_message_says_what_to_give(reader, api_world):
    message = reader.get(f"{API}/events/?start=notadate").json()["start"][0]
    assert "ISO year" in message and "notadate" in message


def test_malformed_date_holding_a_percent_sign_answers_400(reader, api_world):
    # The value was written into the message, which django-filter then formats with %: 500.
    response = reader.get(f"{API}/events/", {"start": "50%", "end": "%(x)s"})
    assert response.status_code == 400
    assert "50%" in response.json()["start"][0] and "%(x)s" in response.json()["end"][0]


# ---------------------------------------------------------------- nested views


def test_person_nested_lists(reader, api_world):
    w = api_world
    base = f"{API}/persons/{w['serge'].pk}"
    assert len(results(reader.get(f"{base}/relationships/"))) == 3
    assert len(results(reader.get(f"{base}/memberships/"))) == 2
    assert {e["key"] for e in results(reader.get(f"{base}/events/"))} == {
        "serge-arrest-1912",
        "serge-orenburg",
    }
    assert len(results(reader.get(f"{base}/works/"))) == 3
    rirette = f"{API}/persons/{w['rirette'].pk}"
    translated = results(reader.get(f"{rirette}/works/?role=translator"))
    assert [(r["id"], r["roles"]) for r in translated] == [(w["midnight"].pk, ["translator"])]
    assert results(reader.get(f"{rirette}/works/?role=author")) == []
    (mention,) = results(reader.get(f"{rirette}/mentions/"))
    assert mention["snippet"].startswith("Victor Serge met Rirette")
    assert (mention["source_file"], mention["paragraph"]) == ("memoirs.txt", 3)


def test_person_nested_lists_refuse_bad_values(reader, api_world):
    base = f"{API}/persons/{api_world['serge'].pk}"
    assert reader.get(f"{base}/works/?role=ghost").status_code == 400
    assert reader.get(f"{base}/mentions/?status=maybe").status_code == 400
    assert reader.get(f"{API}/persons/999999/events/").status_code == 404


def test_work_nested_lists(reader, api_world, django_assert_max_num_queries):
    w = api_world
    base = f"{API}/works/{w['memoirs'].pk}"
    # 7: six to build each list, one for the data's version (common/changes.py).
    with django_assert_max_num_queries(7):
        editions = results(reader.get(f"{base}/editions/"))
    assert {e["id"] for e in editions} == {w["original"].pk, w["english"].pk}
    with django_assert_max_num_queries(7):
        (translation,) = results(reader.get(f"{base}/translations/"))
    assert translation["id"] == w["english"].pk
    assert translation["contributions"][0]["role"] == "translator"
    with django_assert_max_num_queries(7):
        credits = results(reader.get(f"{base}/contributions/"))
    assert {(c["person_name"], c["role"]) for c in credits} == {
        ("Victor Serge", "author"),
        ("Leon Trotsky", "translator"),
    }
    with django_assert_max_num_queries(7):
        (person,) = results(reader.get(f"{base}/persons/"))
    assert person["name"] == "Victor Serge"


# ---------------------------------------------------------------- formats


def _graph(response):
    assert response["Content-Type"].startswith("application/ld+json")
    return rdflib.Graph().parse(data=response.content, format="json-ld")


def test_person_as_json_ld_parses_and_names_the_person(reader, api_world):
    serge = api_world["serge"]
    for response in (
        reader.get(f"{API}/persons/{serge.pk}/?format=jsonld"),
        reader.get(f"{API}/persons/{serge.pk}/", HTTP_ACCEPT="application/ld+json"),
    ):
        graph = _graph(response)
        # One IRI per record: the permanent page URL; the API representation is linked to it.
        subject = rdflib.URIRef(f"http://testserver{serge.get_absolute_url()}")
        assert (subject, rdflib.RDF.type, SCHEMA.Person) in graph
        api = graph.value(subject, SCHEMA.subjectOf)
        assert api == rdflib.URIRef(f"http://testserver{API}/persons/{serge.pk}/")
        assert graph.value(subject, SCHEMA.name) == rdflib.Literal("Victor Serge")
        assert rdflib.Literal("Le Rétif") in set(graph.objects(subject, SCHEMA.alternateName))
        wikidata = rdflib.URIRef("https://www.wikidata.org/wiki/Q380393")
        assert wikidata in set(graph.objects(subject, SCHEMA.sameAs))


def test_organisations_and_works_as_json_ld(reader, api_world):
    w = api_world
    graph = _graph(reader.get(f"{API}/organisations/?format=jsonld"))
    assert len(set(graph.subjects(rdflib.RDF.type, SCHEMA.Organization))) == 2
    graph = _graph(reader.get(f"{API}/works/?format=jsonld"))
    midnight = rdflib.URIRef(f"http://testserver{w['midnight'].get_absolute_url()}")
    assert (midnight, rdflib.RDF.type, SCHEMA.Book) in graph
    article = rdflib.URIRef(f"http://testserver{w['article'].get_absolute_url()}")
    assert (article, rdflib.RDF.type, SCHEMA.Article) in graph
    translator = graph.value(midnight, SCHEMA.translator)
    assert graph.value(translator, SCHEMA.name) == rdflib.Literal("Rirette Maîtrejean")


def test_lists_as_csv(reader, api_world):
    for response in (
        reader.get(f"{API}/persons/?format=csv"),
        reader.get(f"{API}/persons/", HTTP_ACCEPT="text/csv"),
    ):
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        serge = next(r for r in rows if r["name"] == "Victor Serge")
        assert serge["birth.edtf"] == "1890-12-30"
        assert "Le Rétif" in serge["names"]
        assert serge["url"] == f"http://testserver{API}/persons/{api_world['serge'].pk}/"


def test_works_as_citations_in_bibtex_ris_and_csl_json(
    reader, api_world, crowd, django_assert_max_num_queries
):
    midnight = api_world["midnight"]
    with django_assert_max_num_queries(12):
        response = reader.get(f"{API}/works/?format=bibtex&page_size=50")
    assert response["Content-Type"].startswith("application/x-bibtex")
    entries = bibtexparser.loads(response.content.decode()).entries
    assert len(entries) == 50
    with django_assert_max_num_queries(12):
        response = reader.get(f"{API}/works/{midnight.pk}/?format=ris")
    (record,) = rispy.loads(response.content.decode())
    assert record["title"] == "S'il est minuit dans le siècle"
    response = reader.get(f"{API}/works/?type=novel", HTTP_ACCEPT="application/vnd.citationstyles.csl+json")
    (item,) = json.loads(response.content)
    assert item["title"] == "S'il est minuit dans le siècle"
    assert reader.get(f"{API}/works/?format=bibtex&type=ghost").status_code == 400


def test_editions_as_citations_credit_their_translator_in_bounded_queries(
    reader, api_world, django_assert_max_num_queries
):
    english = Edition.objects.filter(work=api_world["memoirs"], language="en").get()
    with django_assert_max_num_queries(10):
        response = reader.get(f"{API}/editions/?format=csl-json&page_size=50")
    items = {item["id"]: item for item in json.loads(response.content)}
    assert items[f"edition-{english.pk}"]["translator"]
    assert items[f"edition-{english.pk}"]["original-title"] == api_world["memoirs"].title
    with django_assert_max_num_queries(10):
        single = reader.get(f"{API}/editions/{english.pk}/?format=ris")
    (record,) = rispy.loads(single.content.decode())
    assert record["title"] == english.title
    assert record["subsidiary_authors"] == ["Trotsky, Leon"]  # A4, the translator in Zotero
    assert reader.get(f"{API}/editions/?format=bibtex&language=xx").status_code == 200


@pytest.mark.parametrize(
    "fmt, media_type", [("bibtex", "application/x-bibtex"), ("ris", "application/x-research-info-systems")]
)
def test_no_works_as_citations_is_an_empty_document_of_the_format(reader, api_world, fmt, media_type):
    # An empty body used to lose its Content-Type (DRF drops it for empty content).
    response = reader.get(f"{API}/works/?format={fmt}&type=poem")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)
    assert response.content.strip() == b""


def test_unsupported_formats_answer_406(reader, api_world):
    assert reader.get(f"{API}/persons/", HTTP_ACCEPT="application/xml").status_code == 406
    assert reader.get(f"{API}/places/", HTTP_ACCEPT="application/ld+json").status_code == 406


@pytest.mark.parametrize(
    "query",
    [
        "works/999999/?format=bibtex",
        "works/?format=ris&type=ghost",
        "works/?format=csl-json&start=x",
        "persons/?format=csv&organisation=999999",
        "persons/999999/?format=jsonld",
    ],
)
def test_errors_are_answered_in_json_whatever_the_format(reader, api_world, query):
    # They used to be written as a CSV row, or as JSON labelled BibTeX, RIS, JSON-LD ...
    response = reader.get(f"{API}/{query}")
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/json"
    assert response.json()


@pytest.mark.parametrize(
    "query",
    [
        "persons/?format=tei",
        "persons/?format=jsonld",
        "mentions/?format=annotation",
        "works/?format=bibtex",
        "places/?format=csv",
    ],
)
def test_options_describe_a_resource_in_json_whatever_the_format(reader, api_world, query):
    # The description is no record: the TEI and Web Annotation writers crashed on it (500).
    response = reader.options(f"{API}/{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"]


# ---------------------------------------------------------------- writes


def test_anonymous_readers_cannot_write(reader, api_world):
    serge = api_world["serge"]
    assert reader.post(f"{API}/persons/", {"name": "Nobody"}, format="json").status_code in (401, 403)
    assert reader.patch(f"{API}/persons/{serge.pk}/", {"name": "X"}, format="json").status_code in (401, 403)
    serge.refresh_from_db()
    assert serge.name == "Victor Serge"


def test_curator_creates_a_person_and_the_history_names_them(token_api, api_curator, db):
    response = token_api.post(f"{API}/persons/", {"name": "Liuba Russakova", "birth": "1898?"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["birth"]["uncertain"] is True
    person = Person.objects.get(pk=response.json()["id"])
    assert person.birth_lower.year == 1898
    assert person.history.latest().history_user == api_curator


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"name": "X", "birth": "30 December 1890"}, "birth"),
        ({"name": "X", "birth": "1900", "death": "1850"}, "death"),
        ({"birth": "1900"}, "name"),
    ],
)
def test_bad_person_writes_answer_400_by_field(curator_api, db, payload, field):
    response = curator_api.post(f"{API}/persons/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Person.objects.filter(name="X").exists()


def test_a_relationship_with_oneself_is_refused(curator_api, api_world):
    serge = api_world["serge"].pk
    response = curator_api.post(
        f"{API}/relationships/", {"subject": serge, "type": "friend", "object": serge}, format="json"
    )
    assert response.status_code == 400
    assert "themself" in response.json()["non_field_errors"][0]


def test_curator_writes_ties_names_works_editions_and_credits(curator_api, api_world):
    w = api_world
    created = {
        "names": {"person": w["rirette"].pk, "name": "Anna Estorges", "type": "birth"},
        "relationships": {
            "subject": w["serge"].pk,
            "type": "friend",
            "object": w["trotsky"].pk,
            "start": "1923",
            "citations": [w["citation"].pk],
        },
        "memberships": {"person": w["rirette"].pk, "organisation": w["anarchists"].pk, "start": "1909"},
        "works": {
            "title": "L'Affaire Toulaev",
            "language": "fr",
            "type": "novel",
            "first_published": "1948",
            "about": [w["trotsky"].pk],
        },
        "editions": {
            "work": w["midnight"].pk,
            "title": "Midnight in the Century",
            "language": "en",
            "date": "1982",
        },
        "contributions": {"person": w["trotsky"].pk, "work": w["midnight"].pk, "role": "preface"},
    }
    for resource, payload in created.items():
        response = curator_api.post(f"{API}/{resource}/", payload, format="json")
        assert response.status_code == 201, (resource, response.content)
        url = response.json()["url"]
        etag = response["ETag"]
        assert curator_api.patch(url, {}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    relationship = Relationship.objects.get(subject=w["serge"], type__slug="friend")
    assert list(relationship.citations.all()) == [w["citation"]]
    edition_on_nothing = curator_api.post(f"{API}/contributions/", {"person": w["trotsky"].pk}, format="json")
    assert edition_on_nothing.status_code == 400


@pytest.mark.parametrize(
    "resource, payload, field",
    [
        ("persons", {"name": 1890}, "name"),
        ("persons", {"name": "X", "description": 0}, "description"),
        ("works", {"title": "X", "about": {}}, "about"),
    ],
)
def test_writes_of_the_wrong_json_type_answer_400(curator_api, api_world, resource, payload, field):
    # A number used to be taken as text ("1890"), an object as an empty list of ids.
    response = curator_api.post(f"{API}/{resource}/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Person.objects.filter(name="X").exists() and not Work.objects.filter(title="X").exists()


def test_writes_answer_in_json_only(curator_api, api_world):
    # A work created with ?format=csl-json came back as the work's JSON labelled CSL-JSON.
    # The reading formats are not offered for writes: 404 for ?format=, 406 for Accept.
    title = {"title": "Naissance de notre force"}
    response = curator_api.post(f"{API}/works/?format=csl-json", title, format="json")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert not Work.objects.filter(**title).exists()
    serge = f"{API}/persons/{api_world['serge'].pk}/"
    assert curator_api.patch(serge, {}, format="json", HTTP_ACCEPT="text/csv").status_code == 406
    response = curator_api.post(f"{API}/works/?format=json", title, format="json")
    assert (response.status_code, response["Content-Type"]) == (201, "application/json")
    assert curator_api.get(f"{serge}?format=csv")["Content-Type"].startswith("text/csv")


def test_a_patch_answers_the_whole_record(curator_api, api_world):
    # DRF used to leave the null publisher, place and periodical names out of a PATCH's answer.
    url = f"{API}/editions/{api_world['original'].pk}/"
    etag = curator_api.get(url)["ETag"]
    data = curator_api.patch(url, {"note": "The first edition."}, format="json", HTTP_IF_MATCH=etag).json()
    assert (data["publisher_name"], data["place_name"], data["periodical_title"]) == (None, None, None)
    assert data == {**curator_api.get(url).json(), "modified": data["modified"]}


def test_detail_carries_etag_and_last_modified_and_honours_if_none_match(reader, api_world):
    url = f"{API}/persons/{api_world['serge'].pk}/"
    response = reader.get(url)
    assert response["ETag"] and response["Last-Modified"]
    assert reader.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_stale_if_match_answers_412_and_changes_nothing(curator_api, api_world):
    url = f"{API}/persons/{api_world['serge'].pk}/"
    etag = curator_api.get(url)["ETag"]
    fresh = curator_api.patch(url, {"description": "First edit."}, format="json", HTTP_IF_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    stale = curator_api.patch(url, {"description": "Second edit."}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    put = curator_api.put(url, {"name": "Someone Else"}, format="json", HTTP_IF_MATCH=etag)
    assert put.status_code == 412
    person = Person.objects.get(pk=api_world["serge"].pk)
    assert (person.name, person.description) == ("Victor Serge", "First edit.")


def test_etag_also_guards_records_without_a_modified_time(curator_api, api_world):
    alias = api_world["serge"].aliases.get(name="Le Rétif")
    url = f"{API}/names/{alias.pk}/"
    etag = curator_api.get(url)["ETag"]
    assert (
        curator_api.patch(url, {"note": "Used in L'Anarchie."}, format="json", HTTP_IF_MATCH=etag).status_code
        == 200
    )
    assert (
        curator_api.patch(url, {"note": "Overwritten."}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    )


def test_persons_and_works_cannot_be_deleted(curator_api, api_world):
    assert curator_api.delete(f"{API}/persons/{api_world['serge'].pk}/").status_code == 405
    assert curator_api.delete(f"{API}/works/{api_world['memoirs'].pk}/").status_code == 405
    assert Work.objects.filter(pk=api_world["memoirs"].pk).exists()


def test_read_only_resources_refuse_writes(curator_api, api_world):
    response = curator_api.post(f"{API}/organisations/", {"name": "New"}, format="json")
    assert response.status_code == 405


# ---------------------------------------------------------------- schema and docs


def test_openapi_schema_is_valid(reader, db, django_assert_max_num_queries):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert f"{API}/persons/{{id}}/works/" in schema["paths"]
    with django_assert_max_num_queries(0):
        response = reader.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/works/{id}/translations/" in json.loads(response.content)["paths"]


def test_openapi_schema_says_what_the_api_answers(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    person = schema["paths"][f"{API}/persons/{{id}}/"]
    # Every answer a client may meet is documented, errors in JSON.
    assert set(person["get"]["responses"]) == {"200", "301", "304", "404", "406", "429", "403"}
    assert {"400", "403", "404", "412", "415"} <= set(person["patch"]["responses"])
    assert list(person["patch"]["responses"]["400"]["content"]) == ["application/json"]
    # Reading needs no credentials (`security: []`, so the docs show no lock); writing does.
    assert person["get"]["security"] == [] and person["patch"]["security"]
    assert {} not in person["patch"]["security"]
    # A date is written as an EDTF string and read back as an object, or null.
    components = schema["components"]["schemas"]
    assert components["PatchedPersonWriteRequest"]["properties"]["birth"]["type"] == "string"
    assert components["PersonDetail"]["properties"]["birth"]["nullable"] is True
    assert components["Mention"]["properties"]["place"]["nullable"] is True
    assert components["Edition"]["properties"]["publisher_name"]["nullable"] is True
    # A person's works are works, and their BibTeX is text, not a work.
    works = schema["paths"][f"{API}/persons/{{id}}/works/"]["get"]["responses"]["200"]["content"]
    assert works["application/json"]["schema"]["$ref"].endswith("/PaginatedPersonWorkList")
    bibtex = schema["paths"][f"{API}/works/"]["get"]["responses"]["200"]["content"]["application/x-bibtex"]
    assert bibtex["schema"]["type"] == "string"
    # A write answers in JSON only.
    create = schema["paths"][f"{API}/works/"]["post"]
    assert list(create["responses"]["201"]["content"]) == ["application/json"]
    assert "format" not in {p["name"] for p in create.get("parameters", [])}


def test_docs_page_loads_without_any_external_url(reader, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = reader.get(f"{API}/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.findall(r"(?:src|href)=[\"']?(?:https?:)?//", html), "the docs load something external"
    assert "cdn" not in html.lower()


def test_api_root_lists_every_resource(reader, db):
    links = reader.get(f"{API}/").json()
    assert links["persons"] == f"http://testserver{API}/persons/"
    assert links["names"] == f"http://testserver{API}/names/"
    assert links["works"] == f"http://testserver{API}/works/"
