"""Load the committed fixtures into an empty database (the set-up command uses it).

Does nothing when the database already holds persons, so that curators' work is
never overwritten; --force loads anyway (loaddata updates records by primary key).

Every record loaded gets its first history entry, "loaded from <file> of release
<version>" (common/history.py), so that a curator's first edit can be reverted to
the value as loaded. The version is --release, or else the fixture file's own
SHA-256 (its first 12 digits), which names exactly the data loaded."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from common.history import collect_raw_saves, record_baseline
from prosopography.models import Person

FIXTURE_FILES = ["prosopography.json", "bibliography.json"]


def file_version(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()[:12]


class Command(BaseCommand):
    help = "Load fixtures/*.json into an empty database, with a history entry for every record."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")
        parser.add_argument(
            "--release", help="The version the fixtures belong to, named in each record's first history entry"
        )

    def handle(self, *args, **options):
        already = Person.objects.exists()
        if already and not options["force"]:
            self.stdout.write("The database already holds data; nothing loaded (use --force).")
            return
        paths = [
            Path(settings.BASE_DIR) / "fixtures" / name
            for name in FIXTURE_FILES
            if (Path(settings.BASE_DIR) / "fixtures" / name).exists()
        ]
        with transaction.atomic():
            for path in paths:
                version = options["release"] or file_version(path)
                with collect_raw_saves() as loaded:
                    call_command("loaddata", str(path), verbosity=options["verbosity"])
                written = record_baseline(
                    loaded, f"loaded from {path.name} of release {version}", update=already
                )
                if options["verbosity"]:
                    self.stdout.write(
                        f"History: {sum(written.values())} entries for {path.name} ({version})."
                    )
