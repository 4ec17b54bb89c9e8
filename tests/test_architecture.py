"""The house rules that no single feature test would notice breaking
(docs/architecture.md): the packages import one way (common → prosopography →
bibliography → dataset), migrations depend one way but for the one documented
exception, tools use the model's vocabularies, and pages and API agree on what a
work is in schema.org and on what a search finds."""

import ast
import importlib.util
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.db.migrations.loader import MigrationLoader

from bibliography.linked_data import schema_org_type
from bibliography.models import Edition, Work, WorkType
from prosopography.models import Alias, NameType, Person

ROOT = Path(__file__).resolve().parents[1]

# The layers, lowest first. A package may import those before it, never after.
LAYERS = ["common", "prosopography", "bibliography", "dataset"]
FORBIDDEN = {
    "common": {"prosopography", "bibliography", "dataset", "config"},
    "prosopography": {"bibliography", "dataset"},
    "bibliography": {"dataset"},
}


def imported_packages(path):
    """The top-level packages a module imports, at any level (inside functions
    too), with the line of each import. Relative imports stay inside the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def backward_imports(package):
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for imported, line in imported_packages(path):
            if imported in FORBIDDEN[package]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_import_one_way(package):
    assert (ROOT / package).is_dir()
    assert backward_imports(package) == []


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from bibliography.models import Work\n    import dataset.build\n")
    assert sorted(imported_packages(module)) == [("bibliography", 2), ("dataset", 3)]


# The one migration that runs against the stairs: prosopography.Mention.work is a
# foreign key to bibliography.Work (docs/architecture.md says why).
MIGRATION_EXCEPTIONS = {(("prosopography", "0001_initial"), ("bibliography", "0001_initial"))}


def test_migrations_depend_one_way():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    backward = set()
    for node in graph.nodes:
        app = node[0]
        if app not in LAYERS:
            continue
        for parent in graph.node_map[node].parents:
            target = parent.key[0]
            if target in LAYERS and LAYERS.index(target) > LAYERS.index(app):
                backward.add((node, parent.key))
    assert backward == MIGRATION_EXCEPTIONS


def test_the_only_model_link_against_the_stairs_is_mention_work():
    from django.apps import apps

    backward = {
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("prosopography").get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is not None
        and field.related_model._meta.app_label in {"bibliography"}
    }
    assert backward == {"Mention.work", "HistoricalMention.work"}  # (its history's copy)


# ---------------------------------------------------------------- the curated-file checker


def load_checker():
    spec = importlib.util.spec_from_file_location("check_curated", ROOT / "tools" / "check_curated.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_curated_checker_uses_the_models_vocabularies():
    checker = load_checker()
    assert checker.NAME_TYPES == set(NameType.values)
    assert {"abbreviation", "translation"} <= checker.NAME_TYPES


@pytest.mark.parametrize("name_type", NameType.values)
def test_curated_checker_accepts_every_name_type_the_model_accepts(tmp_path, name_type):
    checker = load_checker()
    (tmp_path / "doc.txt").write_text("Victor Serge, also V. S., wrote.\n", encoding="utf-8")
    curated = tmp_path / "doc.yaml"
    curated.write_text(
        "source: doc.txt\n"
        "persons:\n"
        "  - key: victor-serge\n"
        "    name: Victor Serge\n"
        f"    names: [{{name: V. S., type: {name_type}}}]\n",
        encoding="utf-8",
    )
    errors, _warnings = checker.check(curated, tmp_path)
    assert errors == []


def test_curated_checker_still_refuses_an_unknown_name_type(tmp_path):
    checker = load_checker()
    (tmp_path / "doc.txt").write_text("Victor Serge wrote.\n", encoding="utf-8")
    curated = tmp_path / "doc.yaml"
    curated.write_text(
        "source: doc.txt\npersons:\n  - key: victor-serge\n    name: Victor Serge\n"
        "    names: [{name: Victor Serge, type: nom-de-guerre}]\n",
        encoding="utf-8",
    )
    errors, _warnings = checker.check(curated, tmp_path)
    assert len(errors) == 1 and "bad name type" in errors[0]


# ---------------------------------------------------------------- pages and API agree


def page_jsonld(client, work):
    response = client.get(work.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def api_jsonld(client, work):
    response = client.get(f"/api/v1/works/{work.pk}/", {"format": "jsonld"})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def node_type(document):
    """The @type of the work's node, whether the document is a node or a @graph."""
    if "@graph" in document:
        [node] = [n for n in document["@graph"] if n.get("name") or n.get("headline")][:1]
        return node["@type"]
    return document["@type"]


@pytest.mark.django_db
@pytest.mark.parametrize("work_type", WorkType.values)
def test_page_and_api_give_the_same_schema_org_type(client, work_type):
    work = Work.objects.create(title=f"A {work_type}", type=work_type, language="fr")
    expected = schema_org_type(work_type)
    assert node_type(page_jsonld(client, work)) == expected
    assert node_type(api_jsonld(client, work)) == expected


def test_the_types_that_used_to_disagree():
    assert schema_org_type("thesis") == "Thesis"
    assert schema_org_type("short_story") == "ShortStory"
    for work_type in ("correspondence", "diary"):
        assert schema_org_type(work_type) == "Book"
    assert schema_org_type("series") == "Article"


def page_results(client, query):
    """{(type, label)} of the records the search page lists, and each group's count."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    found, counts = set(), {}
    for type_, count, body in re.findall(
        r'<section aria-labelledby="s-([a-z]+)"><h2 [^>]*>[^<]*\((\d+)\)</h2>(.*?)</section>', html, re.S
    ):
        counts[type_] = int(count)
        for item in re.findall(r"<li>(.*?)</li>", body, re.S):
            if item != "None found." and not item.startswith("…"):
                label = re.sub(r"<[^>]+>", "", item).split(" — ")[0]
                found.add((type_, unescape(label).strip()))
    return found, counts


def api_results(client, query):
    response = client.get("/api/v1/search/", {"q": query, "page_size": 500})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["serge", "memoirs of a revolutionary", "revolutionnaire", "rétif"])
def test_search_page_and_api_find_the_same_records(client, query):
    serge = Person.objects.create(name="Victor Serge")
    Alias.objects.create(person=serge, name="Le Rétif", type=NameType.PSEUDONYM)
    Person.objects.create(name="Serge Zinoviev")
    memoirs = Work.objects.create(title="Mémoires d'un révolutionnaire", language="fr", type="memoir")
    Edition.objects.create(work=memoirs, title="Memoirs of a Revolutionary", language="en", date="1963")

    from_api = api_results(client, query)
    from_page, counts = page_results(client, query)
    assert from_api, "the query should find something"
    assert from_page == {(r["type"], r["label"]) for r in from_api}
    assert sum(counts.values()) == len(from_api)
    if query == "memoirs of a revolutionary":  # found by its translation's title only
        assert [(r["type"], r["id"]) for r in from_api] == [("work", memoirs.pk)]
