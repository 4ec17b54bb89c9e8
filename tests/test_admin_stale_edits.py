"""Two curators on one record in the admin: the second save of a form opened on the
same version is refused with who changed what, and nothing of it is saved."""

from django.contrib.auth import get_user_model
from django.test import Client

from bibliography.models import Work
from prosopography.models import Person

from .test_admin import admin_url


def _colleague():
    """A second curator, logged in on a browser of their own."""
    other = get_user_model().objects.create_superuser("colleague", "c@example.org", "a-long-password")
    client = Client()
    client.force_login(other)
    return client


def test_second_save_of_the_same_version_is_refused(curator_client, admin_form_data, make_person):
    person = make_person("Victor Serge", description="novelist")
    mine = curator_client.get(admin_url(Person, "change", person.pk))
    colleague = _colleague()
    theirs = colleague.get(admin_url(Person, "change", person.pk))

    first = colleague.post(
        admin_url(Person, "change", person.pk),
        admin_form_data(theirs, description="revolutionary and novelist"),
    )
    assert first.status_code == 302

    second = curator_client.post(
        admin_url(Person, "change", person.pk), admin_form_data(mine, description="anarchist")
    )
    assert second.status_code == 200, "the form comes back with an error"
    errors = " ".join(second.context["adminform"].form.non_field_errors())
    assert "changed after you opened it" in errors
    assert "colleague" in errors and "description" in errors
    person.refresh_from_db()
    assert person.description == "revolutionary and novelist", "the first save stands"


def test_a_fresh_form_saves_and_a_form_without_version_is_refused(
    curator_client, admin_form_data, make_person
):
    person = make_person("Victor Serge")
    page = curator_client.get(admin_url(Person, "change", person.pk))
    data = admin_form_data(page, description="novelist")
    assert data["opened_version"], "the change form carries the version it was opened on"

    forged = {key: value for key, value in data.items() if key != "opened_version"}
    refused = curator_client.post(admin_url(Person, "change", person.pk), forged)
    assert refused.status_code == 200
    person.refresh_from_db()
    assert person.description == ""

    saved = curator_client.post(admin_url(Person, "change", person.pk), data)
    assert saved.status_code == 302
    person.refresh_from_db()
    assert person.description == "novelist"


def test_works_are_guarded_too(curator_client, admin_form_data, db):
    work = Work.objects.create(title="Midnight in the Century")
    page = curator_client.get(admin_url(Work, "change", work.pk))
    data = admin_form_data(page, title="S'il est minuit dans le siècle")
    Work.objects.filter(pk=work.pk).update(title="Changed elsewhere")  # no history: plain notice
    Work.objects.get(pk=work.pk).save()
    response = curator_client.post(admin_url(Work, "change", work.pk), data)
    assert response.status_code == 200
    assert "changed after you opened it" in " ".join(response.context["adminform"].form.non_field_errors())
    assert Work.objects.get(pk=work.pk).title == "Changed elsewhere"
