"""Latency and throughput of the main API reads against a running server, beside a
floor: the same data fetched by one hand-written SQL query through psycopg2.

Not a test. Fill a scratch PostgreSQL database (manage.py generate_synthetic
--scale 1.0), serve it with the production settings (gunicorn), then:

    python benchmarks/run_benchmarks.py --base-url http://127.0.0.1:8001 \\
        --dsn postgres://postgres@127.0.0.1:5432/serge_bench

docs/benchmarks.md gives the exact commands and the figures. For each read the
script measures, over HTTP, the median and 95th percentile latency of sequential
requests, each followed by its SQL floor (no HTTP, no Python objects: one query
returning the same data, as JSON built by PostgreSQL), whose median and 95th
percentile it measures alike; then the throughput of --concurrency clients for
--duration seconds. Each read rotates over several cases (persons, pages,
queries, filters) chosen deterministically from the database, the same cases for
HTTP and SQL. It prints a Markdown table; --json FILE also writes every figure.

Requests carry `X-Forwarded-Proto: https`, as behind the HTTPS proxy production
runs behind (otherwise the production settings redirect to https). The server
must not throttle the client: start it with SERGE_ANON_RATE set high (see the
docs); a 429 stops the run.
"""

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import sys
import threading
import time
import urllib.parse

import psycopg2

CURATED_KINDS = "family,political,correspondence,literary,professional,personal"

# ---------------------------------------------------------------- the SQL floors
# Each returns what the API response holds (fields, related names, evidence,
# counts), built by PostgreSQL in one statement.

CITATIONS_OF = """(SELECT coalesce(json_agg(json_build_object(
        'id', c.id, 'source', c.source_id, 'source_file', s.file_name, 'source_title', s.title,
        'start', c.start, 'end', c."end", 'quote', c.quote, 'locator', c.locator)
        ORDER BY s.file_name, c.start, c.id), '[]')
    FROM {through} x JOIN prosopography_citation c ON c.id = x.citation_id
    JOIN prosopography_source s ON s.id = c.source_id WHERE x.{fk} = {owner})"""

