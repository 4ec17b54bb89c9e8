"""A citable release of the live database (`manage.py release <version> <directory>`).

The package, in `<directory>/<version>/`:
- `datapackage.json` and `data/*.csv`: a Frictionless Data Package, one CSV table per
  kind of record with its Table Schema (types, primary key, foreign keys);
- the exports the API offers, written by the same code: the TEI personography and
  the network as GEXF and GraphML, the bibliography as CSL-JSON, BibTeX and RIS,
  the mentions as W3C Web Annotations;
- the JSON-LD of every current person, organisation, place and work (dataset/jsonld.py,
  the nodes the pages embed) and `ro-crate-metadata.json` (RO-Crate 1.1);
- `README.md` (with what changed since the previous release in the same directory:
  rows added, changed, removed and records merged, per table), `CITATION.cff` and
  `SHA256SUMS` (of every other file).

Reproducible: the same database state gives byte-identical files. Rows are ordered
by id, and the only date written is the release's (`--date`, by default the date of
the latest change the history records), so nothing depends on the clock.

Mentions: the table holds those a reader sees (machine-found and confirmed), as the
API and the pages count them; unresolved and rejected ones stay in the database.
"""

import csv
import datetime
import hashlib
import io
import json
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max
from django.test import RequestFactory, override_settings
from django.urls import resolve
from django.utils.http import urlencode

from bibliography import models as bib
from common.history import history_manager
from prosopography import models as pros
from prosopography.models.evidence import SHOWN_STATUSES

from . import jsonld

GEXF_DATE = re.compile(rb'lastmodifieddate="[^"]*"')
TITLE = "Victor Serge's world: persons, organisations, places, works and the evidence behind them"
NAME = "victor-serge-world"


def tables():
    """(resource name, queryset) of every table of the data package, in order."""
    return [
        ("persons", pros.Person.objects.all()),
        ("person_names", pros.Alias.objects.all()),
        ("organisations", pros.Organisation.objects.all()),
        ("organisation_names", pros.OrganisationName.objects.all()),
        ("places", pros.Place.objects.all()),
        ("place_names", pros.PlaceName.objects.all()),
        ("relationship_types", pros.RelationshipType.objects.all()),
        ("relationships", pros.Relationship.objects.all()),
        ("memberships", pros.Membership.objects.all()),
        ("events", pros.Event.objects.all()),
        ("event_participants", pros.EventParticipant.objects.all()),
        ("claims", pros.Claim.objects.all()),
        ("sources", pros.Source.objects.all()),
        ("mentions", pros.Mention.objects.shown()),
        ("citations", pros.Citation.objects.all()),
        ("co_mentions", pros.CoMention.objects.all()),
        ("periodicals", bib.Periodical.objects.all()),
        ("works", bib.Work.objects.all()),
        ("editions", bib.Edition.objects.all()),
        ("contributions", bib.Contribution.objects.all()),
        ("work_relations", bib.WorkRelation.objects.all()),
        ("holdings", bib.Holding.objects.all()),
        ("extracts", bib.Extract.objects.all()),
        ("external_identifiers", pros.ExternalIdentifier.objects.all()),
        # Links: the passages each reading cites, the persons a work is about. (A
        # mention's candidates are for the review queue and stay out.)
        ("relationship_citations", pros.Relationship.citations.through.objects.all()),
        ("membership_citations", pros.Membership.citations.through.objects.all()),
        ("event_citations", pros.Event.citations.through.objects.all()),
        ("claim_citations", pros.Claim.citations.through.objects.all()),
        ("work_about", bib.Work.about.through.objects.all()),
    ]


def review_tables():
    """The curators' part (`release --with-review`, for a backup): the review queue,
    mentions awaiting review or rejected with the candidates offered for them, and the
    decisions that two records are distinct. Not what a reader sees, so not in a
    release unless asked for."""
    return [
        ("review_mentions", pros.Mention.objects.exclude(status__in=SHOWN_STATUSES)),
        ("review_mention_candidates", pros.Mention.candidates.through.objects.all()),
        ("review_distinct_records", pros.DistinctRecords.objects.all()),
    ]


# The API's own exports, written into the package: (file, path, query).
EXPORTS = [
    ("persons.tei.xml", "/api/v1/network/", {"format": "tei"}),
    ("network.gexf", "/api/v1/network/", {"format": "gexf"}),
    ("network.graphml", "/api/v1/network/", {"format": "graphml"}),
    ("works.csl.json", "/api/v1/works/", {"format": "csl-json", "all": "1"}),
    ("works.bib", "/api/v1/works/", {"format": "bibtex", "all": "1"}),
    ("works.ris", "/api/v1/works/", {"format": "ris", "all": "1"}),
]


