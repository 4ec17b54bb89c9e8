"""/releases/ lists the releases written by `manage.py release`, with their files,
sizes and checksums, and serves the files they list (and nothing else)."""

import hashlib
import io

import pytest
from django.core.management import call_command


@pytest.fixture
def published(api_world, tmp_path, settings):
    settings.RELEASES_DIR = tmp_path
    call_command(
        "release", "2026.1", "--into", str(tmp_path), "--base-url", "https://s.example", stdout=io.StringIO()
    )
    (tmp_path / "2026.1" / "secret.txt").write_text("not part of the release")
    return tmp_path / "2026.1"


def test_the_page_lists_each_release_with_sizes_and_checksums(client, published):
    response = client.get("/releases/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Release 2026.1" in page
    digest = hashlib.sha256((published / "data" / "persons.csv").read_bytes()).hexdigest()
    assert digest in page
    assert "/releases/2026.1/data/persons.csv" in page
    assert "secret.txt" not in page


def test_a_listed_file_is_served_as_written(client, published):
    response = client.get("/releases/2026.1/CITATION.cff")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (published / "CITATION.cff").read_bytes()


@pytest.mark.parametrize(
    "path",
    ["/releases/2026.1/secret.txt", "/releases/2026.1/../2026.1/README.md", "/releases/none/README.md"],
)
def test_nothing_else_is_served(client, published, path):
    assert client.get(path).status_code == 404


def test_no_release_yet(client, db, tmp_path, settings):
    settings.RELEASES_DIR = tmp_path / "none"
    response = client.get("/releases/")
    assert response.status_code == 200
    assert "No release has been published yet." in response.content.decode()