PERSON_DETAIL_SQL = (
    """
SELECT json_build_object(
  'id', p.id, 'name', p.name, 'sort_name', p.sort_name, 'slug', p.slug, 'description', p.description,
  'birth', p.birth, 'birth_lower', p.birth_lower, 'birth_upper', p.birth_upper,
  'death', p.death, 'death_lower', p.death_lower, 'death_upper', p.death_upper,
  'birth_place', bp.name, 'death_place', dp.name, 'modified', p.modified, 'created', p.created,
  'names', (SELECT coalesce(json_agg(json_build_object('name', a.name, 'type', a.type,
                                                       'language', a.language) ORDER BY a.name), '[]')
            FROM prosopography_alias a WHERE a.person_id = p.id),
  'facts', (SELECT coalesce(json_agg(json_build_object('attribute', c.attribute, 'date', c.date,
                                                       'place', cp.name, 'rank', c.rank,
                                                       'citations', """
    + CITATIONS_OF.format(through="prosopography_claim_citations", fk="claim_id", owner="c.id")
    + """)
                                     ORDER BY c.attribute, c.date_lower, c.id), '[]')
            FROM prosopography_claim c LEFT JOIN prosopography_place cp ON cp.id = c.place_id
            WHERE c.person_id = p.id),
  'relationships', (SELECT coalesce(json_agg(x.tie ORDER BY x.n), '[]') FROM (
      SELECT row_number() OVER (ORDER BY r.subject_id = p.id DESC, t.kind, t.slug, o.sort_name, r.id) AS n,
        json_build_object(
        'id', r.id, 'type', t.slug, 'label', t.label, 'inverse_label', it.label, 'kind', t.kind,
        'direction', CASE WHEN r.subject_id = p.id THEN 'out' ELSE 'in' END,
        'person', o.id, 'person_name', o.name, 'start', r.start, 'end', r."end",
        'certainty', r.certainty, 'rank', r.rank, 'note', r.note,
        'citations', """
    + CITATIONS_OF.format(through="prosopography_relationship_citations", fk="relationship_id", owner="r.id")
    + """) AS tie
      FROM prosopography_relationship r
      JOIN prosopography_relationshiptype t ON t.id = r.type_id
      LEFT JOIN prosopography_relationshiptype it ON it.id = t.inverse_id
      JOIN prosopography_person o
        ON o.id = CASE WHEN r.subject_id = p.id THEN r.object_id ELSE r.subject_id END
      WHERE r.subject_id = p.id OR r.object_id = p.id
      ORDER BY r.subject_id = p.id DESC, t.kind, t.slug, o.sort_name, r.id LIMIT 20) x),
  'ties_by_kind', (SELECT json_object_agg(k.kind, k.n) FROM (
      SELECT t.kind, count(*) AS n FROM prosopography_relationship r
      JOIN prosopography_relationshiptype t ON t.id = r.type_id
      WHERE r.subject_id = p.id OR r.object_id = p.id GROUP BY t.kind) k),
  'memberships', (SELECT coalesce(json_agg(json_build_object(
        'id', m.id, 'organisation', g.id, 'organisation_name', g.name, 'role', m.role,
        'start', m.start, 'end', m."end", 'certainty', m.certainty, 'rank', m.rank,
        'citations', """
    + CITATIONS_OF.format(through="prosopography_membership_citations", fk="membership_id", owner="m.id")
    + """)
        ORDER BY m.start_lower, m.id), '[]')
      FROM (SELECT * FROM prosopography_membership WHERE person_id = p.id ORDER BY start_lower, id LIMIT 20) m
      JOIN prosopography_organisation g ON g.id = m.organisation_id),
  'membership_count', (SELECT count(*) FROM prosopography_membership WHERE person_id = p.id),
  'events', (SELECT coalesce(json_agg(json_build_object(
        'id', e.id, 'key', e.key, 'type', e.type, 'role', ep.role, 'date', e.date,
        'place', ept.name, 'description', e.description,
        'citations', """
    + CITATIONS_OF.format(through="prosopography_event_citations", fk="event_id", owner="e.id")
    + """)
        ORDER BY ep.id), '[]')
      FROM (SELECT * FROM prosopography_eventparticipant WHERE person_id = %(person)s ORDER BY id LIMIT 20) ep
      JOIN prosopography_event e ON e.id = ep.event_id
      LEFT JOIN prosopography_place ept ON ept.id = e.place_id),
  'event_count', (SELECT count(*) FROM prosopography_eventparticipant WHERE person_id = p.id),
  'identifiers', (SELECT coalesce(json_agg(json_build_object('scheme', i.scheme, 'value', i.value)), '[]')
      FROM prosopography_externalidentifier i JOIN django_content_type ct ON ct.id = i.content_type_id
      WHERE ct.app_label = 'prosopography' AND ct.model = 'person' AND i.object_id = p.id))
FROM prosopography_person p
LEFT JOIN prosopography_place bp ON bp.id = p.birth_place_id
LEFT JOIN prosopography_place dp ON dp.id = p.death_place_id
WHERE p.id = %(person)s
"""
)

PERSON_LIST_SQL = """
SELECT (SELECT count(*) FROM prosopography_person WHERE merged_into_id IS NULL),
       json_agg(json_build_object(
         'id', p.id, 'name', p.name, 'sort_name', p.sort_name, 'slug', p.slug,
         'birth', p.birth, 'birth_lower', p.birth_lower, 'birth_upper', p.birth_upper,
         'death', p.death, 'death_lower', p.death_lower, 'death_upper', p.death_upper,
         'birth_place', bp.name, 'death_place', dp.name, 'modified', p.modified,
         'names', (SELECT coalesce(json_agg(json_build_object('name', a.name, 'type', a.type,
                                                              'language', a.language) ORDER BY a.name), '[]')
                   FROM prosopography_alias a WHERE a.person_id = p.id)) ORDER BY p.sort_name, p.id)
FROM (SELECT * FROM prosopography_person WHERE merged_into_id IS NULL
      ORDER BY sort_name, id LIMIT 50 OFFSET %(offset)s) p
LEFT JOIN prosopography_place bp ON bp.id = p.birth_place_id
LEFT JOIN prosopography_place dp ON dp.id = p.death_place_id
"""

