"""Regenerate fixtures/*.json from the curated files and the five documents.

    python manage.py build_fixtures [--seeds DIR] [--assign-ids] [--check]

The documents are read from --seeds (default: settings.SEEDS_DIR) and checked
against their checksums. Running it twice writes byte-identical files; --check
writes nothing and fails if the committed fixtures are not what it would write.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bibliography import cited
from bibliography import fixtures as bibliography_fixtures
from bibliography.thesis import SOURCE as THESIS
from bibliography.thesis import parse_thesis_bibliography
from prosopography.ingest import curated, fixtures, mentions

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def emitted_ids(*writers):
    """{ids.yaml kind: primary keys written} for the kinds with permanent ids."""
    kinds = {
        "prosopography.source": "sources",
        "prosopography.person": "persons",
        "prosopography.organisation": "organisations",
        "prosopography.place": "places",
        "prosopography.event": "events",
        "bibliography.work": "works",
        "bibliography.periodical": "periodicals",
    }
    emitted = {}
    for writer in writers:
        for record in writer.records:
            if record["model"] in kinds:
                emitted.setdefault(kinds[record["model"]], set()).add(record["pk"])
    return emitted


def build(seeds_dir, curated_dir, assign_ids=False):
    """Run the pipeline; return {file name: text} of what it would write, and its report."""
    world = curated.load(curated_dir)
    texts = curated.read_documents(seeds_dir, world.sources)
    bibliography = parse_thesis_bibliography(texts[THESIS])
    bibliography.report["cited"] = cited.add_cited_works(bibliography, texts)
    bibliography_fixtures.merge_entities(world, bibliography)
    index = mentions.build_index(world, texts)
    matches = []
    for file_name in sorted(texts):
        matches.extend(mentions.resolve(mentions.find(file_name, texts[file_name], index)))
    writer, report = fixtures.build(world, texts, matches, allow_new_ids=assign_ids)
    bib_writer = bibliography_fixtures.build(
        bibliography,
        world.ids,
        world.as_of,
        assign_ids,
        first_mention_pk=writer.counters["prosopography.mention"] + 1,
        moved=world.moved,
    )
    fixtures.check_no_id_dropped(world.ids, world, emitted_ids(writer, bib_writer))
    report.update(world=world, index=index, matches=matches, bibliography=bibliography.report)
    outputs = {
        "prosopography.json": writer.dumps(),
        "bibliography.json": bib_writer.dumps(),
        "curated/ids.yaml": fixtures.dump_ids(world.ids),
    }
    return outputs, report


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
            outputs, report = build(options["seeds"], FIXTURES / "curated", options["assign_ids"])
        except curated.CurationError as exc:
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
            f"{report['citations']} citations; {len(report['contested'])} contested facts. "
            + (
                "Up to date."
                if not stale
                else f"{'Stale' if options['check'] else 'Wrote'}: {', '.join(stale)}"
            )
        )
