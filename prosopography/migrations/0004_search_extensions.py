"""PostgreSQL extensions that search uses: pg_trgm (similarity of near spellings)
and unaccent (accent-free matching of names and titles).

Django's CreateExtension operations do nothing on other databases, so SQLite
(where search normalises names in Python instead) migrates unchanged."""
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('prosopography', '0003_comention'),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
    ]