# Everyone within two ties of the person (ties between unmerged persons, of the
# curated kinds), then every tie among them (the induced subgraph), with evidence.
NETWORK_SQL = """
WITH kinds AS (
  SELECT id FROM prosopography_relationshiptype
  WHERE kind IN ('family', 'political', 'correspondence', 'literary', 'professional', 'personal')),
one AS (
  SELECT object_id AS id FROM prosopography_relationship
  WHERE subject_id = %(person)s AND type_id IN (SELECT id FROM kinds)
  UNION SELECT subject_id FROM prosopography_relationship
  WHERE object_id = %(person)s AND type_id IN (SELECT id FROM kinds)),
reach AS (
  SELECT %(person)s::bigint AS id UNION SELECT id FROM one
  UNION SELECT r.object_id FROM prosopography_relationship r JOIN one ON r.subject_id = one.id
  WHERE r.type_id IN (SELECT id FROM kinds)
  UNION SELECT r.subject_id FROM prosopography_relationship r JOIN one ON r.object_id = one.id
  WHERE r.type_id IN (SELECT id FROM kinds)),
nodes AS MATERIALIZED (
  SELECT p.id, p.name, p.sort_name, p.birth, p.death FROM prosopography_person p
  JOIN reach ON reach.id = p.id WHERE p.merged_into_id IS NULL)
SELECT
  (SELECT json_agg(json_build_object('id', id, 'name', name, 'birth', birth, 'death', death)
                   ORDER BY sort_name, id) FROM nodes),
  (SELECT json_agg(json_build_object(
      'id', r.id, 'source', r.subject_id, 'target', r.object_id, 'type', t.slug, 'label', t.label,
      'kind', t.kind, 'start', r.start, 'end', r."end", 'not_before', r.start_lower,
      'not_after', r.end_upper, 'certainty', r.certainty,
      'citations', (SELECT coalesce(json_agg(json_build_object(
          'id', c.id, 'source', s.file_name, 'quote', c.quote, 'locator', c.locator)
          ORDER BY s.file_name, c.start, c.id), '[]')
        FROM prosopography_relationship_citations x JOIN prosopography_citation c ON c.id = x.citation_id
        JOIN prosopography_source s ON s.id = c.source_id WHERE x.relationship_id = r.id)) ORDER BY r.id)
   FROM prosopography_relationship r JOIN prosopography_relationshiptype t ON t.id = r.type_id
   WHERE t.id IN (SELECT id FROM kinds)
     AND r.subject_id IN (SELECT id FROM nodes) AND r.object_id IN (SELECT id FROM nodes))
"""

# Persons whose name forms contain the query (the preferred name is one of them)
# or come near it by trigram similarity, best tier first, the first page of 50.
SEARCH_SQL = """
WITH hits AS (
  SELECT a.person_id AS id, max(CASE WHEN a.normalized = %(q)s THEN 4
                                     WHEN a.normalized LIKE %(q)s || '%%' THEN 3
                                     WHEN a.normalized LIKE '%%' || ' ' || %(q)s || '%%' THEN 2
                                     WHEN a.normalized LIKE '%%' || %(q)s || '%%' THEN 1
                                     ELSE 0 END) AS tier
  FROM prosopography_alias a
  WHERE a.normalized LIKE '%%' || %(q)s || '%%' OR a.normalized %% %(q)s
  GROUP BY a.person_id),
ranked AS (
  SELECT p.id, p.name, h.tier FROM hits h JOIN prosopography_person p ON p.id = h.id
  WHERE p.merged_into_id IS NULL ORDER BY h.tier DESC, p.name, p.id LIMIT 200)
SELECT (SELECT count(*) FROM ranked),
       (SELECT json_agg(json_build_object('id', id, 'label', name, 'tier', tier))
        FROM (SELECT * FROM ranked ORDER BY tier DESC, name, id LIMIT 50) page)
"""

