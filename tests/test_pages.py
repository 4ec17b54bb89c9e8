"""The readers' pages: canonical URLs and their redirects, what a person's page
shows (names, dates, timeline, relationships with their evidence, the citation
block, JSON-LD), escaping, the lists and search, and bounded SQL queries."""

import datetime
import json
import re

import bibtexparser
import pytest
import rdflib
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bibliography.models import Contribution, Edition, Work
from prosopography.models import (
    Alias,
    Event,
    EventParticipant,
    Membership,
    Mention,
    MentionStatus,
    NameType,
    Organisation,
    Person,
    Relationship,
    RelationshipType,
)

from .factories import build_world

SCHEMA = rdflib.Namespace("https://schema.org/")


@pytest.fixture
def world(db):
    return build_world()


def jsonld_of(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return blocks[0]


# ---------------------------------------------------------------- canonical URLs


def test_bare_id_redirects_permanently_to_canonical_page(client, world):
    serge = world["serge"]
    response = client.get(f"/persons/{serge.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/persons/{serge.pk}/victor-serge/"


def test_old_slug_redirects_after_a_rename_and_keeps_the_query(client, world):
    rirette = world["rirette"]
    old = rirette.get_absolute_url()
    rirette.name = "Rirette Maîtrejean-Kibalchich"
    rirette.save()
    response = client.get(old + "?mentions_page=2")
    assert response.status_code == 301
    assert response["Location"] == f"/persons/{rirette.pk}/rirette-maitrejean-kibalchich/?mentions_page=2"
    assert client.get(response["Location"]).status_code == 200


def test_merged_record_leads_to_the_survivor_which_says_so(client, world):
    duplicate, serge = world["duplicate"], world["serge"]
    for url in (f"/persons/{duplicate.pk}/", f"/persons/{duplicate.pk}/v-serge/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"{serge.get_absolute_url()}?merged_from={duplicate.pk}"
    page = client.get(f"{serge.get_absolute_url()}?merged_from={duplicate.pk}").content.decode()
    assert f"Record {duplicate.pk} was merged into this one" in page
    assert f"merged record id: {duplicate.pk}" in page


@pytest.mark.parametrize(
    "url",
    [
        "/persons/999999/",
        "/persons/999999/someone/",
        "/organisations/999999/x/",
        "/works/999999/x/",
        "/works/999999/",
        "/sources/999999/",
        "/persons/999999/someone/network/",
    ],
)
def test_unknown_ids_are_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_organisation_and_work_pages_redirect_like_persons(client, world):
    gang, work = world["gang"], world["work"]
    assert client.get(f"/organisations/{gang.pk}/old-name/")["Location"] == gang.get_absolute_url()
    assert client.get(f"/works/{work.pk}/")["Location"] == f"/works/{work.pk}/memoires-dun-revolutionnaire/"


# ---------------------------------------------------------------- the person page


def test_person_page_shows_names_dates_events_relationships_and_evidence(client, world):
    serge, rirette = world["serge"], world["rirette"]
    html = client.get(serge.get_absolute_url()).content.decode()
    assert "<h1>Victor Serge</h1>" in html
    assert "Le Rétif" in html and "pseudonym" in html
    # dates in words (common.dates.describe_date); the contested birth date is flagged
    born = r"<dt>Born</dt><dd>30 December 1890 <a class=\"flag\"[^>]*>contested</a>, Brussels"
    assert re.search(born, html)
    # the timeline
    assert "31 January 1912" in html and "arrest" in html and "Paris" in html
    assert "Arrested at the offices of l&#x27;Anarchie." in html
    # relationships grouped by kind, the other person linked, approximate date said so
    assert "<h3>Family (1)</h3>" in html
    assert f'Spouse of <a href="{rirette.get_absolute_url()}">Rirette Maîtrejean</a>' in html
    assert "about 1910 – 1915" in html
    # the evidence: source and quoted passage
    assert "Memoirs of a Revolutionary</a>, p. 31" in html
    assert "<q>Rirette and I lived together on the Left Bank.</q>" in html
    # the contested birth date is flagged
    assert "contested: the sources disagree" in html
    assert "Sympathiser, <a href=" in html
    # works by role, mentions with snippets and a count
    assert "Mémoires d&#x27;un révolutionnaire" in html
    assert "Mentions in the sources (3)" in html and "Serge wrote, passage 1" in html


def test_uncertain_dates_are_shown_as_uncertain(client, world):
    html = client.get(world["rirette"].get_absolute_url()).content.decode()
    assert "1887 (uncertain)" in html
    # and the relationship is shown from her side, through the type's inverse
    assert f'Spouse of <a href="{world["serge"].get_absolute_url()}">Victor Serge</a>' in html


def test_cite_block_has_four_styles_and_its_bibtex_parses(client, world):
    serge = world["serge"]
    response = client.get(serge.get_absolute_url())
    html = response.content.decode()
    url = f"http://testserver{serge.get_absolute_url()}"
    assert html.count('class="copy"') == 4
    for label in ("Chicago", "MLA", "APA", "BibTeX"):
        assert f">{label}</h3>" in html
    styles = dict(response.context["citations_styles"])
    today = datetime.date.today()
    assert url in styles["Chicago"] and f"{today:%B} {today.day}, {today.year}" in styles["Chicago"]
    entries = bibtexparser.loads(styles["BibTeX"]).entries
    assert len(entries) == 1
    assert entries[0]["url"] == url
    assert "Victor Serge" in entries[0]["title"]


def test_links_canonical_and_alternates(client, world):
    serge, work = world["serge"], world["work"]
    html = client.get(serge.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{serge.get_absolute_url()}">' in html
    assert f'type="application/json" href="http://testserver/api/v1/persons/{serge.pk}/"' in html
    assert f'href="http://testserver{serge.get_absolute_url()}?format=jsonld"' in html
    work_html = client.get(work.get_absolute_url()).content.decode()
    for fmt in ("bibtex", "ris", "csl-json"):
        assert f"/api/v1/works/{work.pk}/?format={fmt}" in work_html


def test_embedded_jsonld_parses_as_rdf_and_names_the_person(client, world):
    serge = world["serge"]
    html = client.get(serge.get_absolute_url()).content.decode()
    graph = rdflib.Graph().parse(data=jsonld_of(html), format="json-ld")
    subject = rdflib.URIRef(f"http://testserver{serge.get_absolute_url()}")
    assert (subject, rdflib.RDF.type, SCHEMA.Person) in graph
    assert (subject, SCHEMA.name, rdflib.Literal("Victor Serge")) in graph
    assert rdflib.Literal("Le Rétif") in set(graph.objects(subject, SCHEMA.alternateName))


@pytest.mark.parametrize("how", [{"HTTP_ACCEPT": "application/ld+json"}, {"data": {"format": "jsonld"}}])
def test_same_url_answers_jsonld_on_request(client, world, how):
    serge = world["serge"]
    response = client.get(serge.get_absolute_url(), **how)
    assert response["Content-Type"].startswith("application/ld+json")
    assert "Accept" in response["Vary"]
    assert json.loads(response.content)["name"] == "Victor Serge"


def test_browsers_get_html(client, world):
    response = client.get(
        world["serge"].get_absolute_url(), HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8"
    )
    assert response["Content-Type"].startswith("text/html")


HOSTILE = "<script>alert(1)</script></script>"


def test_hostile_name_is_escaped_in_html_and_in_jsonld(client, db):
    person = Person.objects.create(name=HOSTILE, description="<img src=x onerror=alert(2)>")
    Alias.objects.create(person=person, name="</script><b>x", type=NameType.VARIANT)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html and "</script><b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    block = jsonld_of(html)  # exactly one block, not cut short by the name
    assert json.loads(block)["name"] == HOSTILE
    assert json.loads(block)["alternateName"] == ["</script><b>x"]


# ---------------------------------------------------------------- organisation, work


def test_organisation_page_lists_members_with_evidence(client, world):
    html = client.get(world["gang"].get_absolute_url()).content.decode()
    assert "<h1>Bonnot gang</h1>" in html and "1911 – 1912" in html
    assert f'<a href="{world["serge"].get_absolute_url()}">Victor Serge</a>, sympathiser' in html
    assert "Rirette and I lived together" in html
    assert '"@type": "Organization"' in html


def test_work_page_shows_editions_translations_periodical_and_contributors(client, world):
    work, translator = world["work"], world["translator"]
    html = client.get(work.get_absolute_url()).content.decode()
    assert "between 1942 and 1943" in html
    assert "Éditions du Seuil</a>, 1951" in html
    assert "<i>Les Temps modernes</i></a>, vol. 6, no. 63, pp. 1-30" in html
    assert f'Translated by <a href="{translator.get_absolute_url()}">Peter Sedgwick</a>' in html
    assert "(author)" in html
    doc = json.loads(jsonld_of(html))
    assert doc["@type"] == "Book" and doc["author"][0]["name"] == "Victor Serge"
    assert "Peter Sedgwick" in {t["name"] for t in doc["workExample"][-1]["translator"]}


# ---------------------------------------------------------------- lists and search


def test_person_list_filters_by_initial_and_paginates(client, world):
    html = client.get("/persons/", {"letter": "s"}).content.decode()
    assert "Serge, Victor" in html and "Maîtrejean" not in html
    assert "V. Serge" not in html  # merged records are not listed
    for bad in ({"letter": "<script>"}, {"page": "abc"}, {"page": "9999"}, {"letter": "é"}):
        assert client.get("/persons/", bad).status_code == 200


def test_search_ignores_accents_and_finds_other_names(client, world):
    for query in ("maitrejean", "MAÎTREJEAN", "estorges", "rétif", "retif"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Persons (1)" in html, query
    assert "Works (1)" in client.get("/search/", {"q": "memoires d'un"}).content.decode()
    assert "bonnot gang" in client.get("/search/", {"q": "BONNOT"}).content.decode().lower()


@pytest.mark.parametrize("query", ["", "   ", "%", "x" * 1000, "<script>alert(1)</script>", "'; drop"])
def test_search_survives_odd_queries(client, world, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode().split("<main", 1)[1]


def test_sources_list_counts_mentions_and_source_page_lists_them(client, world):
    source = world["source"]
    html = client.get("/sources/").content.decode()
    assert "Memoirs of a Revolutionary</a></td><td>memoirs.txt</td><td>3</td>" in html
    page = client.get(f"/sources/{source.pk}/").content.decode()
    assert "Mentions (3)" in page and "Serge wrote, passage 2" in page


def test_work_lists_by_year_and_by_type_and_periodicals(client, world):
    assert "<h2>1951</h2>" in client.get("/works/").content.decode()
    assert "<h2>Memoir</h2>" in client.get("/works/", {"by": "type"}).content.decode()
    assert "Les Temps modernes" in client.get("/periodicals/").content.decode()
    assert client.get("/works/", {"by": "nonsense", "page": "-1"}).status_code == 200


def test_home_links_to_the_lists(client, world):
    html = client.get("/").content.decode()
    for url in ("/persons/", "/organisations/", "/works/", "/periodicals/", "/sources/"):
        assert f'href="{url}' in html


def test_network_page_points_at_the_api_and_vendored_cytoscape(client, world):
    serge = world["serge"]
    html = client.get(f"{serge.get_absolute_url()}network/").content.decode()
    assert f'data-api="/api/v1/persons/{serge.pk}/network/"' in html
    assert "vendor/cytoscape/cytoscape.min.js" in html and "cdn" not in html.lower()
    assert finders.find("vendor/cytoscape/cytoscape.min.js") and finders.find("vendor/cytoscape/LICENSE")
    old = client.get(f"/persons/{serge.pk}/old-slug/network/")
    assert old["Location"] == f"{serge.get_absolute_url()}network/"


@pytest.mark.parametrize(
    "params", [{"merged_from": "abc"}, {"mentions_page": "-3"}, {"mentions_page": "x"}, {"format": "xml"}]
)
def test_person_page_tolerates_bad_parameters(client, world, params):
    assert client.get(world["serge"].get_absolute_url(), params).status_code == 200


# ---------------------------------------------------------------- query counts


def grow(world, n):
    """Add n more of everything the person page lists, to show queries do not grow."""
    serge, source, citation = world["serge"], world["source"], world["citation"]
    kinds = ["friend", "comrade", "correspondent", "translator-of"]
    for i in range(n):
        other = Person.objects.create(name=f"Comrade {i}")
        rel = Relationship.objects.create(
            subject=other if i % 2 else serge,
            object=serge if i % 2 else other,
            type=RelationshipType.objects.get(slug=kinds[i % 4]),
        )
        rel.citations.add(citation)
        org = Organisation.objects.create(name=f"Group {i}")
        Membership.objects.create(person=serge, organisation=org).citations.add(citation)
        event = Event.objects.create(key=f"event-{i}", type="meeting", date=f"19{10 + i}")
        event.citations.add(citation)
        EventParticipant.objects.create(event=event, person=serge)
        Alias.objects.create(person=serge, name=f"Alias {i}")
        Mention.objects.create(
            source=source,
            start=5000 + i,
            end=5005 + i,
            surface="Serge",
            snippet="…",
            person=serge,
            status=MentionStatus.MACHINE,
        )
        work = Work.objects.create(title=f"Work {i}", first_published=f"19{20 + i}")
        Contribution.objects.create(person=serge, work=work, role="author")
        Edition.objects.create(work=world["work"], title=f"Reprint {i}", date=f"19{60 + i}")


PAGES = {
    "person": lambda w: w["serge"].get_absolute_url(),
    "organisation": lambda w: w["gang"].get_absolute_url(),
    "work": lambda w: w["work"].get_absolute_url(),
    "persons": lambda w: "/persons/",
    "organisations": lambda w: "/organisations/",
    "works": lambda w: "/works/",
    "periodicals": lambda w: "/periodicals/",
    "sources": lambda w: "/sources/",
    "source": lambda w: f"/sources/{w['source'].pk}/",
    "search": lambda w: "/search/?q=serge",
    "network": lambda w: w["serge"].get_absolute_url() + "network/",
    "home": lambda w: "/",
}
# The search page runs the one search of site and API: two queries per kind of
# record (name, other name forms or edition titles), one for passages. A work's page
# also reads the readings about the work (its facts, with their citations).
MAX_QUERIES = {"person": 20, "organisation": 12, "work": 13, "search": 9}


@pytest.mark.parametrize("page", PAGES)
def test_queries_are_bounded_and_do_not_grow(client, world, page, django_assert_max_num_queries):
    url = PAGES[page](world)
    client.get(url)  # warm caches (content types) that a running site has anyway
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(world, 12)
    with django_assert_max_num_queries(MAX_QUERIES.get(page, 6)):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
