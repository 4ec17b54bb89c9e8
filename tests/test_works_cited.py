"""Works cited in the documents (fixtures/curated/cited/): how the pipeline adds
them, and what readers and API users get from them: where a work is cited, the
persons it mentions (read off the mentions inside its extracts), mentions as W3C
Web Annotations, persons as TEI, and merged records' nested views redirecting."""

import json
import xml.etree.ElementTree as etree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bibliography.cited import add_cited_works
from bibliography.models import Extract
from bibliography.thesis import ParsedBibliography
from prosopography import services
from prosopography.ingest.curated import CurationError
from prosopography.models import Event, EventParticipant, Mention, MentionStatus

from .factories import make

TEI = "{http://www.tei-c.org/ns/1.0}"

# ---------------------------------------------------------------- the pipeline step

TEXT = (
    "A review of Memoirs of a Revolutionary, by Paul Flewers.\n"
    "Serge writes: Poets are not political beings, he says.\n"
    "Memoirs of a Revolutionary is quoted again.\n"
)


def thesis_reading():
    """What the thesis bibliography parser would have produced for one work."""
    return ParsedBibliography(
        works=[
            {
                "key": "serge-memoires",
                "title": "Mémoires d'un révolutionnaire",
                "language": "fr",
                "type": "memoir",
                "status": "published",
                "written": "",
                "first_published": "1951",
                "description": "",
                "section": "I.B",
                "entry": "1",
                "about": [],
            }
        ],
        editions=[
            {
                "key": "serge-memoires--fr-1951-1",
                "work": "serge-memoires",
                "title": "Mémoires d'un révolutionnaire",
                "language": "fr",
                "publisher": "seuil",
                "place": "paris",
                "date": "1951",
                "series": "",
                "periodical": None,
                "volume": "",
                "issue": "",
                "pages": "",
                "translation_of": None,
                "note": "",
            }
        ],
        contributions=[
            {
                "person": "serge-victor",
                "work": "serge-memoires",
                "edition": None,
                "role": "author",
                "credited_as": "",
                "order": 0,
            }
        ],
        persons=[
            {
                "key": "serge-victor",
                "name": "Victor Serge",
                "sort_name": "Serge, Victor",
                "names": [{"name": "Victor Serge", "type": "preferred"}],
            }
        ],
    )


def curated_file(**overrides):
    data = {
        "file": "doc.yaml",
        "source": "doc.txt",
        "persons": [{"key": "flewers-paul", "name": "Paul Flewers"}],
        "works": [
            {
                "key": "serge-memoires",
                "title": "Another title",
                "type": "novel",
                "cited": ["Memoirs of a Revolutionary"],
                "editions": [
                    {
                        "title": "Memoirs of a Revolutionary",
                        "language": "en",
                        "date": "1963",
                        "translators": ["sedgwick-peter"],
                    },
                    {"title": "Mémoires", "language": "fr", "date": "1951"},
                ],
                "extracts": [{"label": "quoted", "first": "Poets are", "last": "beings"}],
            },
            {
                "key": "flewers-paul-review",
                "title": "Review of the Memoirs",
                "type": "review",
                "authors": ["flewers-paul"],
                "reviews": "serge-memoires",
                "extracts": [{"label": "whole document", "whole": True}],
            },
        ],
    }
    data.update(overrides)
    return data


def test_a_work_the_thesis_has_keeps_its_reading_and_gains_editions_citations_extracts():
    parsed = thesis_reading()
    report = add_cited_works(parsed, {"doc.txt": TEXT}, [curated_file()])
    memoires = next(w for w in parsed.works if w["key"] == "serge-memoires")
    assert (memoires["title"], memoires["type"]) == ("Mémoires d'un révolutionnaire", "memoir")
    editions = [e for e in parsed.editions if e["work"] == "serge-memoires"]
    assert len(editions) == 2  # the 1951 French edition is the thesis's own, not a second one
    english = next(e for e in editions if e["language"] == "en")
    assert english["translation_of"] == "serge-memoires--fr-1951-1"
    assert {
        "person": "sedgwick-peter",
        "work": None,
        "edition": english["key"],
        "role": "translator",
        "credited_as": "",
        "order": 0,
    } in parsed.contributions
    assert report == {
        "files": 1,
        "works": 2,
        "already_in_thesis": 1,
        "new_works": 1,
        "mentions": 2,
        "extracts": 2,
    }


def test_a_new_work_gets_its_author_and_what_it_reviews():
    parsed = thesis_reading()
    add_cited_works(parsed, {"doc.txt": TEXT}, [curated_file()])
    review = next(w for w in parsed.works if w["key"] == "flewers-paul-review")
    assert (review["title"], review["type"]) == ("Review of the Memoirs", "review")
    assert any(
        c["person"] == "flewers-paul" and c["work"] == "flewers-paul-review" and c["role"] == "author"
        for c in parsed.contributions
    )
    assert {
        "subject": "flewers-paul-review",
        "type": "review-of",
        "object": "serge-memoires",
        "order": 0,
    } in parsed.work_relations
    assert any(p["key"] == "flewers-paul" for p in parsed.persons)