WORK_CREDITS = """(SELECT coalesce(json_agg(json_build_object(
        'id', k.id, 'person', k.person_id, 'name', kp.name, 'role', k.role,
        'credited_as', k.credited_as, 'order', k."order") ORDER BY k."order", k.id), '[]')
      FROM bibliography_contribution k JOIN prosopography_person kp ON kp.id = k.person_id
      WHERE k.{fk} = {owner})"""

WORK_FILTER = """
  w.merged_into_id IS NULL
  AND (%(language)s::text IS NULL OR upper(w.language) = upper(%(language)s))
  AND (%(type)s::text IS NULL OR w.type = %(type)s)
  AND (%(start)s::date IS NULL OR w.first_published_upper >= %(start)s
       OR (w.first_published_upper IS NULL AND w.first_published_lower IS NOT NULL))
  AND (%(end)s::date IS NULL OR w.first_published_lower <= %(end)s
       OR (w.first_published_lower IS NULL AND w.first_published_upper IS NOT NULL))
"""

WORK_LIST_SQL = (
    """
SELECT (SELECT count(*) FROM bibliography_work w WHERE """
    + WORK_FILTER
    + """),
  (SELECT json_agg(json_build_object(
     'id', w.id, 'title', w.title, 'slug', w.slug, 'language', w.language, 'type', w.type,
     'status', w.status, 'written', w.written, 'first_published', w.first_published,
     'first_published_lower', w.first_published_lower, 'description', w.description,
     'modified', w.modified,
     'contributions', """
    + WORK_CREDITS.format(fk="work_id", owner="w.id")
    + """,
     'about', (SELECT coalesce(json_agg(json_build_object('id', ap.id, 'name', ap.name)), '[]')
               FROM bibliography_work_about wa JOIN prosopography_person ap ON ap.id = wa.person_id
               WHERE wa.work_id = w.id))
     ORDER BY w.first_published_lower, w.title, w.id)
   FROM (SELECT * FROM bibliography_work w WHERE """
    + WORK_FILTER
    + """
         ORDER BY w.first_published_lower, w.title, w.id LIMIT 50 OFFSET %(offset)s) w)
"""
)

EXPORT_CREDITS = """(SELECT coalesce(json_agg(json_build_object(
        'person', k.person_id, 'name', kp.name, 'sort_name', kp.sort_name, 'role', k.role,
        'credited_as', k.credited_as, 'order', k."order",
        'pseudonyms', (SELECT coalesce(json_agg(pa.normalized), '[]') FROM prosopography_alias pa
                       WHERE pa.person_id = kp.id AND pa.type = 'pseudonym'))
        ORDER BY k."order", k.id), '[]')
      FROM bibliography_contribution k JOIN prosopography_person kp ON kp.id = k.person_id
      WHERE k.{fk} = {owner})"""

# What a BibTeX entry is made of: the work, its credits (with pseudonyms), its
# editions with publisher, place, periodical and their own credits, the collection
# it is part of.
BIBTEX_SQL = (
    """
SELECT json_agg(json_build_object(
   'id', w.id, 'title', w.title, 'slug', w.slug, 'language', w.language, 'type', w.type,
   'status', w.status, 'written', w.written, 'first_published', w.first_published,
   'contributions', """
    + EXPORT_CREDITS.format(fk="work_id", owner="w.id")
    + """,
   'editions', (SELECT coalesce(json_agg(json_build_object(
        'id', e.id, 'title', e.title, 'language', e.language, 'date', e.date, 'date_lower', e.date_lower,
        'translation_of', e.translation_of_id, 'series', e.series, 'volume', e.volume, 'issue', e.issue,
        'pages', e.pages, 'publisher', pub.name, 'place', pl.name, 'periodical', per.title,
        'contributions', """
    + EXPORT_CREDITS.format(fk="edition_id", owner="e.id")
    + """)
        ORDER BY e.date_lower, e.id), '[]')
      FROM bibliography_edition e
      LEFT JOIN prosopography_organisation pub ON pub.id = e.publisher_id
      LEFT JOIN prosopography_place pl ON pl.id = e.place_id
      LEFT JOIN bibliography_periodical per ON per.id = e.periodical_id
      WHERE e.work_id = w.id),
   'part_of', (SELECT coalesce(json_agg(o.title), '[]') FROM bibliography_workrelation wr
               JOIN bibliography_work o ON o.id = wr.object_id
               WHERE wr.subject_id = w.id AND wr.type = 'part-of'))
   ORDER BY w.first_published_lower, w.title, w.id)
FROM (SELECT * FROM bibliography_work WHERE merged_into_id IS NULL
      ORDER BY first_published_lower, title, id LIMIT 100 OFFSET %(offset)s) w
"""
)

