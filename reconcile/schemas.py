"""The published JSON schemas of the Reconciliation Service API (vendored under
vendor/specs/reconciliation/), loaded once with their cross-references resolved.

The views validate incoming query batches and extension queries against them,
so that a malformed request gets the spec's own wording of what is wrong; the
tests validate every answer against them.
"""

import functools
import json
from pathlib import Path

from django.conf import settings
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

VERSIONS = ("0.2", "1.0-draft")


def root():
    return Path(settings.BASE_DIR) / "vendor" / "specs" / "reconciliation"


@functools.cache
def _registry(version):
    resources = []
    for path in sorted((root() / version / "schemas").glob("*.json")):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        resources.append((contents.get("$id", path.name).rstrip("#"), resource))
        if contents.get("$id", "").startswith("http://swagger.io"):
            resources.append(("http://swagger.io/v2/schema.json", resource))
    return Registry().with_resources(resources)


@functools.cache
def validator(version, name):
    """A Draft 7 validator for `name` ("manifest", "reconciliation-query-batch"...)."""
    schema = json.loads((root() / version / "schemas" / f"{name}.json").read_text())
    return Draft7Validator(schema, registry=_registry(version))


def first_error(version, name, document):
    """The first validation problem, as a short sentence, or None if valid."""
    errors = sorted(validator(version, name).iter_errors(document), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    error = errors[0]
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"{where}: {error.message}"
