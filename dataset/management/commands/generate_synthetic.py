"""Fill a database with synthetic records of realistic shape, for load tests.

    python manage.py generate_synthetic --scale 1.0 [--seed 1890]

What is generated, and its shape: dataset/synthetic/__init__.py.
"""

from django.core.management.base import BaseCommand

from dataset.synthetic import SyntheticWorld


class Command(BaseCommand):
    help = "Add synthetic persons, names, ties, mentions and works of realistic shape (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=0.01,
            help="1.0 = 100,000 persons, 1,000,000 mentions (default 0.01).",
        )
        parser.add_argument("--seed", type=int, default=1890, help="Random seed, for repeatable data.")

    def handle(self, *args, scale, seed, **options):
        SyntheticWorld(scale, seed, self.stdout.write, self.style.SUCCESS).generate()
