"""Print what the fixture pipeline finds in the documents, without writing anything:
records per kind, mentions per document and per rule, unresolved mentions, the
most-mentioned persons, contested facts, skipped name forms, and the thesis
bibliography's sections (entries, parsed, curated by hand).

    python manage.py pipeline_report [--seeds DIR] [--top 20]
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataset.build import build_dataset
from prosopography.ingest.curated import CurationError


class Command(BaseCommand):
    help = "Report what the fixture pipeline finds (writes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default=str(settings.SEEDS_DIR))
        parser.add_argument("--top", type=int, default=20)

    def handle(self, *args, **options):
        try:
            _, report = build_dataset(options["seeds"])
        except CurationError as exc:
            raise CommandError(str(exc)) from exc
        world, matches, out = report["world"], report["matches"], self.stdout.write
        out("Records")
        for kind in ("persons", "organisations", "places", "events"):
            out(f"  {kind:15} {len(getattr(world, kind)):6}")
        for kind in ("relationships", "memberships", "claims"):
            out(f"  {kind:15} {len(getattr(world, kind)):6} (as read, before merging readings)")
        out(f"  {'citations':15} {report['citations']:6}")
        out("Mentions per document (total / unresolved)")
        per_doc = Counter(m.source for m in matches)
        unresolved = Counter(m.source for m in matches if not m.target)
        for source in sorted(per_doc):
            out(f"  {source}  {per_doc[source]:6} / {unresolved[source]}")
        out("Mentions per rule")
        for rule, n in sorted(Counter(m.rule for m in matches).items()):
            out(f"  {rule:20} {n:6}")
        names = {key: rec["name"] for key, rec in world.persons.items()}
        out(f"Top {options['top']} persons by mentions")
        persons = Counter(m.target[1] for m in matches if m.target and m.target[0] == "persons")
        for key, n in persons.most_common(options["top"]):
            out(f"  {n:6}  {names[key]} ({key})")
        out(f"Unresolved surface forms (top {options['top']})")
        for form, n in Counter(m.surface for m in matches if not m.target).most_common(options["top"]):
            out(f"  {n:6}  {form}")
        for verdict, title in (
            ("contested", "Contested facts (readings that cannot both be true)"),
            ("refinement", "Refinements (readings that differ in precision only)"),
        ):
            lines = [line for line in report["contested"] if line.startswith(verdict)]
            kinds = Counter(line.split(": ")[2].split(" ")[0] for line in lines)
            out(f"{title}: {len(lines)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
            for line in lines[: options["top"]]:
                out(f"  {line}")
        found = report.get("disagreements") or {}
        out(
            "Disagreements between the documents (fixtures/curated/disagreements.yaml): "
            f"{found.get('taken', 0)} kept as readings "
            f"({', '.join(f'{k} {n}' for k, n in (found.get('taken_by_kind') or {}).items())}), "
            f"{found.get('left_for_curators', 0)} left for curators"
        )
        for item in found.get("left") or []:
            out(f"  #{item['index']} {item['subject']} ({item['property']}): {item['reason']}")
        out(f"Name forms skipped as unsafe to match: {len(report['index'].skipped)}")
        out("Thesis bibliography (section: entries / parsed / curated by hand)")
        for section in report["bibliography"]["sections"]:
            out(
                f"  {section['section']:6} {section['entries']:4} / {section['parsed']:4} / "
                f"{section['curated']:3}  {section['heading'][:60]}"
            )
        out(f"  unparsed entries: {len(report['bibliography']['unparsed'])}")
        cited = report["bibliography"]["cited"]
        out(
            f"Works cited in the documents (fixtures/curated/cited/, {cited['files']} files): "
            f"{cited['works']} works ({cited['already_in_thesis']} already in the thesis bibliography, "
            f"{cited['new_works']} new), {cited['mentions']} mentions of works, {cited['extracts']} extracts"
        )
