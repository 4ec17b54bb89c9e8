"""The table that counts changes (common/changes.py): the data's version, from which
cached answers and ETags are keyed. Its triggers are (re)installed after every
migrate, so that tables added later are counted too (prosopography/apps.py)."""

from django.db import migrations

from common import changes


def create(apps, schema_editor):
    changes.create_table(schema_editor.connection)


def drop(apps, schema_editor):
    changes.drop_table(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("prosopography", "0017_history_reasons_as_text")]

    operations = [migrations.RunPython(create, drop)]
