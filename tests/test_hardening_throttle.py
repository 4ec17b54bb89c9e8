"""A rate limit that limits (issue 19).

Before: a spoofed X-Forwarded-For got 300 of 300 requests served while the same
client without it got 429 (DRF took the client-supplied header as the identity);
counts were per worker process; reader pages had no limit; the admin login let 100
wrong passwords through in 71 s.
"""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from common.throttling import AnonymousClientThrottle, ReaderPageThrottle

API_ROOT = "/api/v1/"


@pytest.fixture
def tight(monkeypatch):
    """Three requests a minute, counted afresh."""
    monkeypatch.setattr(AnonymousClientThrottle, "rate", "3/minute", raising=False)
    monkeypatch.setattr(ReaderPageThrottle, "rate", "3/minute", raising=False)
    cache.clear()
    yield
    cache.clear()


def _statuses(client, path, n, **headers):
    return [client.get(path, **headers).status_code for _ in range(n)]


@pytest.mark.parametrize("path", [API_ROOT, "/search/?q=serge"])
def test_a_spoofed_x_forwarded_for_does_not_reset_the_limit(client, db, tight, path):
    assert _statuses(client, path, 3) == [200, 200, 200]
    spoofed = [
        client.get(path, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 192.0.2.{i}").status_code for i in range(5)
    ]
    assert spoofed == [429] * 5
    assert client.get(path)["Retry-After"]


def test_behind_a_trusted_proxy_the_address_it_reports_is_the_client(client, db, tight):
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}):
        # The proxy appends the address it saw; what the client wrote before it is ignored.
        first = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.1"}
        other = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.2"}
        assert _statuses(client, API_ROOT, 4, **first) == [200, 200, 200, 429]
        assert _statuses(client, API_ROOT, 1, **{"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1"}) == [429]
        assert _statuses(client, API_ROOT, 1, **other) == [200]


def test_heavy_reader_pages_are_limited_but_light_ones_are_not(client, db, tight):
    assert _statuses(client, "/search/?q=serge", 4)[-1] == 429
    assert _statuses(client, "/persons/", 5) == [200] * 5


def test_signed_in_curators_are_not_limited_on_pages(curator_client, tight):
    assert _statuses(curator_client, "/search/?q=serge", 5) == [200] * 5


def test_the_admin_login_locks_out_an_address_after_repeated_failures(client, curator):
    wrong = {"username": "curator", "password": "not-the-password"}
    statuses = [client.post("/admin/login/", wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert 429 not in statuses[:-1]
    # Locked out: even the right password is refused now.
    right = {"username": "curator", "password": "a-long-curator-password"}
    assert client.post("/admin/login/", right).status_code == 429


COUNT = """
import django, sys
django.setup()
from django.test import Client
client = Client()
print(",".join(str(client.get("/api/v1/").status_code) for _ in range(int(sys.argv[1]))))
"""


def _redis_answers():
    try:
        import redis

        return redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_timeout=1).ping()
    except Exception:  # noqa: BLE001 (any failure: no Redis here)
        return False


@pytest.mark.slow
def test_two_processes_share_the_count_through_redis(tmp_path):
    if not _redis_answers():
        pytest.skip("no Redis answers on 127.0.0.1:6379")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SERGE_CACHE_PREFIX": f"test-{uuid.uuid4().hex}",  # a count of this test's own
        "SERGE_ANON_RATE": "10/minute",
    }

    def run(n):
        result = subprocess.run(
            [sys.executable, "-c", COUNT, str(n)],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return [int(s) for s in result.stdout.strip().splitlines()[-1].split(",")]

    assert run(6) == [200] * 6
    assert run(6) == [200] * 4 + [429] * 2  # the second process continues the first's count


# ---------------------------------------------------------------- requests in flight


@override_settings(HEAVY_READS_IN_FLIGHT=2)
def test_a_client_with_heavy_reads_in_flight_waits_and_others_do_not(client, api_world):
    """While a client already runs two heavy reads (its count in the shared cache,
    as concurrent requests leave it), its third answers 429 at once; another client
    and the light reads are served; and the count comes back down after each read."""
    cache.clear()
    serge = api_world["serge"].pk
    network = f"{API_ROOT}persons/{serge}/network/"
    assert client.get(network).status_code == 200
    assert cache.get("in-flight:127.0.0.1") == 0, "a finished read no longer counts"

    cache.set("in-flight:127.0.0.1", 2)  # two reads of this client still running
    refused = client.get(network)
    assert refused.status_code == 429 and refused["Retry-After"] == "1"
    assert "at once" in refused.json()["detail"]
    assert client.get("/search/?q=serge").status_code == 429
    assert client.get(f"{API_ROOT}works/").status_code == 200, "light reads are not limited"
    assert client.get(network, REMOTE_ADDR="10.0.0.9").status_code == 200, "other readers are served"
    bogus = client.get(network, HTTP_AUTHORIZATION="Token not-a-token")
    assert bogus.status_code in (401, 403), "a token is checked before any heavy work"
    assert cache.get("in-flight:127.0.0.1") == 2, "a refused read does not count"

    cache.set("in-flight:127.0.0.1", 1)
    assert client.get(network).status_code == 200
    cache.clear()


def test_the_in_flight_count_comes_down_when_a_read_fails(client, api_world, monkeypatch):
    from prosopography.api import network

    cache.clear()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the network")

    monkeypatch.setattr(network.PersonNetworkView, "get", broken)
    client.raise_request_exception = False
    assert client.get(f"{API_ROOT}persons/{api_world['serge'].pk}/network/").status_code == 500
    assert cache.get("in-flight:127.0.0.1") == 0
