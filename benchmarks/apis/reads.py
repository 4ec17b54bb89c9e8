"""The reads measured on both systems, as (ours, APIS) paths, from the data set
(standard library only: imported by compare_apis.py and count_queries.py under
either Python). Both loaders give the n-th person of the data set id n + 1.
"""

import random
import urllib.parse

from shape import most_tied

# (accented, unaccented) surnames of the data set, each asked both ways.
NAME_QUERIES = [
    ("Maîtrejean", "maitrejean"),
    ("Dvořák", "dvorak"),
    ("Lefèvre", "lefevre"),
    ("Gödel", "godel"),
    ("Łukasiewicz", "lukasiewicz"),
]
PAGE = 50


def reads(data, seed=1947, cases=20):
    """{read: [(ours path, APIS path), ...]}"""
    rng = random.Random(seed)
    top, _ = most_tied(data, len(data["persons"]) // 100)
    persons = sorted(rng.sample(top, cases))
    pages = sorted(rng.sample(range(1, 201), cases))
    relation_pages = sorted(rng.sample(range(1, len(data["ties"]) // PAGE + 1), cases))

    def q(text):
        return urllib.parse.quote(text)

    return {
        "person detail": [
            (f"/api/v1/persons/{i + 1}/", f"/api/apis_ontology.person/{i + 1}/") for i in persons
        ],
        "person list": [
            (f"/api/v1/persons/?page={p}", f"/api/apis_ontology.person/?limit={PAGE}&offset={(p - 1) * PAGE}")
            for p in pages
        ],
        "one person's relations": [
            (f"/api/v1/persons/{i + 1}/relationships/", f"/relations/list/apis_ontology.person/{i + 1}")
            for i in persons
        ],
        "relation list": [
            (
                f"/api/v1/relationships/?page={p}",
                f"/api/relations.relation/?limit={PAGE}&offset={(p - 1) * PAGE}",
            )
            for p in relation_pages
        ],
        "name search, accented": [
            (f"/api/v1/persons/?name={q(a)}", f"/api/apis_ontology.person/?limit={PAGE}&surname={q(a)}")
            for a, _ in NAME_QUERIES
        ],
        "name search, unaccented": [
            (f"/api/v1/persons/?name={q(u)}", f"/api/apis_ontology.person/?limit={PAGE}&surname={q(u)}")
            for _, u in NAME_QUERIES
        ],
        "search across entities, accented": [
            (f"/api/v1/search/?q={q(a)}", f"/api/entities/?search={q(a)}") for a, _ in NAME_QUERIES
        ],
        "search across entities, unaccented": [
            (f"/api/v1/search/?q={q(u)}", f"/api/entities/?search={q(u)}") for _, u in NAME_QUERIES
        ],
    }


def expected(data):
    """How many persons of the data set each name query should find (its surname)."""
    counts = {}
    for accented, unaccented in NAME_QUERIES:
        n = sum(1 for p in data["persons"] if p["surname"] == accented)
        counts[accented] = counts[unaccented] = n
    return counts
