"""manage.py reconcile_csv IN.csv OUT.csv: match a list of names against the database."""

from django.core.management.base import BaseCommand, CommandError

from reconcile.bulk import reconcile_csv
from reconcile.matching import BadValue


class Command(BaseCommand):
    help = "Reconcile a CSV of names (name; optional type, birth, death): add candidates and match flags."

    def add_arguments(self, parser):
        parser.add_argument("input")
        parser.add_argument("output")

    def handle(self, *args, **options):
        try:
            with (
                open(options["input"], newline="", encoding="utf-8-sig") as src,
                open(options["output"], "w", newline="", encoding="utf-8") as dst,
            ):
                count = reconcile_csv(src, dst)
        except (OSError, BadValue) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{count} rows reconciled into {options['output']}.")
