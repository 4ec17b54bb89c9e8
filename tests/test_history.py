"""The history of every change (django-simple-history): who changed what through
the admin, the history page, and reverting to an earlier version."""

import datetime

import pytest
from django.urls import reverse

from prosopography.models import Alias, Citation, NameType, Person

HISTORY_URL = "admin:prosopography_person_history"
REVERT_URL = "admin:prosopography_person_simple_history"


@pytest.fixture
def serge(make_person):
    return make_person("Victor Serge", birth="1890", description="Writer.")


@pytest.fixture
def edited(serge, curator_client, admin_form_data, make_source):
    """Serge, after a curator corrected his date of birth and description in the admin
    (a date typed by hand comes with a cited reading of it: tests/test_curators.py)."""
    citation = Citation.objects.create(source=make_source(), quote="born on 30 December 1890")
    url = reverse("admin:prosopography_person_change", args=[serge.pk])
    page = curator_client.get(url)
    reading = {
        "claims-TOTAL_FORMS": "1",
        "claims-0-attribute": "birth_date",
        "claims-0-date": "1890-12-30",
        "claims-0-certainty": "certain",
        "claims-0-rank": "normal",
        "claims-0-citations": [str(citation.pk)],
    }
    response = curator_client.post(
        url,
        admin_form_data(page, birth="1890-12-30", description="Revolutionary, novelist, poet.", **reading),
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    serge.refresh_from_db()
    return serge


def test_admin_edit_records_who_changed_what(edited, curator):
    assert (edited.birth, edited.birth_lower) == ("1890-12-30", datetime.date(1890, 12, 30))
    assert edited.history.count() == 2
    change, creation = edited.history.all()
    assert change.history_type == "~"
    assert change.history_user == curator
    assert creation.history_user is None, "created outside any request"
    delta = change.diff_against(creation)
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert changes["birth"] == ("1890", "1890-12-30")
    assert changes["description"] == ("Writer.", "Revolutionary, novelist, poet.")
    assert "name" not in changes


def test_admin_inline_changes_are_recorded_with_the_user(serge, curator, curator_client, admin_form_data):
    url = reverse("admin:prosopography_person_change", args=[serge.pk])
    page = curator_client.get(url)
    curator_client.post(
        url,
        admin_form_data(
            page,
            **{
                "aliases-TOTAL_FORMS": "1",
                "aliases-0-name": "Le Rétif",
                "aliases-0-type": NameType.PSEUDONYM,
                "aliases-0-person": serge.pk,
            },
        ),
    )
    alias = Alias.objects.get(person=serge)
    assert alias.history.get().history_user == curator


def test_history_page_lists_the_change(edited, curator_client):
    response = curator_client.get(reverse(HISTORY_URL, args=[edited.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    records = list(response.context["page_obj"].object_list)
    assert [r.history_type for r in records] == ["~", "+"]
    assert "curator" in page
    for record in records:
        assert reverse(REVERT_URL, args=[edited.pk, record.history_id]) in page


def test_revert_through_the_admin_restores_the_earlier_version(
    edited, curator, curator_client, admin_form_data
):
    earliest = edited.history.earliest()
    url = reverse(REVERT_URL, args=[edited.pk, earliest.history_id])
    page = curator_client.get(url)
    assert page.status_code == 200
    assert page.context["adminform"].form["description"].value() == "Writer."

    # A revert says why (tests/test_curators.py checks the reason is kept).
    response = curator_client.post(url, admin_form_data(page, revert_reason="The day is not sourced."))
    assert response.status_code == 302

    edited.refresh_from_db()
    assert (edited.birth, edited.description) == ("1890", "Writer.")
    assert (edited.birth_lower, edited.birth_upper) == (
        datetime.date(1890, 1, 1),
        datetime.date(1890, 12, 31),
    )
    revert = edited.history.first()
    assert (revert.history_type, revert.history_user, revert.birth) == ("~", curator, "1890")
    assert edited.history.count() == 3, "a revert is itself a recorded change"


def test_revert_through_the_orm_restores_the_earlier_version(edited):
    edited.history.earliest().instance.save()
    person = Person.objects.get(pk=edited.pk)
    assert (person.birth, person.description) == ("1890", "Writer.")
    assert person.birth_lower == datetime.date(1890, 1, 1)
    assert person.history.count() == 3


def test_history_as_of_a_date(edited):
    creation = edited.history.earliest()
    then = edited.history.as_of(creation.history_date)
    assert then.description == "Writer."
    assert Person.history.as_of(creation.history_date).get(pk=edited.pk).birth == "1890"


def test_anonymous_users_cannot_see_history(edited, anon_client):
    for url in (
        reverse(HISTORY_URL, args=[edited.pk]),
        reverse(REVERT_URL, args=[edited.pk, edited.history.earliest().history_id]),
    ):
        response = anon_client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
