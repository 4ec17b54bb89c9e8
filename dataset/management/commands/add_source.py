"""Add a document to a database that already holds data (prosopography/ingest/live.py).

    manage.py add_source path/to/005_memoir.txt --title "…" [--description "…"] [--reingest]

Finds every name form of every current person, organisation and place in the text
with the pipeline's rules, and writes the Source, the mentions (machine-found or
unresolved, for the review queue), co-mentions and their history. Creates or changes
no curated record. Prints a report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prosopography.ingest.live import IngestError, ingest_document, read_document


class Command(BaseCommand):
    help = "Add a UTF-8 text document to the database: its mentions of the records already there."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--title", required=True)
        parser.add_argument("--description", default="", help="Its bibliographic description")
        parser.add_argument("--name", help="The file name to record (default: the file's own)")
        parser.add_argument(
            "--reingest", action="store_true", help="Accept a changed text for a source already there"
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            text = read_document(path.read_bytes())
            report = ingest_document(
                options["name"] or path.name,
                text,
                title=options["title"],
                description=options["description"],
                reingest=options["reingest"],
            )
        except IngestError as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