def test_every_occurrence_of_a_cited_string_is_a_mention_and_extracts_have_exact_offsets():
    parsed = thesis_reading()
    add_cited_works(parsed, {"doc.txt": TEXT}, [curated_file()])
    spans = [(m["start"], m["end"]) for m in parsed.work_mentions]
    assert [TEXT[a:b] for a, b in spans] == ["Memoirs of a Revolutionary"] * 2
    assert [m["paragraph"] for m in parsed.work_mentions] == [0, 2]
    assert all(m["surface"] in m["snippet"] and m["snippet"] in TEXT for m in parsed.work_mentions)
    extracts = {e["label"]: TEXT[e["start"] : e["end"]] for e in parsed.extracts}
    assert extracts == {"quoted": "Poets are not political beings", "whole document": TEXT}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"cited": ["Memoirs of a Counter-Revolutionary"]}, "cited string not found verbatim"),
        ({"extracts": [{"label": "x", "first": "beings", "last": "Poets are"}]}, "not found in order"),
    ],
)
def test_a_curated_string_not_in_the_document_is_refused(change, message):
    data = curated_file()
    data["works"][0].update(change)
    with pytest.raises(CurationError, match=message):
        add_cited_works(thesis_reading(), {"doc.txt": TEXT}, [data])


def test_a_new_work_without_a_title_is_refused():
    data = curated_file()
    data["works"].append({"key": "anon-untitled", "cited": ["review"]})
    with pytest.raises(CurationError, match="anon-untitled .* needs a title"):
        add_cited_works(thesis_reading(), {"doc.txt": TEXT}, [data])


# ---------------------------------------------------------------- the API and pages


@pytest.fixture
def cited_world(make_person, make_source, make_work):
    """A source of 1,000 characters; a work whose text fills characters 100-500 of it;
    persons named inside, outside, and (rejected) inside that span."""
    source = make_source(length=1000, title="Pages from the Diary")
    work = make_work(title="Pages de journal", type="diary")
    make(Extract, work=work, source=source, start=100, end=500, label="whole text")
    persons = {name: make_person(name) for name in ("André Gide", "Jef Last", "Boris Souvarine", "Nobody")}

    def mention(person, start, status=MentionStatus.MACHINE, target=None):
        surface = "x" * 5
        return make(
            Mention,
            source=source,
            start=start,
            end=start + 5,
            surface=surface,
            snippet=f"a {surface} b",
            person=person if target is None else None,
            work=target,
            status=status,
        )

    for start in (110, 200, 300):
        mention(persons["André Gide"], start)
    mention(persons["Jef Last"], 400)
    mention(persons["Boris Souvarine"], 700)  # outside the work's text
    mention(persons["Nobody"], 120, status=MentionStatus.REJECTED)  # a curator said no
    cited = mention(None, 800, target=work)
    return {"source": source, "work": work, "persons": persons, "cited": cited}


def test_persons_a_work_mentions_are_those_named_inside_its_extracts(cited_world):
    work = cited_world["work"]
    response = APIClient().get(f"/api/v1/works/{work.pk}/persons-mentioned/")
    assert response.status_code == 200
    rows = [(r["name"], r["mention_count"]) for r in response.json()["results"]]
    assert rows == [("André Gide", 3), ("Jef Last", 1)]


