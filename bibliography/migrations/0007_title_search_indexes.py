"""Trigram GIN indexes on the normalised titles of works and editions
(PostgreSQL only), through `serge_normalize`, the immutable function created by
prosopography's migration 0014: the title half of a search answered by an index.
"""
from django.db import migrations

INDEXES = {
    "bibliography_work_title_norm_trgm": ("bibliography_work", "title"),
    "bibliography_edition_title_norm_trgm": ("bibliography_edition", "title"),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (serge_normalize({column}) gin_trgm_ops)"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('bibliography', '0006_work_not_merged_into_itself'),
        ('prosopography', '0014_search_normalize_function'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
