"""The whole bibliography (the fixtures) exported as reference managers and LaTeX
read it: BibTeX parsed by pybtex in strict mode with no duplicate key and the same
key for a work in a list and a single export; CSL-JSON valid against the CSL data
schema; RIS roles read back by rispy. One test, as loading the world is slow."""

import json
import re

import jsonschema
import pytest
import rispy
from django.core.management import call_command

from bibliography.models import Contribution, Edition, Work

from .export_schemas import csl_schema

pybtex_database = pytest.importorskip("pybtex.database")
pybtex_errors = pytest.importorskip("pybtex.errors")


@pytest.mark.slow
@pytest.mark.django_db(transaction=False)
def test_the_whole_bibliography_exports_valid_and_complete(client):
    call_command("load_world", verbosity=0)
    works = Work.objects.filter(merged_into__isnull=True).count()

    # BibTeX: every work and translation, strictly parsed, unique keys.
    bibtex = client.get("/api/v1/works/?format=bibtex&all=1").content.decode()
    keys = re.findall(r"^@\w+\{([^,]+),", bibtex, flags=re.M)
    assert len(keys) >= works
    assert len(keys) == len(set(keys)), "duplicate BibTeX keys"
    pybtex_errors.set_strict_mode(True)
    try:
        parsed = pybtex_database.parse_string(bibtex, "bibtex")
    finally:
        pybtex_errors.set_strict_mode(False)
    assert len(parsed.entries) == len(keys)
    for entry in parsed.entries.values():
        volume = entry.fields.get("volume")
        assert volume is None or volume.isdigit()  # biber drops anything else

    # The same key for a work in the list and in its own export.
    for work in Work.objects.filter(merged_into__isnull=True).order_by("?")[:25]:
        single = client.get(f"/api/v1/works/{work.pk}/?format=bibtex").content.decode()
        key = re.match(r"@\w+\{([^,]+),", single).group(1)
        assert key.endswith(f"-w{work.pk}") and key in keys

    # CSL-JSON: every item valid against the CSL data schema; letters are
    # personal_communication.
    items = json.loads(client.get("/api/v1/works/?format=csl-json&all=1").content)
    jsonschema.validate(items, csl_schema())
    assert "letter" not in {item["type"] for item in items}
    translators = {
        c.edition.work_id for c in Contribution.objects.filter(role="translator", edition__isnull=False)
    }
    credited = {item["id"] for item in items if item.get("translator")}
    assert translators and len(credited) >= len(translators) // 2

    # RIS: editors as A3 (A2 only for a chapter's book), recipients as A2 on letters.
    records = rispy.loads(client.get("/api/v1/works/?format=ris&all=1").content.decode())
    assert len(records) == len(items)
    by_id = {r["id"]: r for r in records}
    for item in items:
        record = by_id[item["id"]]
        if item.get("editor") and item["type"] != "chapter":
            assert "tertiary_authors" in record  # rispy's name for A3
        if item.get("recipient"):
            assert record["type_of_reference"] == "PCOMM" or "secondary_authors" in record

    # Editions and translations, each citable on its own with its translator.
    editions = client.get("/api/v1/editions/?format=csl-json&all=1")
    assert editions["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    edition_items = json.loads(editions.content)
    jsonschema.validate(edition_items, csl_schema())
    assert len(edition_items) == Edition.objects.count()
    translated = {
        f"edition-{c.edition_id}"
        for c in Contribution.objects.filter(role="translator", edition__isnull=False)
    }
    cited_with_translator = {item["id"] for item in edition_items if item.get("translator")}
    assert translated <= cited_with_translator, "every translator credit reaches the edition's citation"
    edition_bibtex = client.get("/api/v1/editions/?format=bibtex&all=1").content.decode()
    edition_keys = re.findall(r"^@\w+\{([^,]+),", edition_bibtex, flags=re.M)
    assert len(edition_keys) == len(set(edition_keys)) == len(edition_items)
    pybtex_errors.set_strict_mode(True)
    try:
        pybtex_database.parse_string(edition_bibtex, "bibtex")
    finally:
        pybtex_errors.set_strict_mode(False)
