"""Adding a document to a database that already holds data (`manage.py add_source`).

The pipeline's mention finder (`mentions.py`: whole words, longest form first, the
same resolution rules) is run over the new text with the name forms of the records
as they are now in the database (curators' edits included, merged duplicates left
out), not the curated YAML: after the first load the database is the source of truth.

What it writes, and nothing else:
- the Source (file name, title, description, SHA-256 and length; the text itself
  stays out of the database and the repository, as for the five documents);
- one Mention per match: `machine` when a rule resolved it, `unresolved` with its
  candidates otherwise, for the review queue;
- the co-mentions of the persons it names in the same paragraph (added to the
  weights already there);
- a history entry for each of these ("added from <file> (sha256:…)").
It never creates, changes or deletes a person, organisation, place or work.

Idempotent: the same text again changes nothing. A changed text is refused unless
re-ingested on purpose (`reingest=True`): then the mentions whose span no longer
reads the same are flagged `unresolved` (rule `text-changed`) for a curator, not
deleted, and new matches are added.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F

from common.history import record_baseline

from ..models import CoMention, Mention, MentionStatus, Organisation, Person, Place, Source
from . import mentions as finder

KIND_FIELD = {"persons": "person", "organisations": "organisation", "places": "place"}


class IngestError(Exception):
    """The document cannot be added as it is; the message says why."""


@dataclass
class IngestReport:
    file_name: str
    checksum: str
    created_source: bool = False
    unchanged: bool = False
    new_mentions: Counter = field(default_factory=Counter)  # kind -> resolved mentions added
    unresolved: Counter = field(default_factory=Counter)  # surface -> unresolved mentions added
    kept: int = 0  # matches already in the database (a rerun), left as they are
    flagged: int = 0  # mentions whose span no longer reads the same (re-ingest)
    rules: Counter = field(default_factory=Counter)
    top: list = field(default_factory=list)  # [(kind, id, name, mentions added)]
    skipped_forms: int = 0
    co_mentions: int = 0

    def lines(self):
        if self.unchanged:
            return [
                f"{self.file_name}: already ingested with this text "
                f"(sha256 {self.checksum[:12]}); nothing changed."
            ]
        out = [
            f"{self.file_name} (sha256 {self.checksum[:12]}): "
            + ("new source" if self.created_source else "source re-ingested"),
            "Mentions added (resolved)",
            *(f"  {kind:<14} {self.new_mentions[kind]:>6}" for kind in KIND_FIELD),
            f"Mentions added, unresolved (for the review queue): {sum(self.unresolved.values())}",
            *(f"  {n:>5}  {form}" for form, n in self.unresolved.most_common(20)),
            f"Matches already in the database, left as they are: {self.kept}",
            f"Mentions flagged for review because the text changed: {self.flagged}",
            "Rules: " + ", ".join(f"{rule} {n}" for rule, n in sorted(self.rules.items())),
            f"Co-mention pairs added or strengthened: {self.co_mentions}",
            f"Name forms skipped as unsafe to match: {self.skipped_forms}",
            "Most mentioned",
            *(f"  {n:>5}  {name} ({kind} {pk})" for kind, pk, name, n in self.top),
            "No person, organisation, place or work was created or changed.",
        ]
        return out


def read_document(data):
    """The text of an upload or a file: UTF-8, not empty; IngestError otherwise."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"The document is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8."
        ) from None
    if not text.strip():
        raise IngestError("The document is empty.")
    return text