# IPIF (issue 11): a page of 30 statements about one person, sorted by creation
# time, with the total: the six kinds of statement as one UNION ALL, then the page's
# rows with their evidence, built by PostgreSQL.
IPIF_STATEMENTS_SQL = (
    """
WITH u AS (
  SELECT 1 AS k, r.id AS oid, r.created AS created, r.start_lower AS lo FROM prosopography_relationship r
    WHERE r.subject_id = %(person)s
  UNION ALL SELECT 2, m.id, m.created, m.start_lower FROM prosopography_membership m
    WHERE m.person_id = %(person)s
  UNION ALL SELECT 3, ep.id, e.created, e.date_lower FROM prosopography_eventparticipant ep
    JOIN prosopography_event e ON e.id = ep.event_id WHERE ep.person_id = %(person)s
  UNION ALL SELECT 4, c.id, c.created, c.date_lower FROM prosopography_claim c WHERE c.person_id = %(person)s
  UNION ALL SELECT 5, a.id, p.created, NULL FROM prosopography_alias a
    JOIN prosopography_person p ON p.id = a.person_id WHERE a.person_id = %(person)s
  UNION ALL SELECT 6, ct.id, coalesce(w.created, ed.created), NULL FROM bibliography_contribution ct
    LEFT JOIN bibliography_work w ON w.id = ct.work_id
    LEFT JOIN bibliography_edition ed ON ed.id = ct.edition_id
    WHERE ct.person_id = %(person)s
), page AS (SELECT * FROM u ORDER BY created, k, oid LIMIT 30)
SELECT (SELECT count(*) FROM u), json_agg(json_build_object(
  'k', page.k, 'id', page.oid, 'created', page.created, 'date', page.lo,
  'citations', CASE page.k
    WHEN 1 THEN """
    + CITATIONS_OF.format(
        through="prosopography_relationship_citations", fk="relationship_id", owner="page.oid"
    )
    + """
    WHEN 2 THEN """
    + CITATIONS_OF.format(through="prosopography_membership_citations", fk="membership_id", owner="page.oid")
    + """
    WHEN 3 THEN """
    + CITATIONS_OF.format(
        through="prosopography_event_citations",
        fk="event_id",
        owner="(SELECT event_id FROM prosopography_eventparticipant WHERE id = page.oid)",
    )
    + """
    WHEN 4 THEN """
    + CITATIONS_OF.format(through="prosopography_claim_citations", fk="claim_id", owner="page.oid")
    + """
    ELSE '[]' END) ORDER BY page.created, page.k, page.oid)
FROM page
"""
)

# Reconciliation (issue 12): ten names of the batch, each matched against every name
# form by the trigram index, the best five persons per name.
RECONCILE_SQL = """
SELECT json_agg(json_build_object('q', q.name, 'candidates', (
  SELECT json_agg(c) FROM (
    SELECT p.id, p.name, p.birth, p.death FROM prosopography_person p
    WHERE p.merged_into_id IS NULL AND p.id IN (
      SELECT a.person_id FROM prosopography_alias a WHERE a.normalized LIKE '%%' || q.name || '%%')
    ORDER BY p.id LIMIT 5) c)))
FROM unnest(%(names)s::text[]) AS q(name)
"""

# ---------------------------------------------------------------- the cases


