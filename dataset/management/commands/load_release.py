"""Load a release written by `manage.py release` into an empty database
(dataset/restore.py): the same records, ids and counts.

manage.py load_release releases/2026.1
"""

import time

from django.core.management.base import BaseCommand, CommandError

from dataset.restore import ReleaseError, load_release


class Command(BaseCommand):
    help = "Load a release directory (datapackage.json, data/*.csv, SHA256SUMS) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The release's directory, e.g. releases/2026.1")

    def handle(self, *args, directory, **options):
        started = time.monotonic()
        verbose = options["verbosity"] > 1

        def progress(name, rows):
            if verbose:
                self.stdout.write(f"  {name}: {rows} rows")

        try:
            version, counts, history = load_release(directory, progress=progress)
        except ReleaseError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Release {version}: {sum(counts.values())} rows in {len(counts)} tables, "
            f"{history} history entries, in {time.monotonic() - started:.1f} s."
        )
