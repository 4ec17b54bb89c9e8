"""A source's page (issue 15): its mentions filtered by the record they name and by
their status, with filters in the URL; paragraph anchors (#p<n>) that the person
page's passage links land on; the review queue's statuses for those who may view
mentions only; user text escaped; a constant number of queries."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bibliography.models import Work
from prosopography.models import Mention, MentionStatus, Organisation, Person, Place, Source

from .factories import build_world

STATUSES = [MentionStatus.MACHINE, MentionStatus.CONFIRMED, MentionStatus.UNRESOLVED, MentionStatus.REJECTED]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listed(html):
    """The mentions the page lists: (paragraph, surface, status) of each <li>."""
    mentions = html[html.index('<ol class="mentions"') : html.index("</ol>")]
    return re.findall(r'data-status="(\w+)"><a class="passage"[^>]*>Paragraph (\d+)</a>: “([^”]*)”', mentions)


@pytest.fixture
def text(db):
    """A source naming a person, an organisation, a place and a work, each in every
    status (the unresolved ones name nothing yet)."""
    source = Source.objects.create(file_name="letters.txt", title="Letters", checksum="d" * 64, length=10**5)
    records = {
        "person": Person.objects.create(name="Victor Serge"),
        "organisation": Organisation.objects.create(name="Left Opposition"),
        "place": Place.objects.create(name="Orenburg"),
        "work": Work.objects.create(title="Midnight in the Century"),
    }
    n = 0
    for kind, record in records.items():
        for status in STATUSES:
            target = {} if status == MentionStatus.UNRESOLVED else {kind: record}
            Mention.objects.create(
                source=source,
                start=n * 10,
                end=n * 10 + 5,
                surface=f"{kind}-{status}",
                snippet="…",
                paragraph=n,
                status=status,
                **target,
            )
            n += 1
    return source, records


def test_a_reader_sees_machine_found_and_confirmed_mentions(client, text):
    source, _ = text
    html = get(client, f"/sources/{source.pk}/")
    statuses = {status for status, _, _ in listed(html)}
    assert statuses == {"machine", "confirmed"} and "Mentions (8)" in html
    assert "rejected" not in {s for s, _, _ in listed(html)} and "-rejected" not in html


@pytest.mark.parametrize("kind", ["person", "organisation", "place", "work"])
def test_mentions_are_filtered_by_the_record_they_name(client, text, kind):
    source, records = text
    record = records[kind]
    html = get(client, f"/sources/{source.pk}/?{kind}={record.pk}")
    assert {surface for _, _, surface in listed(html)} == {f"{kind}-machine", f"{kind}-confirmed"}
    assert f'Only the mentions of <a href="{record.get_absolute_url()}">' in html
    assert f'<input type="hidden" name="{kind}" value="{record.pk}">' in html  # kept by the status form
    # a passage link keeps the filter
    assert re.search(rf'href="\?{kind}={record.pk}&amp;paragraph=\d+#p\d+"', html)


def test_each_mention_offers_its_record_as_a_filter_and_the_source_lists_the_most_named(client, text):
    source, records = text
    html = get(client, f"/sources/{source.pk}/")
    for kind, record in records.items():
        assert f'class="only" href="?{kind}={record.pk}"' in html
        assert f'<a href="?{kind}={record.pk}">{record}</a> <span class="note">({kind}, 2)</span>' in html


@pytest.mark.parametrize("status", ["machine", "confirmed"])
def test_mentions_are_filtered_by_status(client, text, status):
    source, records = text
    html = get(client, f"/sources/{source.pk}/?status={status}")
    assert {s for s, _, _ in listed(html)} == {status} and "Mentions (4)" in html
    assert f'<option value="{status}" selected>' in html
    both = get(client, f"/sources/{source.pk}/?status={status}&place={records['place'].pk}")
    assert [surface for _, _, surface in listed(both)] == [f"place-{status}"]
    # the record filter's links keep the status
    assert f'href="?status={status}&amp;person={records["person"].pk}"' in html


@pytest.mark.parametrize("status", ["unresolved", "rejected"])
def test_the_review_statuses_are_for_those_who_may_view_mentions(client, text, status, django_user_model):
    source, _ = text
    html = get(client, f"/sources/{source.pk}/?status={status}")
    assert f"-{status}" not in html and "Mentions (8)" in html  # a reader: left out, and said
    assert f"The status “{status}” was left out" in html
    assert f'<option value="{status}"' not in html

    reviewer = django_user_model.objects.create_user("reviewer", password="x")
    reviewer.user_permissions.add(Permission.objects.get(codename="view_mention"))
    client.force_login(reviewer)
    html = get(client, f"/sources/{source.pk}/?status={status}")
    assert {s for s, _, _ in listed(html)} == {status} and "Mentions (4)" in html


def test_filters_that_cannot_be_used_are_left_out_and_escaped(client, text):
    source, records = text
    person, place = records["person"], records["place"]
    html = get(client, f"/sources/{source.pk}/?person=abc&status=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "The filter person=abc was left out" in html and "Mentions (8)" in html
    # one record at a time: the first kind given wins, the other is said to be left out
    html = get(client, f"/sources/{source.pk}/?person={person.pk}&place={place.pk}")
    assert {surface.split("-")[0] for _, _, surface in listed(html)} == {"person"}
    assert f"The filter place={place.pk} was left out" in html
    # a record that does not exist: no mentions, said plainly
    html = get(client, f"/sources/{source.pk}/?work=99999999999")
    assert "Mentions (0)" in html and "no known record" in html
    assert client.get(f"/sources/{source.pk}/?work=9" + "9" * 30).status_code == 200


def test_user_text_in_the_mentions_is_escaped(client, text):
    source, records = text
    Mention.objects.filter(source=source).update(snippet="<img src=x onerror=alert(1)>")
    Person.objects.filter(pk=records["person"].pk).update(name="<b>Serge</b>")
    html = get(client, f"/sources/{source.pk}/?person={records['person'].pk}")
    assert "<img src=x" not in html and "<b>Serge</b>" not in html and "&lt;b&gt;Serge&lt;/b&gt;" in html


def test_every_passage_link_of_a_person_page_lands_on_its_anchor(client, db):
    world = build_world()
    serge, source = world["serge"], world["source"]
    Mention.objects.bulk_create(
        Mention(source=source, start=1000 + 10 * i, end=1005 + 10 * i, surface="Serge", snippet="…",
                paragraph=10 + i, person=serge, status=MentionStatus.MACHINE)
        for i in range(150)
    )  # fmt: skip
    links = set()
    for page in range(1, 8):  # 25 mentions a page
        html = get(client, f"{serge.get_absolute_url()}?mentions_page={page}")
        links |= set(re.findall(r'class="passage" href="(/sources/\d+/\?paragraph=(\d+)#p\2)"', html))
    assert len(links) == 153
    for link, paragraph in sorted(links, key=lambda pair: int(pair[1]))[::10] + [
        max(links, key=lambda p: int(p[1]))
    ]:
        assert f'id="p{paragraph}"' in get(client, link.split("#")[0]), link
    # filtered by the person, the paragraph is found in the filtered list
    html = get(client, f"/sources/{source.pk}/?person={serge.pk}&paragraph=155")
    assert 'id="p155"' in html and "Page 2 of 2" in html


def grow(source, records, n):
    Mention.objects.bulk_create(
        Mention(source=source, start=10_000 + i * 10, end=10_005 + i * 10, surface=f"grown-{i}", snippet="…",
                paragraph=100 + i, status=STATUSES[i % 2], **{kind: records[kind]})
        for i in range(n)
        for kind in ["person", "organisation", "place", "work"][i % 4 : i % 4 + 1]
    )  # fmt: skip


@pytest.mark.parametrize(
    "query", ["", "?status=confirmed", "?person={person}", "?work={work}&status=machine&paragraph=150"]
)
def test_the_source_page_costs_the_same_queries_whatever_its_size(client, text, query):
    source, records = text
    url = f"/sources/{source.pk}/" + query.format(person=records["person"].pk, work=records["work"].pk)
    get(client, url)
    with CaptureQueriesContext(connection) as small:
        get(client, url)
    grow(source, records, 400)
    with CaptureQueriesContext(connection) as large:
        get(client, url)
    assert len(large) == len(small) <= 6
