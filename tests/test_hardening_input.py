"""Hostile input is a clear 4xx in JSON under /api/ (issue 19).

Before: a body of 5,000 or 100,000 nested brackets answered 500 (RecursionError), an
oversized JSON body Django's HTML 400, a 10 MB multipart body was accepted, and a
birth date of Y-99999999999 was stored.
"""

import datetime

import pytest
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from common import dates
from common.api.parsers import MAX_DEPTH, nesting_depth
from config.urls import failed, refused
from prosopography.models import Person

API = "/api/v1"


def _post(client, body, content_type="application/json", path=f"{API}/persons/"):
    return client.generic("POST", path, body, content_type=content_type)


def _is_json_error(response, status):
    return (
        response.status_code == status
        and response["Content-Type"].startswith("application/json")
        and "detail" in response.json()
    )


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 5_000, 100_000])
def test_deeply_nested_json_answers_400(curator_api, db, levels):  # noqa: F811
    body = '{"name": "X", "description": ' + "[" * levels + "]" * levels + "}"
    response = _post(curator_api, body)
    assert _is_json_error(response, 400)
    assert "nests deeper" in response.json()["detail"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert nesting_depth(b'{"a": "[[[[{{{{\\"]]]", "b": [[1]]}') == 3


def test_ordinary_nesting_is_read(curator_api, db):  # noqa: F811
    response = _post(curator_api, '{"name": "Liuba Russakova", "birth": "1898?"}')
    assert response.status_code == 201


def test_an_oversized_json_body_answers_413_in_json(curator_api, db, settings):  # noqa: F811
    body = '{"name": "X", "description": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    assert _is_json_error(_post(curator_api, body), 413)
    assert not Person.objects.filter(name="X").exists()


def test_an_oversized_multipart_body_answers_413(curator_api, db, settings):  # noqa: F811
    # Before, a 10 MB multipart body was read (its file parts are not held to the limit).
    big = b"0" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 2)
    body = encode_multipart(BOUNDARY, {"name": "X", "file": SimpleUploadedFile("big.bin", big)})
    response = curator_api.generic("POST", f"{API}/persons/", body, content_type=MULTIPART_CONTENT)
    assert _is_json_error(response, 413)


def test_a_body_without_content_length_is_held_to_the_limit(settings):
    from io import BytesIO

    from rest_framework.exceptions import APIException

    from common.api.parsers import LimitedJSONParser

    with pytest.raises(APIException) as refused_:
        LimitedJSONParser().parse(BytesIO(b'"' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + b'"'))
    assert refused_.value.status_code == 413


@pytest.mark.parametrize(
    "body, content_type",
    [
        ('{"name": "X",', "application/json"),
        ("NaN", "application/json"),
        ('{"name": "\xe9"}'.encode("latin-1"), "application/json"),
        ('{"name": "X"}'.encode("utf-16"), "application/json; charset=utf-8"),
    ],
)
def test_malformed_or_wrongly_encoded_bodies_answer_400_in_json(curator_api, db, body, content_type):  # noqa: F811
    assert _is_json_error(_post(curator_api, body, content_type), 400)


def test_requests_refused_before_any_view_answer_json_under_the_api():
    factory = RequestFactory()
    too_big = refused(factory.post(f"{API}/persons/"), RequestDataTooBig("too big"))
    assert (too_big.status_code, too_big["Content-Type"]) == (413, "application/json")
    assert refused(factory.get(f"{API}/persons/"), Exception()).status_code == 400
    assert failed(factory.get(f"{API}/persons/"))["Content-Type"] == "application/json"
    assert failed(factory.get("/persons/"))["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("value", ["Y-99999999999", "Y170000002", "Y-10000"])
def test_edtf_years_beyond_9999_are_refused(value):
    with pytest.raises(ValidationError, match="outside -9999 to 9999"):
        dates.validate_edtf(value)


@pytest.mark.parametrize("value", ["-0500", "1912?/1913~", "1936/..", "193X", "9999"])
def test_edtf_years_within_the_range_are_kept(value):
    dates.validate_edtf(value)


@pytest.mark.parametrize("value", ["1900-02-29", "1900-02-29?/", "1933-04-31/1934", "[1912-02-30,1913]"])
def test_days_no_calendar_has_are_refused(value):
    """Found by the fast path's comparison with the library: the library took some
    of these, then crashed computing their bounds (a 500 on save)."""
    with pytest.raises(ValidationError, match="not a valid EDTF date"):
        dates.validate_edtf(value)


def test_a_leap_day_is_a_day(db):
    dates.validate_edtf("1904-02-29")
    assert dates.bounds("1904-02-29?/1905") == (datetime.date(1904, 2, 29), datetime.date(1905, 12, 31))


def test_an_api_write_of_an_absurd_year_answers_400(curator_api, db):  # noqa: F811
    response = _post(curator_api, '{"name": "X", "birth": "Y-99999999999"}')
    assert response.status_code == 400
    assert "outside -9999 to 9999" in str(response.json()["birth"])
