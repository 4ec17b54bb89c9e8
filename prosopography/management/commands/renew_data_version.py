"""Give the data a new epoch (common/changes.py), so that no answer kept in the cache
before is served again. Run it after restoring a database from a backup."""

from django.core.management.base import BaseCommand

from common import changes


class Command(BaseCommand):
    help = "Start a new data version epoch: cached answers built before are no longer served."

    def handle(self, *args, **options):
        before = changes.current(using="default")
        changes.fold_counters()
        changes.renew_epoch()
        self.stdout.write(f"data version {before} -> {changes.current(using='default')}")
