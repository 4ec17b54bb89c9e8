"""The curators' person search (admin changelist and autocomplete) by an index.

Name forms (Alias.normalized) have had a trigram GIN index since 0006. A person's
preferred name had none: the admin matched it with UPPER(name) LIKE '%...%' over
every person. On PostgreSQL this migration adds

* `serge_unaccent(text)`, unaccent() declared IMMUTABLE (unaccent itself is only
  STABLE, since its dictionary could change, so it cannot appear in an index);
* a trigram GIN index on the normalised preferred name, the very expression that
  `prosopography.curation.IndexedNormalized` writes, so that a LIKE '%kibal%' on
  it is answered from the index.

SQLite has neither: there the search normalises in Python (correct, not indexed).
"""
from django.db import migrations

FUNCTION = "serge_unaccent"
INDEX = "prosopography_person_name_norm_trgm"
EXPRESSION = "btrim(regexp_replace(lower(public.serge_unaccent((name)::text)), '[^a-z0-9]+', ' ', 'g'))"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION public.{FUNCTION}(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON prosopography_person USING gin (({EXPRESSION}) gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS public.{FUNCTION}(text)")


class Migration(migrations.Migration):

    dependencies = [
        ("prosopography", "0011_readings_of_any_property"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
