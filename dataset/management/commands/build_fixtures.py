"""Regenerate fixtures/*.json from the curated files and the five documents
(the pipeline itself is dataset/build.py).

    python manage.py build_fixtures [--seeds DIR] [--assign-ids] [--check]

The documents are read from --seeds (default: settings.SEEDS_DIR) and checked
against their checksums. Running it twice writes byte-identical files; --check
writes nothing and fails if the committed fixtures are not what it would write.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataset.build import CURATED, FIXTURES, build_dataset
from prosopography.ingest.curated import CurationError


class Command(BaseCommand):
    help = "Regenerate the fixtures from the curated files and the source documents."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds", default=str(settings.SEEDS_DIR), help="Directory holding the five source documents."
        )
        parser.add_argument(
            "--assign-ids",
            action="store_true",
            help="Give new records their permanent ids (appended to ids.yaml).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail if the fixtures on disk differ."
        )

    def handle(self, *args, **options):
        try:
            outputs, report = build_dataset(options["seeds"], CURATED, options["assign_ids"])
        except CurationError as exc:
            raise CommandError(str(exc)) from exc
        stale = []
        for name, text in outputs.items():
            path = FIXTURES / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                stale.append(name)
                if not options["check"]:
                    path.write_text(text, encoding="utf-8")
        if options["check"] and stale:
            raise CommandError(f"Fixtures out of date: {', '.join(stale)}. Run build_fixtures.")
        matches = report["matches"]
        unresolved = sum(1 for m in matches if not m.target)
        self.stdout.write(
            f"{len(report['world'].persons)} persons, {len(report['world'].organisations)} organisations, "
            f"{len(report['world'].places)} places, {len(matches)} mentions ({unresolved} unresolved), "
            f"{report['citations']} citations; "
            f"{sum(line.startswith('contested') for line in report['contested'])} contested facts, "
            f"{sum(line.startswith('refinement') for line in report['contested'])} refinements. "
            + (
                "Up to date."
                if not stale
                else f"{'Stale' if options['check'] else 'Wrote'}: {', '.join(stale)}"
            )
        )
