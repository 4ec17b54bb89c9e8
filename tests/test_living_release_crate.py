"""A release holds the JSON-LD of every record (the nodes the pages embed) and an
RO-Crate 1.1 metadata file listing every file with its format and size
(dataset/jsonld.py, dataset/release.py `ro_crate`)."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from bibliography.models import Work
from prosopography.models import Organisation, Person, Place

BASE = "https://serge.example.org"
CRATE_CONTEXT = "https://w3id.org/ro/crate/1.1/context"


def release(into, version="2026.1"):
    call_command("release", version, "--into", str(into), "--base-url", BASE, stdout=io.StringIO())
    return Path(into) / version


def graph(root, name):
    document = json.loads((root / name).read_text(encoding="utf-8"))
    assert document["@context"]["@vocab"] == "https://schema.org/"
    return {node["@id"]: node for node in document["@graph"]}


def page_node(client, settings, url):
    """The JSON-LD a record's page gives, under the release's public address."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "serge.example.org"]
    response = client.get(url, {"format": "jsonld"}, HTTP_HOST="serge.example.org", secure=True)
    assert response.status_code == 200
    node = json.loads(response.content)
    node.pop("@context")
    return node


def test_the_release_holds_the_json_ld_of_every_current_record(api_world, tmp_path):
    root = release(tmp_path)
    persons = graph(root, "persons.jsonld")
    assert {n["identifier"] for n in persons.values()} == {
        str(pk) for pk in Person.objects.current().values_list("pk", flat=True)
    }
    assert all(n["@type"] == "Person" for n in persons.values())
    assert {n["identifier"] for n in graph(root, "organisations.jsonld").values()} == {
        str(pk) for pk in Organisation.objects.current().values_list("pk", flat=True)
    }
    assert {n["identifier"] for n in graph(root, "works.jsonld").values()} == {
        str(pk) for pk in Work.objects.current().values_list("pk", flat=True)
    }
    places = graph(root, "places.jsonld")
    assert len(places) == Place.objects.count()
    assert all(node["@id"].startswith(f"{BASE}/places/") for node in places.values())


def test_a_node_is_the_one_the_record_page_gives(api_world, tmp_path, client, settings):
    root = release(tmp_path)
    serge = Person.objects.get(name="Victor Serge")
    url = BASE + serge.get_absolute_url()
    assert graph(root, "persons.jsonld")[url] == page_node(client, settings, serge.get_absolute_url())
    work = Work.objects.current().filter(editions__isnull=False).first()
    url = BASE + work.get_absolute_url()
    assert graph(root, "works.jsonld")[url] == page_node(client, settings, work.get_absolute_url())
    organisation = Organisation.objects.current().first()
    url = BASE + organisation.get_absolute_url()
    assert graph(root, "organisations.jsonld")[url] == page_node(
        client, settings, organisation.get_absolute_url()
    )
    place = Place.objects.filter(within__isnull=False).first() or Place.objects.first()
    url = BASE + place.get_absolute_url()
    assert graph(root, "places.jsonld")[url] == page_node(client, settings, place.get_absolute_url())


def crate(root):
    return json.loads((root / "ro-crate-metadata.json").read_text(encoding="utf-8"))


def test_the_ro_crate_follows_the_rules_of_ro_crate_1_1(api_world, tmp_path):
    """The structure RO-Crate 1.1 asks for, checked by hand (the validators below
    need their libraries): the metadata descriptor, the root dataset and its
    properties, and a File entity with format and size for every file of the release."""
    root = release(tmp_path)
    document = crate(root)
    assert document["@context"] == CRATE_CONTEXT
    entities = {entity["@id"]: entity for entity in document["@graph"]}
    assert len(entities) == len(document["@graph"]), "one entity per @id"
    descriptor = entities["ro-crate-metadata.json"]
    assert descriptor["@type"] == "CreativeWork"
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.1"}
    assert descriptor["about"] == {"@id": "./"}
    dataset = entities["./"]
    assert dataset["@type"] == "Dataset"
    assert dataset["version"] == "2026.1"
    assert dataset["name"] and dataset["description"]
    assert len(dataset["datePublished"]) == 10  # ISO 8601 date
    assert entities[dataset["license"]["@id"]]["@type"] == "CreativeWork"
    assert "Release 2026.1" in entities[dataset["citation"]["@id"]]["name"]
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    parts = [part["@id"] for part in dataset["hasPart"]]
    assert set(parts) == on_disk - {"ro-crate-metadata.json"}
    for name in parts:
        entity = entities[name]
        assert entity["@type"] == "File"
        assert entity["encodingFormat"]
        assert entity["contentSize"] == str((root / name).stat().st_size), name
    assert entities["data/persons.csv"]["encodingFormat"] == "text/csv"
    assert entities["persons.jsonld"]["encodingFormat"] == "application/ld+json"
    # every reference in the graph leads to an entity of the graph (or to the web)
    for entity in document["@graph"]:
        for value in entity.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and "@id" in item and not item["@id"].startswith("https://"):
                    assert item["@id"] in entities, item


def test_the_ro_crate_reads_with_ro_crate_py(api_world, tmp_path):
    rocrate = pytest.importorskip("rocrate.rocrate")
    root = release(tmp_path)
    loaded = rocrate.ROCrate(str(root))
    assert loaded.root_dataset["version"] == "2026.1"
    assert loaded.root_dataset["license"].id == "https://creativecommons.org/licenses/by/4.0/"
    assert {e.id for e in loaded.data_entities} == {p["@id"] for p in crate(root)["@graph"][1]["hasPart"]}


@pytest.mark.slow
def test_the_ro_crate_validates_with_the_ro_crate_validator(api_world, tmp_path, monkeypatch):
    """roc-validator's RO-Crate 1.1 profile, required and recommended checks. It reads
    the RO-Crate context from w3id.org; without network the context is stood in for
    by the few terms this crate uses (schema.org, File = MediaObject, conformsTo =
    Dublin Core), and the two checks that the context can be fetched are left aside."""
    pytest.importorskip("rocrate_validator")
    from rocrate_validator import models, services
    from rocrate_validator.utils import document_loader

    stand_in = {
        "@context": {
            "@vocab": "http://schema.org/",
            "File": "http://schema.org/MediaObject",
            "conformsTo": "http://purl.org/dc/terms/conformsTo",
        }
    }
    fetch = document_loader._fetch_json_ld

    def offline(url):
        return stand_in if url.startswith(CRATE_CONTEXT) else fetch(url)

    monkeypatch.setattr(document_loader, "_fetch_json_ld", offline)
    root = release(tmp_path)
    result = services.validate(
        services.ValidationSettings(
            rocrate_uri=str(root),
            profile_identifier="ro-crate-1.1",
            requirement_severity=models.Severity.RECOMMENDED,
        )
    )
    network = {"ro-crate-1.1_3.1", "ro-crate-1.1_3.2"}  # the context can be fetched
    issues = [
        (issue.check.identifier, issue.message)
        for issue in result.get_issues()
        if issue.check.identifier not in network
    ]
    assert issues == []
