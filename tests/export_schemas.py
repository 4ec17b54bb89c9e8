"""The published schemas the export tests validate against, read from the copies
vendored in vendor/specs/ (see its README for their origin and licences), each
loaded once per test process: tei_all is large and takes lxml a few seconds."""

import functools
import gzip
import json
from pathlib import Path

import pytest

SPECS = Path(__file__).resolve().parent.parent / "vendor" / "specs"

etree = pytest.importorskip("lxml.etree", reason="lxml reads the XSD and RELAX NG schemas")


@functools.cache
def gexf_schema():
    return etree.XMLSchema(etree.parse(str(SPECS / "gexf" / "1.3" / "gexf.xsd")))


@functools.cache
def tei_schema():
    with gzip.open(SPECS / "tei" / "tei_all_4.9.0.rng.gz") as rng:
        return etree.RelaxNG(etree.parse(rng))


@functools.cache
def csl_schema():
    return json.loads((SPECS / "csl" / "csl-data.json").read_text())


def assert_valid(schema, content):
    """Parse `content` (bytes) strictly and validate it; the failure names the
    schema's first errors."""
    document = etree.fromstring(content, etree.XMLParser(resolve_entities=False))
    if not schema.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:10])
        raise AssertionError(f"Invalid against the schema:\n{errors}")
    return document
