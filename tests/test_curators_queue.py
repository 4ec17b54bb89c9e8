"""The curators' queue, continued (issue 14): the recent changes by other curators on
the admin's front page and on a page of their own, who decided each distinct-records
statement and merge, and the evidence of events typed by hand."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import update_change_reason

from prosopography import curation, services
from prosopography.models import Citation, DistinctRecords, Event, MergeLog, Organisation, Person

from .factories import make, quick


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def other_curator(django_user_model):
    return django_user_model.objects.create_user(
        username="alice", password="a-long-password-123", is_staff=True
    )


def changed_by(user, record, reason=None, **values):
    """Change `record` as `user` would in the admin (the history knows who and why)."""
    for field, value in values.items():
        setattr(record, field, value)
    record._history_user = user
    record.save()
    if reason:
        update_change_reason(record, reason)
    return record


# ---------------------------------------------------------------- recent changes by others


def test_index_lists_recent_changes_by_others_with_who_what_when_why(
    curator_client, curator, other_curator, make_person
):
    serge = make_person("Victor Serge")
    changed_by(other_curator, serge, "The memoirs say so.", description="Writer.")
    changed_by(curator, make_person("Rirette Maîtrejean"), description="Mine.")  # one's own: left out
    page = curator_client.get(reverse("admin:index")).content.decode()
    assert 'id="recent-changes"' in page
    assert f'<a href="{admin_url(Person, "change", serge.pk)}">Victor Serge</a>' in page
    assert "alice" in page and "The memoirs say so." in page and "changed" in page
    assert "Rirette" not in page.split('id="recent-changes"')[1].split("</table>")[0]
    assert reverse("admin:prosopography_recent_changes") in page


def test_recent_changes_are_newest_first_across_kinds(curator, other_curator, make_person):
    serge = make_person("Victor Serge")
    changed_by(other_curator, serge, description="First.")
    party = quick(Organisation, name="Left Opposition")
    changed_by(other_curator, party, "Renamed.", name="The Left Opposition")
    changes = curation.recent_changes(curator)
    assert [c["record"] for c in changes] == ["The Left Opposition", "Victor Serge"]
    assert changes[0]["kind"] == "organisation" and changes[0]["reason"] == "Renamed."
    assert changes[0]["url"] == admin_url(Organisation, "change", party.pk)
    # A change by nobody signed in (loading the fixtures) is not a curator's.
    assert all(c["who"] == "alice" for c in changes)


def test_recent_changes_cost_the_same_whatever_the_history(
    curator_client, curator, other_curator, make_person, django_assert_max_num_queries
):
    few = [make_person(f"Person {i}") for i in range(3)]
    for person in few:
        changed_by(other_curator, person, description="x")
    curator_client.get(reverse("admin:index"))  # warm the content types and the queue's cache
    with CaptureQueriesContext(connection) as small:
        curator_client.get(reverse("admin:index"))
    small = len(small.captured_queries)  # counted now: the next request empties the log
    for i in range(40):
        changed_by(other_curator, make_person(f"Other {i}"), description="y")
        changed_by(other_curator, quick(Organisation, name=f"Group {i}"), description="z")
    curator_client.get(reverse("admin:index"))  # the queue's counts, kept per version of the data
    # one more kind of record among the changes: two more queries, no more
    with django_assert_max_num_queries(small + 2):
        response = curator_client.get(reverse("admin:index"))
    assert response.content.decode().count("<td>alice</td>") == curation.RECENT_ON_INDEX


def test_recent_changes_page_lists_more(
    curator_client, other_curator, make_person, django_assert_max_num_queries
):
    for i in range(15):
        changed_by(other_curator, make_person(f"Person {i}"), description="x")
    with django_assert_max_num_queries(12):
        response = curator_client.get(reverse("admin:prosopography_recent_changes"))
    assert response.status_code == 200
    assert len(response.context["changes"]) == 15


# ---------------------------------------------------------------- distinct records and merges


@pytest.fixture
def decisions(curator, other_curator, make_person):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge")
    services.merge(duplicate, survivor, user=other_curator, reason="Initials.")
    father, son = make_person("Vladimir Kibalchich"), make_person("Vlady Kibalchich", aliases=["Vlady"])
    services.mark_all_distinct([father, son], reason="Father and son.", user=other_curator)
    party, group = quick(Organisation, name="Left Opposition"), quick(Organisation, name="Left Group")
    services.mark_all_distinct([party, group], reason="Two groups.", user=curator)
    return {"survivor": survivor, "duplicate": duplicate, "father": father, "son": son, "party": party}


def test_distinct_records_show_who_decided_and_when(curator_client, decisions):
    pair = DistinctRecords.objects.get(first_id=decisions["father"].pk)
    assert pair.user.get_username() == "alice"
    response = curator_client.get(admin_url(DistinctRecords, "changelist"))
    page = response.content.decode()
    assert '<td class="field-decided_by">alice</td>' in page
    assert '<td class="field-decided_by">curator</td>' in page
    assert pair.created.strftime("%Y") in page


def test_distinct_records_filter_by_kind_and_search_by_name(
    curator_client, decisions, django_assert_max_num_queries
):
    url = admin_url(DistinctRecords, "changelist")
    kinds = dict(curator_client.get(url).context["cl"].get_filters(None)[0][0].lookup_choices)
    persons = ContentType.objects.get_for_model(Person).pk
    assert set(kinds.values()) == {"persons", "organisations"}
    only = curator_client.get(url, {"kind": persons}).context["cl"].result_list
    assert [p.first_id for p in only] == [decisions["father"].pk]
    # a name form of either record, accents and case ignored
    with django_assert_max_num_queries(12):
        found = curator_client.get(url, {"q": "VLADY"})
    assert [p.first_id for p in found.context["cl"].result_list] == [decisions["father"].pk]
    found = curator_client.get(url, {"q": "opposition"}).context["cl"].result_list
    assert [p.first_id for p in found] == [decisions["party"].pk]
    assert list(curator_client.get(url, {"q": "two groups"}).context["cl"].result_list) == list(found)


def test_merge_log_shows_who_and_filters_and_searches_by_name(curator_client, decisions):
    url = admin_url(MergeLog, "changelist")
    page = curator_client.get(url).content.decode()
    assert ">alice</td>" in page
    persons = ContentType.objects.get_for_model(Person).pk
    assert curator_client.get(url, {"kind": persons}).context["cl"].result_count == 1
    organisations = ContentType.objects.get_for_model(Organisation).pk
    assert curator_client.get(url, {"kind": organisations}).context["cl"].result_count == 0
    for query in ("V. Serge", "victor serge", "initials"):
        assert curator_client.get(url, {"q": query}).context["cl"].result_count == 1, query
    assert curator_client.get(url, {"q": "Kibalchich"}).context["cl"].result_count == 0


# ---------------------------------------------------------------- events and their citations


@pytest.fixture
def citation(make_source):
    source = make_source(length=200)
    return make(Citation, source=source, quote="Serge was arrested in January 1912", locator="p. 41")


@pytest.fixture
def cited_event(citation):
    event = make(Event, key="serge-arrest-1912", type="arrest", date="1912-01-31")
    event.citations.add(citation)
    return event


def test_event_page_shows_each_citation_as_a_curator_checks_it(
    curator_client, cited_event, make_source, django_assert_max_num_queries
):
    url = admin_url(Event, "change", cited_event.pk)
    curator_client.get(url)
    with CaptureQueriesContext(connection) as one:
        curator_client.get(url)
    one = len(one.captured_queries)
    for i in range(8):
        source = make_source(length=100)
        cited_event.citations.add(make(Citation, source=source, quote=f"Quote number {i}", locator=f"f. {i}"))
    with django_assert_max_num_queries(one):  # no query per citation
        response = curator_client.get(url)
    page = response.content.decode()
    assert "Citations (the passages that say so)" in page
    assert "“Serge was arrested in January 1912”" in page and "p. 41" in page
    assert "“Quote number 7”" in page and "f. 7" in page


def _event_citations(response):
    return next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.model is Event.citations.through
    )


def test_event_typed_without_citation_is_refused_and_with_one_accepted(
    curator_client, admin_form_data, citation
):
    url = admin_url(Event, "add")
    page = curator_client.get(url)
    values = {"key": "serge-exile-1933", "type": "exile", "date": "1933"}
    refused = curator_client.post(url, admin_form_data(page, **values))
    assert refused.status_code == 200
    assert _event_citations(refused).non_form_errors() == [curation.UNCITED_MESSAGE]
    assert not Event.objects.filter(key="serge-exile-1933").exists()
    prefix = _event_citations(page).prefix
    cited = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-citation": str(citation.pk)}
    accepted = curator_client.post(url, admin_form_data(page, **values, **cited))
    assert accepted.status_code == 302
    event = Event.objects.get(key="serge-exile-1933")
    assert list(event.citations.all()) == [citation]
    assert list(event.history.first().citations.values_list("citation_id", flat=True)) == [citation.pk]


def test_changing_an_events_date_keeps_a_citation(curator_client, admin_form_data, cited_event, citation):
    url = admin_url(Event, "change", cited_event.pk)
    page = curator_client.get(url)
    prefix = _event_citations(page).prefix
    # The date changed and the only citation removed: refused.
    refused = curator_client.post(url, admin_form_data(page, date="1912-02", **{f"{prefix}-0-DELETE": "on"}))
    assert refused.status_code == 200 and _event_citations(refused).non_form_errors()
    cited_event.refresh_from_db()
    assert cited_event.date == "1912-01-31" and cited_event.citations.count() == 1
    # The rank alone, without a citation, is not a new statement of fact.
    cited_event.citations.clear()
    page = curator_client.get(url)
    assert curator_client.post(url, admin_form_data(page, rank="preferred")).status_code == 302
    # The date, citing its passage: saved, in the history with the curator.
    page = curator_client.get(url)
    response = curator_client.post(
        url,
        admin_form_data(
            page, date="1912-02", **{f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-citation": str(citation.pk)}
        ),
    )
    assert response.status_code == 302
    cited_event.refresh_from_db()
    assert cited_event.date == "1912-02" and list(cited_event.citations.all()) == [citation]
    assert cited_event.history.first().history_user.get_username() == "curator"


def test_a_release_leaves_out_who_decided_but_keeps_the_name_in_the_reason(decisions):
    from dataset.release import table_csv

    text, schema = table_csv(DistinctRecords.objects.all())
    header = text.splitlines()[0].split(",")
    assert "user_id" not in header and "user_id" not in [f["name"] for f in schema["fields"]]
    assert "(recorded by alice)" in text