def checksum_of(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def world_from_database():
    """The current records with their name forms, in the shape the finder reads
    (`world.persons[key] = {"name", "names": [{"name", "type"}]}`), keyed by id."""
    world = SimpleNamespace(persons={}, organisations={}, places={}, drop_names={})
    for person in Person.objects.current().prefetch_related("aliases"):
        world.persons[person.pk] = {
            "name": person.name,
            "names": [{"name": a.name, "type": a.type} for a in person.aliases.all()],
        }
    for organisation in Organisation.objects.current().prefetch_related("names"):
        world.organisations[organisation.pk] = {
            "name": organisation.name,
            "names": [{"name": n.name} for n in organisation.names.all()],
        }
    for place in Place.objects.prefetch_related("names"):
        world.places[place.pk] = {"name": place.name, "names": [{"name": n.name} for n in place.names.all()]}
    return world


def ingest_document(file_name, text, *, title, description="", reingest=False):
    """Add (or, on purpose, re-ingest) one document; returns an IngestReport."""
    checksum = checksum_of(text)
    report = IngestReport(file_name, checksum)
    reason = f"added from {file_name} (sha256:{checksum[:12]})"
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(file_name=file_name).first()
        if source is not None and source.checksum == checksum:
            report.unchanged = True
            return report
        if source is not None and not reingest:
            raise IngestError(
                f"{file_name} is already in the database with another text (sha256 "
                f"{source.checksum[:12]}, now {checksum[:12]}): its mentions' offsets would no "
                "longer fit. Re-ingest it on purpose (--reingest) to flag those for review."
            )
        if source is None:
            source = Source(
                file_name=file_name, title=title, description=description, checksum=checksum, length=len(text)
            )
            source._change_reason = reason  # the history entry says where it came from
            source.save()
            report.created_source = True
        else:
            source.checksum, source.length = checksum, len(text)
            source.title, source.description = title or source.title, description or source.description
            source._change_reason = f"re-ingested: {reason}"
            source.save()
            report.flagged = _flag_changed_spans(source, text, reason)

        world = world_from_database()
        index = finder.build_index(world, {file_name: text})
        report.skipped_forms = len(index.skipped)
        matches = finder.resolve(finder.find(file_name, text, index))
        created = _write_mentions(source, text, matches, report)
        record_baseline(created, reason)
        if report.created_source:
            report.co_mentions = _add_co_mentions(matches)
        report.top = _most_mentioned(created, world)
    return report


def _flag_changed_spans(source, text, reason):
    changed = [
        m
        for m in source.mentions.exclude(status=MentionStatus.REJECTED)
        if text[m.start : m.end] != m.surface
    ]
    for m in changed:
        m.status, m.rule = MentionStatus.UNRESOLVED, "text-changed"
    Mention.objects.bulk_update(changed, ["status", "rule"], batch_size=500)
    record_baseline(changed, f"flagged: the text changed; {reason}", update=True)
    return len(changed)


def _write_mentions(source, text, matches, report):
    existing = set(source.mentions.values_list("start", "end"))
    new, candidates = [], []
    for m in matches:
        if (m.start, m.end) in existing:
            report.kept += 1
            continue
        a, b = finder.snippet_bounds(text, m.start, m.end)
        mention = Mention(
            source=source,
            start=m.start,
            end=m.end,
            surface=m.surface,
            snippet=text[a:b],
            paragraph=m.paragraph,
            status=MentionStatus.MACHINE if m.target else MentionStatus.UNRESOLVED,
            rule=m.rule,
        )
        if m.target:
            kind, pk = m.target
            setattr(mention, f"{KIND_FIELD[kind]}_id", pk)
            report.new_mentions[kind] += 1
        else:
            report.unresolved[m.surface] += 1
        report.rules[m.rule] += 1
        new.append(mention)
        candidates.append([pk for kind, pk in m.candidates if kind == "persons"])
    created = Mention.objects.bulk_create(new, batch_size=500)
    if not all(m.pk for m in created):  # a database that does not return ids on bulk insert
        ids = dict(source.mentions.values_list("start", "pk"))
        for m in created:
            m.pk = m.id = ids[m.start]
    through = Mention.candidates.through
    through.objects.bulk_create(
        [
            through(mention_id=m.pk, person_id=pk)
            for m, pks in zip(created, candidates, strict=True)
            for pk in pks
        ],
        batch_size=1000,
    )
    return created


def _add_co_mentions(matches):
    weights = finder.co_mentions([m for m in matches if m.target])
    pairs = {tuple(sorted(pair)): weight for pair, weight in weights.items()}
    if not pairs:
        return 0
    existing = {
        (c.first_id, c.second_id): c
        for c in CoMention.objects.filter(
            first_id__in={a for a, _ in pairs}, second_id__in={b for _, b in pairs}
        )
    }
    new = []
    for (a, b), weight in pairs.items():
        if (a, b) in existing:
            CoMention.objects.filter(pk=existing[(a, b)].pk).update(weight=F("weight") + weight)
        else:
            new.append(CoMention(first_id=a, second_id=b, weight=weight))
    CoMention.objects.bulk_create(new, batch_size=1000)
    return len(pairs)


def _most_mentioned(created, world, limit=10):
    counts = Counter()
    for m in created:
        for kind, name in KIND_FIELD.items():
            pk = getattr(m, f"{name}_id")
            if pk:
                counts[(kind, pk)] += 1
    names = defaultdict(dict, {kind: getattr(world, kind) for kind in KIND_FIELD})
    return [(kind, pk, names[kind][pk]["name"], n) for (kind, pk), n in counts.most_common(limit)]
