"""Installs the controlled vocabulary of relationship types (see vocabulary.py)."""
from django.db import migrations


def install(apps, schema_editor):
    from prosopography.vocabulary import install as install_types

    install_types(apps.get_model("prosopography", "RelationshipType"))


class Migration(migrations.Migration):
    dependencies = [("prosopography", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
