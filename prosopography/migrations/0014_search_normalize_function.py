"""Search served by indexes (issue 18, docs/benchmarks.md).

PostgreSQL: `serge_normalize(text)`, an IMMUTABLE SQL function wrapping unaccent
(with its dictionary named, which is what makes it safe to declare immutable),
lower-casing and the same punctuation rule as common.text.normalize; and trigram
GIN indexes on `serge_normalize(...)` of the names of persons, organisations and
places and of the mention snippets. common.search.Normalized calls the function,
so `LIKE '%q%'` on a name is answered by the index instead of computing unaccent
for every row (the person half of a search at 100,000 persons: a sequential scan
of ~105 ms).

SQLite: an FTS5 index of the mention snippets (tokenizer unicode61 with
diacritics removed, so case and accents are ignored), kept in step with the table
by triggers, so a search of the passages no longer normalises every snippet in
Python. Where FTS5 is missing the table is not created and the search falls back
to the slow path (common.search.fts_available).
"""
from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION serge_normalize(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)),
                               '[^a-z0-9]+', ' ', 'g')) $$
"""

INDEXES = {
    "prosopography_person_name_norm_trgm": ("prosopography_person", "name"),
    "prosopography_org_name_norm_trgm": ("prosopography_organisation", "name"),
    "prosopography_place_name_norm_trgm": ("prosopography_place", "name"),
    "prosopography_mention_snippet_norm_trgm": ("prosopography_mention", "snippet"),
}

FTS = [
    "CREATE VIRTUAL TABLE prosopography_mention_fts USING fts5(snippet, content='prosopography_mention', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER prosopography_mention_fts_ai AFTER INSERT ON prosopography_mention BEGIN "
    "INSERT INTO prosopography_mention_fts(rowid, snippet) VALUES (new.id, new.snippet); END",
    "CREATE TRIGGER prosopography_mention_fts_ad AFTER DELETE ON prosopography_mention BEGIN "
    "INSERT INTO prosopography_mention_fts(prosopography_mention_fts, rowid, snippet) "
    "VALUES ('delete', old.id, old.snippet); END",
    "CREATE TRIGGER prosopography_mention_fts_au AFTER UPDATE OF snippet ON prosopography_mention BEGIN "
    "INSERT INTO prosopography_mention_fts(prosopography_mention_fts, rowid, snippet) "
    "VALUES ('delete', old.id, old.snippet); "
    "INSERT INTO prosopography_mention_fts(rowid, snippet) VALUES (new.id, new.snippet); END",
    "INSERT INTO prosopography_mention_fts(prosopography_mention_fts) VALUES ('rebuild')",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (serge_normalize({column}) gin_trgm_ops)"
            )
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            try:
                cursor.execute("CREATE VIRTUAL TABLE temp.serge_fts5_probe USING fts5(x)")
                cursor.execute("DROP TABLE temp.serge_fts5_probe")
            except Exception:  # no FTS5 in this SQLite: search keeps its slow path
                return
        for statement in FTS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute("DROP FUNCTION IF EXISTS serge_normalize(text)")
    elif vendor == "sqlite":
        for trigger in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS prosopography_mention_fts_{trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS prosopography_mention_fts")


class Migration(migrations.Migration):

    dependencies = [
        ('prosopography', '0013_name_forms_printed'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
