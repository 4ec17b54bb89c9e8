"""Seen and secured (issue 19): a Content-Security-Policy and the security headers
on every page, templates without inline script, a request id on every answer and in
the error log, server errors logged as JSON lines."""

import io
import json
import logging
import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from common.logging import JSONFormatter, RequestIdFilter
from config.urls import failed


def _pages(api_world):  # noqa: F811
    serge = api_world["serge"]
    return [
        "/",
        "/persons/",
        serge.get_absolute_url(),
        f"{serge.get_absolute_url()}network/",
        "/search/?q=serge",
        api_world["memoirs"].get_absolute_url(),
        "/admin/login/",
        "/api/v1/",
        "/api/v1/docs/",
        f"/api/v1/persons/{serge.pk}/",
        "/no-such-page/",
    ]


def test_every_page_carries_the_csp_and_the_security_headers(client, api_world):  # noqa: F811
    for url in _pages(api_world):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url


def test_redoc_alone_gets_its_inline_start_up_script(client, db):
    assert "unsafe-inline" in client.get("/api/v1/redoc/")["Content-Security-Policy"]


def test_https_answers_carry_hsts_under_the_production_settings(client, db):
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
_INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_templates_hold_no_inline_script_or_style():
    offenders = []
    for template in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = template.read_text()
        for pattern in (_INLINE_SCRIPT, _INLINE_HANDLER, re.compile(r"<style|\sstyle=", re.I)):
            offenders += [f"{template.name}: {m.group()}" for m in pattern.finditer(text)]
        offenders += [f"{template.name}: javascript: URL" for _ in re.finditer("javascript:", text, re.I)]
    assert not offenders


def test_every_answer_has_a_request_id(client, db):
    first, second = client.get("/api/v1/")["X-Request-ID"], client.get("/api/v1/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second
    assert client.get("/api/v1/", HTTP_X_REQUEST_ID="proxy-1234abcd")["X-Request-ID"] == "proxy-1234abcd"
    hostile = client.get("/api/v1/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", hostile)


# A URL configuration of this module's own, with a view that fails.
def boom(request):
    raise RuntimeError("the view failed")


urlpatterns = [path("api/boom/", boom), path("boom/", boom), path("fine/", lambda r: HttpResponse("ok"))]
handler500 = failed


@pytest.fixture
def error_log():
    """What django.request logs, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_logged_as_json_with_the_request_id(db, error_log):
    response = Client(raise_request_exception=False).get("/api/boom/", HTTP_X_REQUEST_ID="req-0123456789")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response["X-Request-ID"] == "req-0123456789"
    entry = json.loads(error_log.getvalue().strip().splitlines()[-1])
    assert entry["level"] == "ERROR" and entry["status"] == 500
    assert (entry["request_id"], entry["path"], entry["method"]) == ("req-0123456789", "/api/boom/", "GET")
    assert "RuntimeError: the view failed" in entry["exception"]


def test_the_production_settings_log_to_stderr_as_json():
    from common.logging import LOGGING

    assert LOGGING["handlers"]["stderr"]["stream"] == "ext://sys.stderr"
    assert LOGGING["formatters"]["json"]["()"] == "common.logging.JSONFormatter"
    assert "stderr" in LOGGING["loggers"]["django"]["handlers"]
