"""Property-based tests of the whole API from its own OpenAPI schema (schemathesis).

The schema is fetched from the Django application in-process (WSGI, no server),
over a small real world (tests/factories.py), and schemathesis generates
requests for every operation: valid and invalid query strings, ids of records
that exist and of records that do not, bodies that should be accepted and bodies
that must be refused. No answer may be a server error, and each must be what the
schema says: a documented status code and content type, a body of the documented
shape. Anonymous readers GET; a curator, with a token, writes.

Ids in paths, filters and bodies are mostly mapped onto records that exist, so that
requests get past the 404 to the code behind it. What the run does not ask of the
API, and why, is said where the run is configured (load_schema) and in the writes'
test. The run is deterministic (derandomized, fixed seed) and bounded: a fixed
number of examples per operation.
"""

import logging

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection

from bibliography.models import Contribution, Edition, Periodical, Work
from prosopography.models import (
    Alias,
    Citation,
    Event,
    Membership,
    Mention,
    Organisation,
    Person,
    Place,
    Relationship,
    Source,
)

pytestmark = pytest.mark.slow  # minutes: run by scripts/test.sh, left out of `pytest -m "not slow"`

EXAMPLES = 12  # per operation, in the fuzzing phase; the coverage phase adds its own
FORMS = {"multipart/form-data", "application/x-www-form-urlencoded"}

_django = get_wsgi_application()


def in_test_transaction(environ, start_response):
    """Django's WSGI handler, minus closing the database connection at the end of
    each request (as Django's own test client does): the test runs inside one
    transaction, which closing would abort."""
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


# ---------------------------------------------------------------- ids that exist, sometimes

RESOURCES = {  # the first segment of a path after /api/v1/ -> the model its {id} names
    "persons": Person,
    "names": Alias,
    "organisations": Organisation,
    "places": Place,
    "events": Event,
    "relationships": Relationship,
    "memberships": Membership,
    "sources": Source,
    "mentions": Mention,
    "works": Work,
    "editions": Edition,
    "periodicals": Periodical,
    "contributions": Contribution,
}
REFERENCES = {  # a body field or query filter -> the model whose id it holds
    "person": Person,
    "subject": Person,
    "object": Person,
    "about": Person,
    "organisation": Organisation,
    "publisher": Organisation,
    "place": Place,
    "birth_place": Place,
    "death_place": Place,
    "within": Place,
    "work": Work,
    "edition": Edition,
    "translation_of": Edition,
    "periodical": Periodical,
    "citations": Citation,
    "source": Source,
}
MANY_REFERENCES = {"about", "citations"}


def model_of(context):
    return RESOURCES.get(context.operation.path.split("/")[3])


def with_existing_ids(schema):
    """Three generated ids in four are made to name a record of the world (chosen by
    the number, so the run stays deterministic); the fourth keeps the generated id,
    which mostly names nothing."""
    ids = {
        model: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in {*RESOURCES.values(), *REFERENCES.values()}
    }

    def existing(model, number):
        if isinstance(number, bool) or not isinstance(number, int) or number % 4 == 3 or not ids[model]:
            return number
        return ids[model][number % len(ids[model])]

    def with_references(values):
        # Ids in a body or query string, where the schema has them (a list where it wants
        # a list): a value of the wrong shape is left as generated, so that it stays wrong
        # in a form too, where one id and a list of one id read the same.
        if isinstance(values, dict):
            for field, model in REFERENCES.items():
                value = values.get(field)
                if field in MANY_REFERENCES and isinstance(value, list):
                    values[field] = [existing(model, item) for item in value]
                elif field not in MANY_REFERENCES and field in values:
                    values[field] = existing(model, value)
        return values

    # On the whole case, so that the coverage phase's cases (which name id 0) get them too.
    @schema.hook
    def map_case(context, case):
        model = model_of(context)
        if model and case.path_parameters and "id" in case.path_parameters:
            value = case.path_parameters["id"]
            if isinstance(value, str) and value.isdigit():  # as the coverage phase gives it
                case.path_parameters["id"] = str(existing(model, int(value)))
            else:
                case.path_parameters["id"] = existing(model, value)
        with_references(case.query)
        with_references(case.body)
        return case

    @schema.hook
    def filter_case(context, case):
        # The coverage phase walks every property of a body with each kind of wrong value,
        # and would walk it again for each form encoding, and for PUT, whose body is POST's:
        # it walks JSON bodies, of POST and PATCH. (Fuzzing sends all of them.) For time.
        return not (
            case.meta
            and case.meta.phase.name == "coverage"
            and (case.media_type in FORMS or case.method == "PUT")
        )

    return schema


