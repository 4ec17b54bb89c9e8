"""The fixture pipeline, from the curated files and the five documents to the text of
fixtures/*.json, as one plain function (build_dataset) that commands and tests call.

It writes nothing: it returns {file name: text} and a report, and the build_fixtures
command decides whether to write or only compare (--check).  Running it twice gives
byte-identical text.
"""

from pathlib import Path

from django.conf import settings

from bibliography import cited
from bibliography import fixtures as bibliography_fixtures
from bibliography.thesis import SOURCE as THESIS
from bibliography.thesis import parse_thesis_bibliography
from prosopography.ingest import curated, fixtures, mentions

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CURATED = FIXTURES / "curated"

# The kinds of records with permanent ids: fixture model -> ids.yaml kind.
ID_KINDS = {
    "prosopography.source": "sources",
    "prosopography.person": "persons",
    "prosopography.organisation": "organisations",
    "prosopography.place": "places",
    "prosopography.event": "events",
    "bibliography.work": "works",
    "bibliography.periodical": "periodicals",
}


def emitted_ids(*writers):
    """{ids.yaml kind: primary keys written} for the kinds with permanent ids."""
    emitted = {}
    for writer in writers:
        for record in writer.records:
            if record["model"] in ID_KINDS:
                emitted.setdefault(ID_KINDS[record["model"]], set()).add(record["pk"])
    return emitted


def build_dataset(seeds_dir, curated_dir=CURATED, assign_ids=False):
    """Run the pipeline; return ({file name under fixtures/: text}, report).

    The steps: read the curated world and the documents (checked against their
    checksums); parse the thesis bibliography and add the works cited elsewhere;
    find and resolve the mentions; write the prosopography's records, then the
    bibliography's (whose mention ids follow the prosopography's); check that no
    permanent id was dropped."""
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
    report.update(
        world=world,
        index=index,
        matches=matches,
        bibliography=bibliography.report,
        disagreements=world.disagreements,
    )
    outputs = {
        "prosopography.json": writer.dumps(),
        "bibliography.json": bib_writer.dumps(),
        "curated/ids.yaml": fixtures.dump_ids(world.ids),
    }
    return outputs, report
