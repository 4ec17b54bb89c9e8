"""Indexes found by the benchmarks (docs/benchmarks.md), at 100,000 persons:

* the person list reads unmerged persons in sort order, a page at a time: a
  partial index on (sort_name, id) serves it without sorting;
* search matches name forms with LIKE '%...%' and trigram similarity: on
  PostgreSQL a trigram GIN index on the normalised name forms answers both
  (223 ms -> 13 ms for one query). SQLite has no such index, so this one is
  created on PostgreSQL only (like the extensions of migration 0004).
"""
from django.db import migrations, models

TRIGRAM_INDEX = "prosopography_alias_normalized_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON prosopography_alias "
            "USING gin (normalized gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('prosopography', '0005_slug_made_on_save'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('merged_into__isnull', True)), fields=['sort_name', 'id'],
                               name='person_live_sort_idx'),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