def _field_type(field):
    if is_content_type(field):
        return "string"
    if isinstance(field, models.ForeignKey):
        return _field_type(field.target_field)
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, (models.AutoField, models.IntegerField)):
        return "integer"
    if isinstance(field, (models.FloatField, models.DecimalField)):
        return "number"
    if isinstance(field, models.DateTimeField):
        return "datetime"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.JSONField):
        return "object"
    return "string"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        # to the microsecond: `modified` makes the ETags, and a restore gives them back
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def is_content_type(field):
    """A link to a kind of record (ContentType): its number differs from one database
    to another, so the release names the kind, "app_label.model"."""
    return isinstance(field, models.ForeignKey) and field.related_model is ContentType


def released_fields(model):
    """The columns of `model` a release carries: all but links to user accounts, which
    a release does not hold (who decided a distinct-records statement)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [f for f in model._meta.concrete_fields if not (f.many_to_one and f.related_model is user_model)]


def column(field):
    return field.name if is_content_type(field) else field.attname


def content_type_label(pk):
    kind = ContentType.objects.get_for_id(pk)
    return f"{kind.app_label}.{kind.model}"


def table_csv(queryset):
    """The table as CSV text (rows by id) and its Table Schema."""
    model = queryset.model
    fields = released_fields(model)
    kinds = [i for i, f in enumerate(fields) if is_content_type(f)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column(f) for f in fields])
    for row in queryset.order_by("pk").values_list(*[f.attname for f in fields]).iterator(chunk_size=2000):
        if kinds:
            row = list(row)
            for i in kinds:
                row[i] = content_type_label(row[i]) if row[i] is not None else None
        writer.writerow([_cell(v) for v in row])
    schema = {
        "fields": [
            {
                "name": column(f),
                "type": _field_type(f),
                **({"description": str(f.help_text)} if f.help_text else {}),
                **(
                    {"constraints": {"required": True}}
                    if not f.null and not f.blank and not f.primary_key and _field_type(f) != "string"
                    else {}
                ),
            }
            for f in fields
        ],
        "primaryKey": [model._meta.pk.attname],
    }
    return out.getvalue(), schema


def _foreign_keys(model, resource_of, leave_out=()):
    keys = []
    for field in model._meta.concrete_fields:
        if field.related_model in leave_out:
            continue
        if isinstance(field, models.ForeignKey) and field.related_model in resource_of:
            keys.append(
                {
                    "fields": [field.attname],
                    "reference": {
                        "resource": "" if field.related_model is model else resource_of[field.related_model],
                        "fields": [field.related_model._meta.pk.attname],
                    },
                }
            )
    return keys


def data_as_of():
    """The date of the latest change the history records (UTC): the state released."""
    return latest_change().date()


def latest_change():
    """The time of the latest change the history records (UTC), to the microsecond:
    the moment a release shows (`?release=` rebuilds records as of then)."""
    latest = None
    for model in apps.get_models():
        manager = history_manager(model)
        if manager is None or model.__name__.startswith("Historical"):
            continue
        when = manager.aggregate(latest=Max("history_date"))["latest"]
        if when and (latest is None or when > latest):
            latest = when
    return (latest or datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)).astimezone(datetime.UTC)


def api_export(path, query, base_url):
    """An export as the API writes it, made in process (no network, no throttle)."""
    scheme, host = base_url.split("://", 1)
    request = RequestFactory().get(f"{path}?{urlencode(query)}", HTTP_HOST=host, secure=(scheme == "https"))
    match = resolve(path)
    # The public address need not be one this process serves (a release is often
    # written on another machine): it is only how the exports name the records.
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, host.split(":")[0]]):
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    if response.status_code != 200:
        raise RuntimeError(f"{path} {query}: {response.status_code}")
    return response.getvalue() if response.streaming else response.content


def annotations(base_url):
    """Every mention a reader sees as a W3C Web Annotation, in one AnnotationCollection
    (the API's own mapping, prosopography/api/renderers.py)."""
    from prosopography.api.renderers import ANNOTATION_CONTEXT, mention_to_annotation
    from prosopography.api.serializers import MentionSerializer

    scheme, host = base_url.split("://", 1)
    request = RequestFactory().get("/api/v1/mentions/", HTTP_HOST=host, secure=(scheme == "https"))
    items = []
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, host.split(":")[0]]):
        queryset = pros.Mention.objects.shown().select_related("source").order_by("pk")
        for mention in queryset.iterator(chunk_size=2000):
            data = MentionSerializer(mention, context={"request": request}).data
            items.append({k: v for k, v in mention_to_annotation(data, request).items() if k != "@context"})
    document = {
        "@context": ANNOTATION_CONTEXT,
        "id": f"{base_url}/api/v1/mentions/",
        "type": "AnnotationCollection",
        "label": "Mentions of persons, organisations, places and works in the source documents",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _version_key(name):
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in name.replace("-", ".").split(".")
    ]


