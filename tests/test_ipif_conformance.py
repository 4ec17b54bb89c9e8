"""Conformance to the published IPIF specification, checked by schemathesis.

The vendored spec (vendor/specs/ipif/, as published upstream: its schemas, not this
project's own description of them) drives requests to every GET operation under
/ipif/ (the base path a client configures in place of the spec's example servers),
in-process over WSGI, on the small world of ipif_world.py; every answer is held to
the spec: documented status, content type, and body schema. Path ids are mostly made
to name records that exist, so that the detail shapes are checked, not only 404s.

A negative control shows that the same check fails on an answer that does not
conform, so that a passing run means something. The run is deterministic and bounded.
"""

import logging
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import JsonSchemaError

from . import ipif_world as world_module

ipif_world = world_module.ipif_world  # the fixture

SPEC = Path(django_settings.BASE_DIR) / "vendor" / "specs" / "ipif" / "prosopogrAPhI.yaml"
EXAMPLES = 15  # per operation, in the fuzzing phase

_django = get_wsgi_application()


def in_test_transaction(environ, start_response):
    """Django's WSGI handler without closing the connection after each request (the
    test runs in one transaction), as tests/test_api_schemathesis.py does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = _django(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def existing_ids(world):
    """For each resource, local ids and IRIs of records of the small world."""
    w = world
    base = "http://localhost"
    return {
        "persons": [
            str(w["serge"].pk),
            f"{base}/persons/{w['rirette'].pk}/",
            "https://www.wikidata.org/wiki/Q380393",
        ],
        "sources": [str(w["police"].pk), f"work-{w['work'].pk}", f"{base}/sources/{w['memoirs'].pk}/"],
        "statements": [
            f"claim-{w['birth_1891'].pk}",
            f"relationship-{w['relationship'].pk}",
            f"name-{w['pseudonym'].pk}",
            f"membership-{w['membership'].pk}",
            f"participation-{w['participation'].pk}",
            f"credit-{w['credit'].pk}",
        ],
        "factoids": [f"c{w['file'].pk}-p{w['serge'].pk}", f"w{w['work'].pk}-p{w['serge'].pk}"],
    }


def load_schema(world):
    config = {
        "seed": 1890,
        "base-url": "http://localhost/ipif",
        "generation": {"deterministic": True, "max-examples": EXAMPLES, "allow-extra-parameters": False},
        "phases": {"stateful": {"enabled": False}},
        "checks": {
            # The spec's parameters are all plain strings or integers: it cannot say that a
            # size is positive, that `from` is a date, that a sortBy names a property. Those
            # are refused with the spec's 400 (BadRequestError), which the other checks hold
            # to the Error schema; asking every allowed value to succeed would deny that.
            "positive_data_acceptance": {"enabled": False},
        },
    }
    schema = schemathesis.openapi.from_path(SPEC, config=SchemathesisConfig.from_dict(config))
    schema.app = in_test_transaction
    ids = existing_ids(world)

    @schema.hook
    def map_case(context, case):
        # Three generated ids in four are made to name a record (chosen by the value, so
        # the run stays deterministic); the fourth is kept, and mostly names nothing.
        resource = context.operation.path.split("/")[1]
        if case.path_parameters and "id" in case.path_parameters and resource in ids:
            value = str(case.path_parameters["id"])
            choices = ids[resource]
            number = sum(map(ord, value))
            if number % 4 != 3:
                case.path_parameters["id"] = choices[number % len(choices)]
        return case

    return schema


@pytest.fixture
def ipif_schema(ipif_world):  # noqa: F811
    return load_schema(ipif_world)


@pytest.fixture(autouse=True)
def quiet_client_errors(caplog):
    caplog.set_level(logging.ERROR, logger="django.request")


RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.slow
@schemathesis.pytest.from_fixture("ipif_schema").include(method="GET").parametrize()
@RUN
def test_ipif_reads_answer_as_the_published_spec_says(case):
    assert case.path.startswith("/")
    response = case.call_and_validate()
    assert response.request.url.startswith("http://localhost/ipif/")


def violates_schema(group):
    return any(isinstance(failure, JsonSchemaError) for failure in group.exceptions)


def test_the_check_fails_on_an_answer_that_does_not_conform(ipif_world, monkeypatch):
    """Negative control: a /describe without its required complianceLevel, and a
    statement list whose dates are date-times, are both caught."""
    from ipif import views

    schema = load_schema(ipif_world)
    original = views.Describe.get

    def broken_describe(self, request):
        response = original(self, request)
        response.content = b'{"description": "no compliance level"}'
        return response

    monkeypatch.setattr(views.Describe, "get", broken_describe)
    case = schema["/describe"]["GET"].Case()
    with pytest.raises(FailureGroup) as caught:
        case.call_and_validate()
    assert violates_schema(caught.value)

    def broken_statements(self, keys):
        return [{"@id": "x", "factoid-refs": [], "createdWhen": "2024-01-01T00:00:00Z"}]

    monkeypatch.setattr(views.IpifView, "statements", broken_statements)
    case = schema["/statements"]["GET"].Case(query={"size": 1})
    with pytest.raises(FailureGroup) as caught:
        case.call_and_validate()
    assert violates_schema(caught.value)
    # And the same answers, unbroken, pass (the broken ones were kept in the cache:
    # the code changed under unchanged data, which only a test does).
    monkeypatch.undo()
    caches["representations"].clear()
    schema["/describe"]["GET"].Case().call_and_validate()
    schema["/statements"]["GET"].Case(query={"size": 1}).call_and_validate()
