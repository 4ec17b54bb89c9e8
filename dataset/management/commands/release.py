"""Write a citable, reproducible release of the live database (dataset/release.py).

manage.py release 2026.1 --into releases/ [--base-url https://…] [--date 2026-12-01]
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataset.release import build_release


def default_base_url():
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "testserver") and not h.startswith(".")]
    return f"https://{hosts[0]}" if hosts else "http://localhost"


class Command(BaseCommand):
    help = (
        "Write a release <version> of the database: data package, exports, README, CITATION.cff, SHA256SUMS."
    )

    def add_arguments(self, parser):
        parser.add_argument("version")
        parser.add_argument(
            "--into", default=getattr(settings, "RELEASES_DIR", "releases"), help="Directory of releases"
        )
        parser.add_argument("--base-url", help="The site's public address (default: the first allowed host)")
        parser.add_argument("--date", help="Release date, YYYY-MM-DD (default: the latest change recorded)")
        parser.add_argument(
            "--with-review",
            action="store_true",
            help="Add the curators' part (mentions awaiting review or rejected, their candidates, "
            "distinct-records decisions): for a backup that load_release gives back whole",
        )

    def handle(self, *args, version, **options):
        if not version or "/" in version or version.startswith("."):
            raise CommandError(f"Not a usable version name: {version!r}")
        date = None
        if options["date"]:
            try:
                date = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: not a date (YYYY-MM-DD): {options['date']}") from None
        files = build_release(
            version,
            options["into"],
            base_url=(options["base_url"] or default_base_url()).rstrip("/"),
            date=date,
            review=options["with_review"],
        )
        self.stdout.write(f"Release {version}: {len(files)} files in {options['into']}/{version}/")