# ---------------------------------------------------------------- the runs


def load_schema(auth=None):
    config = {
        "seed": 1890,
        # No made-up query parameters or body fields: the API ignores those it does not
        # know, as web servers do (?utm_source=...), and the schema does not forbid them.
        "generation": {"deterministic": True, "max-examples": EXAMPLES, "allow-extra-parameters": False},
        "phases": {"stateful": {"enabled": False}},
        "checks": {
            # Every check runs but this one, which expects any request the schema allows
            # to succeed. The schema cannot say everything the server checks: that an id
            # names a record that exists, that a string is an EDTF date or a day that
            # exists, that a death comes after the birth, that a credit names a work or an
            # edition. Such requests are refused with a documented 400 and its messages,
            # which the other checks hold to the schema.
            "positive_data_acceptance": {"enabled": False},
            # A merged record's URLs answer 301 to the survivor's whatever the query string
            # says: that neither takes nor refuses it; the survivor's URL does.
            "negative_data_rejection": {
                "expected-statuses": [
                    "301",
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "415",
                    "422",
                    "428",
                    "429",
                    "5xx",
                ]
            },
        },
        # A page size the API cannot use is ignored, never an error, by design (see
        # test_page_size_is_clamped_to_500_never_an_error): refusing one is not asked of it.
        # So the size is fixed, and small, which also makes lists run to several pages.
        "parameters": {"query.page_size": 2},
    }
    if auth:
        config["auth"] = {"openapi": auth}
    return with_existing_ids(
        schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json", in_test_transaction, config=SchemathesisConfig.from_dict(config)
        )
    )


@pytest.fixture
def reader_schema(api_world):  # noqa: F811
    return load_schema()


@pytest.fixture
def curator_schema(api_world, api_curator):  # noqa: F811
    token = Token.objects.create(user=api_curator)
    # The schema's own security scheme, so that schemathesis knows the credentials
    # are there (and tries the operation without them too, expecting 403).
    return load_schema(auth={"tokenAuth": {"api_key": f"Token {token.key}"}})


@pytest.fixture(autouse=True)
def quiet_client_errors(caplog):
    """Thousands of 4xx answers are expected: Django's warning for each is not news.
    Server errors are still logged (and fail the run)."""
    caplog.set_level(logging.ERROR, logger="django.request")


RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schemathesis.pytest.from_fixture("reader_schema").include(method="GET").parametrize()
@RUN
def test_reads_answer_as_the_schema_says(case):
    cache.clear()  # the anonymous rate limit counts in the cache: each request starts afresh
    case.call_and_validate()


@pytest.fixture
def auth_enforced():
    """The operations found to refuse a write without the token or with a wrong one."""
    return set()


@schemathesis.pytest.from_fixture("curator_schema").exclude(method="GET").parametrize()
@RUN
def test_curators_writes_answer_as_the_schema_says(case, auth_enforced):
    cache.clear()  # probes without the token are anonymous
    excluded = []
    # A form body (the browsable API's) is held to every check but the refusal of bad
    # data: in a form an empty optional field reads as not sent (DRF's rules for HTML
    # forms, which a JSON schema cannot state), and the test transport sends some empty
    # values as file parts, which the server reads as absent. JSON bodies get them all.
    if case.media_type in FORMS:
        excluded.append(negative_data_rejection)
    # Whether an operation demands the token is tried (by sending the write again without
    # it, and with a wrong one) after its first success only, as schemathesis's own runner
    # does; the pytest plugin would try again after every success.
    if case.operation.label in auth_enforced:
        excluded.append(ignored_auth)
    # Writes are conditional (428 without If-Match): send the ETag of the record as it
    # stands, as a client that has just read it would. `If-Match: *` would be refused.
    if case.method in ("PUT", "PATCH"):
        # (On the host schemathesis calls: a record without a change time has an ETag
        # computed from its representation, whose links name the host.)
        etag = Client(HTTP_HOST="localhost").get(case.formatted_path).get("ETag")
        if etag:
            case.headers = {**(case.headers or {}), "If-Match": etag}
    response = case.call_and_validate(excluded_checks=excluded)
    if 200 <= response.status_code < 300:
        auth_enforced.add(case.operation.label)
