"""Latency of the main API reads against a running server, beside a floor: the same
data fetched by one hand-written SQL query through psycopg2.

Not a test. Fill a scratch database first (manage.py generate_synthetic --scale 0.01),
start a server on it, then:

    python benchmarks/run_benchmarks.py --base-url http://127.0.0.1:8000 \
        --dsn postgres://postgres@127.0.0.1:5432/serge_synth --runs 30

Prints, for each read, the median and 95th percentile in milliseconds, over HTTP
and in bare SQL. The gap is what Django, DRF and serialisation cost.
"""
import argparse
import json
import statistics
import time
import urllib.error
import urllib.request

import psycopg2

# name: (API path, SQL floor). {person} is a well-connected person's id.
READS = {
    "person detail": (
        "/api/v1/persons/{person}/",
        "SELECT p.*, array(SELECT name FROM prosopography_alias a WHERE a.person_id = p.id) "
        "FROM prosopography_person p WHERE p.id = {person}",
    ),
    "person list": (
        "/api/v1/persons/?page_size=50",
        "SELECT id, name, slug, birth, death FROM prosopography_person "
        "WHERE merged_into_id IS NULL ORDER BY sort_name, id LIMIT 50",
    ),
    "network depth 2": (
        "/api/v1/persons/{person}/network/?depth=2&kinds=family,political,correspondence,"
        "literary,professional,personal",
        "WITH RECURSIVE ties(a, b) AS ("
        "  SELECT subject_id, object_id FROM prosopography_relationship"
        "  UNION ALL SELECT object_id, subject_id FROM prosopography_relationship),"
        " reach(id, depth) AS (SELECT {person}::bigint, 0 UNION"
        "  SELECT t.b, r.depth + 1 FROM reach r JOIN ties t ON t.a = r.id WHERE r.depth < 2)"
        " SELECT r.id, r.subject_id, r.object_id, rt.slug, r.start, r.end"
        " FROM prosopography_relationship r JOIN prosopography_relationshiptype rt ON rt.id = r.type_id"
        " WHERE r.subject_id IN (SELECT id FROM reach) AND r.object_id IN (SELECT id FROM reach)",
    ),
    "search": (
        "/api/v1/search/?q=souvarine&type=person",
        "SELECT DISTINCT p.id, p.name FROM prosopography_alias a JOIN prosopography_person p "
        "ON p.id = a.person_id WHERE a.normalized LIKE '%%souvarine%%' LIMIT 50",
    ),
    "work list": (
        "/api/v1/works/?page_size=50",
        "SELECT id, title, language, first_published FROM bibliography_work "
        "WHERE merged_into_id IS NULL ORDER BY first_published_lower, title, id LIMIT 50",
    ),
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(timings):
    if not timings:
        return "n/a"
    ms = [t * 1000 for t in timings]
    return f"median {statistics.median(ms):8.1f} ms   p95 {percentile(ms, 0.95):8.1f} ms"


def time_http(url, runs):
    timings, status = [], None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(url) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            error.read()
        timings.append(time.perf_counter() - start)
    return timings, status


def time_sql(cursor, sql, runs):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        timings.append(time.perf_counter() - start)
    return timings


def busiest_person(cursor):
    cursor.execute(
        "SELECT subject_id FROM prosopography_relationship GROUP BY subject_id "
        "ORDER BY count(*) DESC LIMIT 1")
    row = cursor.fetchone()
    return row[0] if row else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--dsn", required=True, help="PostgreSQL DSN of the server's database.")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args()

    connection = psycopg2.connect(args.dsn)
    cursor = connection.cursor()
    person = busiest_person(cursor)
    results = {}
    for name, (path, sql) in READS.items():
        http, status = time_http(args.base_url.rstrip("/") + path.format(person=person), args.runs)
        floor = time_sql(cursor, sql.format(person=person), args.runs)
        results[name] = {"status": status, "http": http, "sql": floor}
        if not args.json:
            print(f"{name:16} HTTP {status}  {summary(http)}")
            print(f"{'':16} SQL floor  {summary(floor)}")
    if args.json:
        print(json.dumps({name: {"status": r["status"],
                                 "http_median_ms": statistics.median(r["http"]) * 1000,
                                 "http_p95_ms": percentile(r["http"], 0.95) * 1000,
                                 "sql_median_ms": statistics.median(r["sql"]) * 1000,
                                 "sql_p95_ms": percentile(r["sql"], 0.95) * 1000}
                          for name, r in results.items()}, indent=2))
    connection.close()


if __name__ == "__main__":
    main()