def test_persons_mentioned_runs_a_constant_number_of_queries(cited_world, make_person, make_source):
    work, source = cited_world["work"], cited_world["source"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert APIClient().get(f"/api/v1/works/{work.pk}/persons-mentioned/").status_code == 200
        return len(queries)

    before = count()
    for i in range(15):
        person = make_person(f"Person {i}", aliases=[f"P. {i}"])
        make(
            Mention,
            source=source,
            start=130 + i * 10,
            end=135 + i * 10,
            surface="yyyyy",
            snippet="yyyyy",
            person=person,
        )
    assert count() == before


def test_where_a_work_is_cited(cited_world):
    work = cited_world["work"]
    results = APIClient().get(f"/api/v1/works/{work.pk}/cited-in/").json()["results"]
    assert [(r["id"], r["work"], r["start"]) for r in results] == [(cited_world["cited"].pk, work.pk, 800)]


def test_work_page_lists_the_persons_it_mentions(cited_world, client):
    work = cited_world["work"]
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Persons it mentions" in page
    assert "André Gide</a> (3)" in page and "Jef Last</a> (1)" in page
    assert "Boris Souvarine" not in page and "Nobody" not in page


def test_mentions_as_w3c_web_annotations(cited_world):
    gide = cited_world["persons"]["André Gide"]
    mention = gide.mentions.order_by("start").first()
    response = APIClient().get(f"/api/v1/mentions/{mention.pk}/?format=annotation")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    annotation = json.loads(response.content)
    assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert annotation["type"] == "Annotation"
    assert annotation["body"].endswith(f"/api/v1/persons/{gide.pk}/")
    assert annotation["target"]["source"].endswith(f"/api/v1/sources/{cited_world['source'].pk}/")
    quote, position = annotation["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "xxxxx", "prefix": "a ", "suffix": " b"}
    assert position == {"type": "TextPositionSelector", "start": 110, "end": 115}


def test_a_persons_mentions_as_an_annotation_page_by_content_negotiation(cited_world):
    gide = cited_world["persons"]["André Gide"]
    response = APIClient().get(f"/api/v1/persons/{gide.pk}/mentions/", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    page = json.loads(response.content)
    assert (page["type"], page["partOf"]["total"], len(page["items"])) == ("AnnotationPage", 3, 3)
    assert {item["target"]["selector"][1]["start"] for item in page["items"]} == {110, 200, 300}
    assert all(item["body"].endswith(f"/persons/{gide.pk}/") for item in page["items"])


def test_persons_as_a_tei_personography(make_person):
    serge = make_person("Victor Serge", aliases=["Le Rétif", "Victor Kibalchich"], birth="1890-12-30")
    make_person("Paul </persName> Flewers")
    for url in (f"/api/v1/persons/{serge.pk}/?format=tei", "/api/v1/persons/?format=tei"):
        response = APIClient().get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("application/tei+xml")
        root = etree.fromstring(response.content)
        persons = root.findall(f".//{TEI}listPerson/{TEI}person")
        serge_element = next(
            p for p in persons if p.get("{http://www.w3.org/XML/1998/namespace}id") == f"person{serge.pk}"
        )
        names = [n.text for n in serge_element.findall(f"{TEI}persName")]
        assert names[0] == "Victor Serge" and {"Le Rétif", "Victor Kibalchich"} <= set(names)
        assert serge_element.find(f"{TEI}birth").text == "1890-12-30"
    assert "Paul </persName> Flewers" in [n.text for n in root.iter(f"{TEI}persName")]


def test_nested_views_of_a_merged_person_redirect_to_the_survivors(make_person, curator):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge")
    event = make(Event, key="arrest-1933", type="arrest", date="1933")
    make(EventParticipant, event=event, person=duplicate, role="subject")
    services.merge(duplicate, survivor, user=curator, reason="same man")
    response = APIClient().get(f"/api/v1/persons/{duplicate.pk}/events/?page_size=5")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/persons/{survivor.pk}/events/?page_size=5"
    followed = APIClient().get(response["Location"]).json()
    assert [e["id"] for e in followed["results"]] == [event.pk]


# ---------------------------------------------------------------- bounds and bad inputs


def _queries(url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get(url, **headers)
    assert response.status_code == 200, url
    return len(queries)


def _more_of_everything(world, make_person, count=12):
    """More persons named inside the work's text, more places citing the work."""
    for i in range(count):
        person = make_person(f"Comrade {i}", aliases=[f"C. {i}"])
        make(
            Mention,
            source=world["source"],
            start=130 + i * 10,
            end=135 + i * 10,
            surface="yyyyy",
            snippet="yyyyy",
            person=person,
        )
        make(
            Mention,
            source=world["source"],
            start=810 + i * 10,
            end=815 + i * 10,
            surface="zzzzz",
            snippet="zzzzz",
            work=world["work"],
        )


@pytest.mark.parametrize("path", ["cited-in/", "cited-in/?format=annotation", "persons-mentioned/"])
def test_work_nested_views_run_a_constant_number_of_queries(cited_world, make_person, path):
    url = f"/api/v1/works/{cited_world['work'].pk}/{path}"
    before = _queries(url)
    _more_of_everything(cited_world, make_person)
    assert _queries(url) == before


@pytest.mark.parametrize("url", ["/api/v1/mentions/?format=annotation", "/api/v1/persons/?format=tei"])
def test_annotation_and_tei_lists_run_a_constant_number_of_queries(cited_world, make_person, url):
    before = _queries(url)
    _more_of_everything(cited_world, make_person)
    assert _queries(url) == before


def test_work_page_runs_a_constant_number_of_queries(cited_world, make_person, client):
    url = cited_world["work"].get_absolute_url()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    _more_of_everything(cited_world, make_person)
    assert count() == before


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/v1/works/999999/persons-mentioned/", 404),
        ("/api/v1/works/999999/cited-in/", 404),
        ("/api/v1/works/abc/cited-in/", 404),
        ("/api/v1/works/{work}/cited-in/?format=nonsense", 404),
        ("/api/v1/works/{work}/persons-mentioned/?page=0", 404),
        ("/api/v1/persons/999999/?format=tei", 404),
        ("/api/v1/mentions/999999/?format=annotation", 404),
    ],
)
def test_bad_requests_to_the_new_views_answer_in_json(cited_world, path, status):
    response = APIClient().get(path.format(work=cited_world["work"].pk))
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")


def test_unsupported_accept_on_mentions_is_406(cited_world):
    response = APIClient().get("/api/v1/mentions/", HTTP_ACCEPT="application/x-bibtex")
    assert response.status_code == 406


def test_a_work_without_extracts_mentions_no_one(make_work):
    work = make_work(title="A letter now lost")
    response = APIClient().get(f"/api/v1/works/{work.pk}/persons-mentioned/")
    assert response.status_code == 200 and response.json()["count"] == 0
