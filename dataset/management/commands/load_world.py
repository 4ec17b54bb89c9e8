"""Load the committed fixtures into an empty database (the set-up command uses it).

Does nothing when the database already holds persons, so that curators' work is
never overwritten; --force loads anyway (loaddata updates records by primary key)."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from prosopography.models import Person

FIXTURE_FILES = ["prosopography.json", "bibliography.json"]


class Command(BaseCommand):
    help = "Load fixtures/*.json into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, **options):
        if Person.objects.exists() and not options["force"]:
            self.stdout.write("The database already holds data; nothing loaded (use --force).")
            return
        files = [
            str(Path(settings.BASE_DIR) / "fixtures" / name)
            for name in FIXTURE_FILES
            if (Path(settings.BASE_DIR) / "fixtures" / name).exists()
        ]
        call_command("loaddata", *files, verbosity=options["verbosity"])