def choose_cases(cursor, seed, size):
    """The persons, pages, queries and filters each read rotates over."""
    rng = random.Random(seed)
    cursor.execute("""
        SELECT id, degree FROM (
          SELECT p, count(*) AS degree FROM (
            SELECT subject_id AS p FROM prosopography_relationship
            UNION ALL SELECT object_id FROM prosopography_relationship) e GROUP BY p) d
        JOIN prosopography_person ON id = p WHERE merged_into_id IS NULL ORDER BY degree DESC, id""")
    ranked = cursor.fetchall()
    # "Well-connected": a sample of the top 1% by number of ties (the hub itself excluded:
    # it is measured on its own, as a stress case).
    top = ranked[1 : max(2, len(ranked) // 100)]
    connected = sorted(rng.sample(top, min(size, len(top))), key=lambda row: -row[1])
    cursor.execute("SELECT count(*) FROM prosopography_person WHERE merged_into_id IS NULL")
    pages = max(1, cursor.fetchone()[0] // 50)
    cursor.execute("SELECT count(*) FROM bibliography_work WHERE merged_into_id IS NULL")
    work_pages = max(1, cursor.fetchone()[0] // 100)
    filters = [
        {"language": "fr", "type": "article", "start": "1920", "end": "1939"},
        {"language": "ru", "type": None, "start": "1925", "end": "1935"},
        {"language": None, "type": "novel", "start": None, "end": None},
        {"language": "en", "type": "book", "start": "1940", "end": None},
        {"language": None, "type": "letter", "start": None, "end": "1947"},
    ]
    return {
        "hub": ranked[0],
        "persons": connected,
        "person_pages": sorted(rng.sample(range(1, min(pages, 200) + 1), min(size, pages))),
        "work_pages": sorted(rng.sample(range(1, min(work_pages, 100) + 1), min(size, work_pages))),
        "queries": [
            "souvarine",
            "maitrejean",
            "kibalchich",
            "trotsky",
            "sedova",
            "rosmer",
            "bonnot",
            "ciliga",
            "poretsky",
            "balabanoff",
        ],
        "work_filters": filters,
    }


def _period(value, upper):
    if not value:
        return None
    return f"{value}-12-31" if upper else f"{value}-01-01"


def reads(cases):
    """{name: [(API path, SQL, SQL parameters), ...]} — the six reads of the issue,
    then the depth-2 network around the biggest hub, as a stress case."""

    def work_list(f):
        query = {k: v for k, v in f.items() if v} | {"page_size": 50}
        params = {
            "language": f["language"],
            "type": f["type"],
            "start": _period(f["start"], False),
            "end": _period(f["end"], True),
            "offset": 0,
        }
        return f"/api/v1/works/?{urllib.parse.urlencode(query)}", WORK_LIST_SQL, params

    network = f"/api/v1/persons/{{}}/network/?depth=2&kinds={CURATED_KINDS}"
    batch = {f"q{i}": {"query": q, "type": "person"} for i, q in enumerate(cases["queries"])}
    return {
        "person detail": [
            (f"/api/v1/persons/{pk}/", PERSON_DETAIL_SQL, {"person": pk}) for pk, _ in cases["persons"]
        ],
        "person list": [
            (f"/api/v1/persons/?page={n}", PERSON_LIST_SQL, {"offset": (n - 1) * 50})
            for n in cases["person_pages"]
        ],
        "network depth 2": [(network.format(pk), NETWORK_SQL, {"person": pk}) for pk, _ in cases["persons"]],
        "search": [(f"/api/v1/search/?q={q}&type=person", SEARCH_SQL, {"q": q}) for q in cases["queries"]],
        "work list, filtered": [work_list(f) for f in cases["work_filters"]],
        "BibTeX, 100 works": [
            (f"/api/v1/works/?format=bibtex&page_size=100&page={n}", BIBTEX_SQL, {"offset": (n - 1) * 100})
            for n in cases["work_pages"]
        ],
        "IPIF statements, 30 about a person": [
            (
                f"/ipif/statements?personId={pk}&size=30&sortBy=createdWhen",
                IPIF_STATEMENTS_SQL,
                {"person": pk},
            )
            for pk, _ in cases["persons"]
        ],
        "reconciliation, batch of 10": [
            (
                "/reconcile/?queries=" + urllib.parse.quote(json.dumps(batch)),
                RECONCILE_SQL,
                {"names": cases["queries"]},
            )
        ],
        "network depth 2, biggest hub": [
            (network.format(cases["hub"][0]), NETWORK_SQL, {"person": cases["hub"][0]})
        ],
    }


# ---------------------------------------------------------------- measuring


class Throttled(Exception):
    pass


class Client:
    """Plain HTTP/1.1 GETs, one connection per request (gunicorn's sync workers
    close it anyway), as a browser behind the HTTPS proxy would send them."""

    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80

    def get(self, path):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(
                "GET",
                path,
                headers={"X-Forwarded-Proto": "https", "Accept": "*/*", "User-Agent": "serge-benchmark"},
            )
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        if response.status == 429:
            raise Throttled(f"{path} answered 429: start the server with SERGE_ANON_RATE set high.")
        return response.status, len(body)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def latencies(client, cursor, cases, runs):
    """Sequential requests, rotating over the cases, each followed by its floor query
    (so that whatever else the machine does weighs on both alike); one warm-up pass
    of each first. Returns the HTTP timings, statuses and sizes, and the SQL timings."""
    for path, sql, params in cases:
        client.get(path)
        cursor.execute(sql, params)
        cursor.fetchall()
    timings, statuses, sizes, floor = [], {}, [], []
    for i in range(runs):
        path, sql, params = cases[i % len(cases)]
        start = time.perf_counter()
        status, size = client.get(path)
        timings.append(time.perf_counter() - start)
        statuses[status] = statuses.get(status, 0) + 1
        sizes.append(size)
        start = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        floor.append(time.perf_counter() - start)
    return timings, statuses, sizes, floor


def throughput(client, cases, concurrency, duration):
    """Requests per second completed by `concurrency` clients in `duration` seconds."""
    done, errors, lock = [0], [0], threading.Lock()
    deadline = time.perf_counter() + duration

    def work(offset):
        i = offset
        while time.perf_counter() < deadline:
            status, _ = client.get(cases[i % len(cases)][0])
            i += 1
            with lock:
                done[0] += 1
                errors[0] += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.perf_counter() - started), errors[0]


def by_case(cases, timings):
    """{case index: median ms} of timings taken rotating over `cases`."""
    per_case = {}
    for i, elapsed in enumerate(timings):
        per_case.setdefault(i % len(cases), []).append(elapsed * 1000)
    return {k: statistics.median(v) for k, v in per_case.items()}


def network_sizes(cursor, cases):
    """(persons, ties) of each network case, as the SQL floor counts them."""
    sizes = []
    for _, sql, params in cases:
        cursor.execute(sql, params)
        nodes, edges = cursor.fetchone()
        sizes.append((len(nodes or []), len(edges or [])))
    return sizes


def load_average():
    try:
        return os.getloadavg()
    except OSError:
        return None


# ---------------------------------------------------------------- the report


def table(results):
    lines = [
        "| read | HTTP median | HTTP p95 | throughput | SQL floor median | floor p95 | ratio (median) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['http_median_ms']:.1f} ms | {r['http_p95_ms']:.1f} ms "
            f"| {r['throughput_rps']:.1f} req/s | {r['sql_median_ms']:.1f} ms | {r['sql_p95_ms']:.1f} ms "
            f"| {r['ratio']:.1f}x |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8001")
    parser.add_argument("--dsn", required=True, help="PostgreSQL DSN of the server's database.")
    parser.add_argument("--runs", type=int, default=100, help="Sequential requests (and queries) per read.")
    parser.add_argument("--concurrency", type=int, default=4, help="Clients for the throughput run.")
    parser.add_argument("--duration", type=float, default=10, help="Seconds of the throughput run, per read.")
    parser.add_argument("--cases", type=int, default=20, help="Persons / pages each read rotates over.")
    parser.add_argument("--seed", type=int, default=1947)
    parser.add_argument("--only", help="Comma-separated names of reads to run (default: all).")
    parser.add_argument("--json", metavar="FILE", help="Also write every figure to FILE.")
    args = parser.parse_args()

    connection = psycopg2.connect(args.dsn)
    connection.set_session(readonly=True, autocommit=True)
    cursor = connection.cursor()
    cases = choose_cases(cursor, args.seed, args.cases)
    client = Client(args.base_url)
    wanted = {name.strip() for name in args.only.split(",")} if args.only else None
    load_before = load_average()
    started = time.time()
    results = {}
    for name, read_cases in reads(cases).items():
        if wanted and name not in wanted:
            continue
        hub = name.endswith("biggest hub")
        runs = max(5, args.runs // 6) if hub else args.runs
        try:
            http_times, statuses, sizes, sql_times = latencies(client, cursor, read_cases, runs)
            rps, errors = throughput(client, read_cases, args.concurrency, args.duration / (3 if hub else 1))
        except Throttled as error:
            sys.exit(str(error))
        http_median, sql_median = statistics.median(http_times), statistics.median(sql_times)
        http_by_case, sql_by_case = by_case(read_cases, http_times), by_case(read_cases, sql_times)
        results[name] = {
            "per_case": [
                {"path": path, "http_median_ms": http_by_case.get(i), "sql_median_ms": sql_by_case.get(i)}
                for i, (path, _, _) in enumerate(read_cases)
            ],
            "cases": len(read_cases),
            "runs": runs,
            "statuses": statuses,
            "throughput_errors": errors,
            "median_bytes": statistics.median(sizes),
            "http_median_ms": http_median * 1000,
            "http_p95_ms": percentile(http_times, 0.95) * 1000,
            "throughput_rps": rps,
            "concurrency": args.concurrency,
            "sql_median_ms": sql_median * 1000,
            "sql_p95_ms": percentile(sql_times, 0.95) * 1000,
            "ratio": http_median / sql_median,
        }
        if set(statuses) != {200} or errors:
            print(f"warning: {name} answered {statuses}, {errors} errors under load", file=sys.stderr)
        print(
            f"{name}: HTTP {http_median * 1000:.1f} ms, {rps:.1f} req/s; SQL {sql_median * 1000:.1f} ms",
            file=sys.stderr,
        )
    load_after = load_average()

    print(table(results))
    print()
    if "network depth 2" in results:
        # How the depth-2 network grows with the neighbourhood: one line per person.
        network_cases = reads(cases)["network depth 2"]
        sizes = network_sizes(cursor, network_cases)
        results["network depth 2"]["sizes"] = sizes
        print("| person | ties | persons within 2 | ties among them | HTTP median | SQL floor median |")
        print("|---:|---:|---:|---:|---:|---:|")
        for (pk, ties), (nodes, edges), row in sorted(
            zip(cases["persons"], sizes, results["network depth 2"]["per_case"], strict=True),
            key=lambda item: item[1][0],
        ):
            print(
                f"| {pk} | {ties} | {nodes} | {edges} | {row['http_median_ms']:.1f} ms "
                f"| {row['sql_median_ms']:.1f} ms |"
            )
        print()
    print(
        f"Cases: {len(cases['persons'])} persons from the top 1% by ties (median "
        f"{statistics.median(d for _, d in cases['persons'])} ties); the biggest hub "
        f"(person {cases['hub'][0]}) has {cases['hub'][1]} ties. Sequential runs: {args.runs} per read; "
        f"throughput: {args.concurrency} concurrent clients for {args.duration:g} s."
    )
    if load_before and load_after:
        print(
            f"Load average (1, 5, 15 min): before {load_before[0]:.2f} {load_before[1]:.2f} "
            f"{load_before[2]:.2f}, after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}."
        )
    if args.json:
        with open(args.json, "w") as out:
            json.dump(
                {
                    "started": started,
                    "machine": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_before": load_before,
                    "load_after": load_after,
                    "base_url": args.base_url,
                    "hub": cases["hub"],
                    "persons": cases["persons"],
                    "results": results,
                },
                out,
                indent=2,
            )
    connection.close()


if __name__ == "__main__":
    main()