def previous_release(directory, version):
    """The latest release in `directory` before `version` (by version number), or None."""
    base = Path(directory)
    if not base.is_dir():
        return None
    earlier = [
        p
        for p in base.iterdir()
        if p.is_dir() and (p / "SHA256SUMS").is_file() and _version_key(p.name) < _version_key(version)
    ]
    return max(earlier, key=lambda p: _version_key(p.name), default=None)


def changes_since(previous_root, files):
    """{table: (added, changed, removed)} between the previous release's tables and
    these, by id; and the persons, organisations and works merged since."""
    changes, merged = {}, {}
    for name, content in files.items():
        if not name.startswith("data/"):
            continue
        old_path = previous_root / name
        new_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(content.decode("utf-8")))}
        old_rows = (
            {r["id"]: r for r in csv.DictReader(io.StringIO(old_path.read_text(encoding="utf-8")))}
            if old_path.is_file()
            else {}
        )
        added = len(new_rows.keys() - old_rows.keys())
        removed = len(old_rows.keys() - new_rows.keys())
        changed = sum(1 for key in new_rows.keys() & old_rows.keys() if new_rows[key] != old_rows[key])
        changes[name[5:-4]] = (added, changed, removed)
        if new_rows and "merged_into_id" in next(iter(new_rows.values())):
            merged[name[5:-4]] = sum(
                1
                for key, row in new_rows.items()
                if row["merged_into_id"] and not (old_rows.get(key) or {}).get("merged_into_id")
            )
    return changes, merged


