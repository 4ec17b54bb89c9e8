"""Shared fixtures: users and clients, and a helper that turns an admin page's
form back into POST data. The factories and the small worlds are in
tests/factories.py; they are imported here so that every test can use them."""

import pytest
from django.test import Client

from .factories import (  # noqa: F401  (fixtures, found by name)
    api_curator,
    api_world,
    crowd,
    curator_api,
    make_organisation,
    make_person,
    make_place,
    make_source,
    make_work,
    reader,
    rel_type,
    token_api,
    world,
)

# ---------------------------------------------------------------- the cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache. Kept answers are keyed by the data's
    version (common/changes.py), and a test's rolled-back transaction can give the
    next test the same version over other rows: in production no reader sees a
    version that is later rolled back, in a test the writer reads its own."""
    from django.core.cache import caches

    for name in ("default", "representations"):
        caches[name].clear()
    yield


# ---------------------------------------------------------------- users, clients


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser(
        username="curator", email="curator@example.org", password="a-long-curator-password"
    )


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def anon_client():
    """A client of its own, so that it stays anonymous beside `curator_client`."""
    return Client()


# ---------------------------------------------------------------- admin forms


def _post_value(bound_field):
    value = bound_field.value()
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else None
    return str(value)


def _form_values(form):
    data = {}
    for bound_field in form:
        value = _post_value(bound_field)
        if value is not None:
            data[bound_field.html_name] = value
    return data


@pytest.fixture
def admin_form_data():
    """POST data reproducing what an admin add/change page currently shows (main
    form, and each inline formset with its existing rows), updated with `changes`."""

    def _data(response, **changes):
        data = _form_values(response.context["adminform"].form)
        for inline in response.context.get("inline_admin_formsets", []):
            formset = inline.formset
            data.update(_form_values(formset.management_form))
            data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
            for form in formset.initial_forms:
                data.update(_form_values(form))
        data.update(changes)
        return data

    return _data
