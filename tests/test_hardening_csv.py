"""CSV exports cannot carry formulas (issue 19): before, names and descriptions such
as =HYPERLINK(...), +cmd or @SUM were written as they are, and a spreadsheet opening
the export ran them."""

import csv
import io

import pytest

from common.api.renderers import CSVRenderer
from prosopography.models import Person

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_cells_are_neutralised(value):
    text = CSVRenderer().render({"results": [{"name": value, "born": -500, "nested": {"x": value}}]}).decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name"] == "'" + value
    assert row["nested.x"] == "'" + value
    assert row["born"] == "-500", "numbers stay numbers"


def test_ordinary_text_is_unchanged():
    text = CSVRenderer().render([{"name": "Victor Serge", "note": "a = b"}]).decode()
    assert next(csv.DictReader(io.StringIO(text))) == {"name": "Victor Serge", "note": "a = b"}


def test_a_person_named_as_a_formula_is_exported_as_text(curator_api, db):  # noqa: F811
    Person.objects.create(name="=HYPERLINK(1)", description="@SUM(1)")
    text = curator_api.get("/api/v1/persons/?format=csv&name=hyperlink").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["name"] == "'=HYPERLINK(1)"