def build_release(version, directory, *, base_url, date=None, review=False):
    """Write the release into directory/version/; returns the files written (relative).
    `review`: with the curators' part (review_tables()), for a backup."""
    as_of = latest_change()
    date = date or as_of.date()
    root = Path(directory) / version
    (root / "data").mkdir(parents=True, exist_ok=True)
    files = {}
    resources = []
    resource_of = {queryset.model: name for name, queryset in tables()}
    counts = {}
    for name, queryset in tables() + (review_tables() if review else []):
        text, schema = table_csv(queryset)
        # a candidate's mention awaits review: it is in review_mentions, not in mentions
        leave_out = (pros.Mention,) if name == "review_mention_candidates" else ()
        schema["foreignKeys"] = _foreign_keys(queryset.model, resource_of, leave_out)
        files[f"data/{name}.csv"] = text.encode("utf-8")
        counts[name] = text.count("\n") - 1
        resources.append(
            {
                "name": name,
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    for file_name, path, query in EXPORTS:
        files[file_name] = api_export(path, query, base_url)
    # GEXF dates its document with today's date: the release's date instead, so that
    # a rebuild on another day gives the same bytes.
    files["network.gexf"] = GEXF_DATE.sub(
        f'lastmodifieddate="{date.isoformat()}"'.encode(), files["network.gexf"], count=1
    )
    files["mentions.annotations.jsonld"] = annotations(base_url)
    for file_name, build in jsonld.FILES:
        files[file_name] = build(base_url)
    previous = previous_release(directory, version)
    since = (previous.name, *changes_since(previous, files)) if previous else None
    package = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "version": version,
        "created": f"{date.isoformat()}T00:00:00Z",
        # the state released: the time of the latest change recorded (load_release
        # dates the restored records' history so; ?release= shows records as of then)
        "asOf": as_of.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "homepage": base_url,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files["README.md"] = readme(version, date, base_url, counts, since).encode("utf-8")
    files["CITATION.cff"] = citation(version, date, base_url).encode("utf-8")
    files["ro-crate-metadata.json"] = ro_crate(version, date, base_url, files)
    for relative, content in files.items():
        (root / relative).write_bytes(content)
    sums = "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))
    (root / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return sorted([*files, "SHA256SUMS"])


def readme(version, date, base_url, counts, since=None):
    rows = "\n".join(f"| `data/{name}.csv` | {n} |" for name, n in counts.items())
    if since:
        previous, changes, merged = since
        lines = "\n".join(
            f"| {name} | {a} | {c} | {r} | {merged.get(name, '')} |"
            for name, (a, c, r) in changes.items()
            if a or c or r or merged.get(name)
        )
        changed = f"""
## Changes since release {previous}

| table | added | changed | removed | merged |
|---|---|---|---|---|
{lines or "| (none) | | | | |"}
"""
    else:
        changed = "\nThe first release.\n"
    review_note = (
        " (except in the curators' part, `data/review_*.csv`, written for a backup: the review "
        "queue and the decisions that two records are distinct)"
        if any(name.startswith("review_") for name in counts)
        else ""
    )
    return f"""# {TITLE}

Release {version}, the database as of {date.isoformat()}. Living version: {base_url}

## Files

| table | rows |
|---|---|
{rows}

- `datapackage.json`: the tables' schemas (a Frictionless Data Package; every id is
  the record's permanent public id, `/persons/<id>/` on the site).
- `persons.tei.xml`: the TEI personography with the ties between persons.
- `network.gexf`, `network.graphml`: the network of persons (curated relationships
  and co-mentions).
- `works.csl.json`, `works.bib`, `works.ris`: the bibliography.
- `mentions.annotations.jsonld`: every mention as a W3C Web Annotation.
- `persons.jsonld`, `organisations.jsonld`, `places.jsonld`, `works.jsonld`: the
  JSON-LD (schema.org) of every current record, as its page embeds it.
- `ro-crate-metadata.json`: the release as an RO-Crate 1.1 (every file, its format
  and size).
- `SHA256SUMS`: check with `sha256sum -c SHA256SUMS`.
{changed}
Mentions are those a reader sees (machine-found and confirmed); mentions awaiting
review or rejected by a curator are not part of the release{review_note}. The text of the source
documents is not included (it is under copyright): each source's SHA-256 names the
exact text its offsets refer to.

## Cite

See `CITATION.cff`. Cite the release ({version}) for what you read; the living URL
may have changed since.
"""


def citation(version, date, base_url):
    return f"""cff-version: 1.2.0
message: "If you use this dataset, please cite this release."
type: dataset
title: "{TITLE}"
version: "{version}"
date-released: "{date.isoformat()}"
url: "{base_url}"
license: CC-BY-4.0
authors:
  - name: "The Victor Serge reference database project"
"""


LICENSE = "https://creativecommons.org/licenses/by/4.0/"
ENCODINGS = [
    (".csl.json", "application/vnd.citationstyles.csl+json"),
    (".tei.xml", "application/tei+xml"),
    (".jsonld", "application/ld+json"),
    (".json", "application/json"),
    (".csv", "text/csv"),
    (".gexf", "application/gexf+xml"),
    (".graphml", "application/graphml+xml"),
    (".bib", "application/x-bibtex"),
    (".ris", "application/x-research-info-systems"),
    (".md", "text/markdown"),
    (".cff", "application/yaml"),
    ("SHA256SUMS", "text/plain"),
]


def encoding_format(name):
    return next(kind for end, kind in ENCODINGS if name.endswith(end))


def cite_text(version, date, base_url):
    return (
        f"The Victor Serge reference database project ({date.year}). {TITLE}. "
        f"Release {version}, {date.isoformat()}. {base_url}"
    )


def ro_crate(version, date, base_url, files):
    """The release as an RO-Crate 1.1 (https://w3id.org/ro/crate/1.1): the metadata
    descriptor, the root dataset (name, version, datePublished, license, citation) and
    every file of the release with its format and size. SHA256SUMS is listed too: its
    size is known before it is written (one line of fixed shape per file)."""
    listed = sorted([*files, "ro-crate-metadata.json"])
    sizes = {name: len(content) for name, content in files.items() if name != "ro-crate-metadata.json"}
    sizes["SHA256SUMS"] = sum(64 + 2 + len(name.encode("utf-8")) + 1 for name in listed)
    parts = sorted(sizes)
    graph = [
        {
            "@id": "ro-crate-metadata.json",
            "@type": "CreativeWork",
            "conformsTo": {"@id": "https://w3id.org/ro/crate/1.1"},
            "about": {"@id": "./"},
        },
        {
            "@id": "./",
            "@type": "Dataset",
            "name": TITLE,
            "description": (
                "A release of the reference database of Victor Serge (1890-1947): persons, "
                "organisations, places, works, and the passages of the source documents behind them."
            ),
            "version": version,
            "datePublished": date.isoformat(),
            "license": {"@id": LICENSE},
            "citation": {"@id": "#citation"},
            "url": base_url,
            "author": {"@id": "#project"},
            "publisher": {"@id": "#project"},
            "hasPart": [{"@id": name} for name in parts],
        },
        {"@id": LICENSE, "@type": "CreativeWork", "name": "Creative Commons Attribution 4.0 International"},
        {
            "@id": "#project",
            "@type": "Organization",
            "name": "The Victor Serge reference database project",
            "url": base_url,
        },
        {"@id": "#citation", "@type": "CreativeWork", "name": cite_text(version, date, base_url)},
        *[
            {
                "@id": name,
                "@type": "File",
                "name": name,
                "encodingFormat": encoding_format(name),
                "contentSize": str(sizes[name]),
            }
            for name in parts
        ],
    ]
    document = {"@context": "https://w3id.org/ro/crate/1.1/context", "@graph": graph}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
