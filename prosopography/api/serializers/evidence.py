"""The evidence: sources, the passages cited from them (citations) and the spans that name
a record (mentions), with `citation_list`, the plain-function form of a list of citations
that persons, ties, memberships, events and statements share.
"""

from rest_framework import serializers

from common.api.exports import pick

from ...models import Citation, Mention, Source


class CitationSerializer(serializers.ModelSerializer):
    """A passage cited as evidence: which source file, where, and the words quoted."""

    source_file = serializers.CharField(source="source.file_name", read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "source", "source_file", "source_title", "start", "end", "quote", "locator"]


# A list of citations in CSV (common/api/exports.py `csv_split`): the source of each
# passage by id and by title, aligned with the citation ids.
EVIDENCE_COLUMNS = [("evidence_source_ids", pick("source")), ("evidence_sources", pick("source_title"))]


def citation_list(citations):
    """What `CitationSerializer(citations, many=True).data` gives, without building a
    serializer for every fact, tie, membership and event of a person (hundreds on a
    well-connected person's record: it was most of the cost of the page)."""
    return [
        {
            "id": c.pk,
            "source": c.source_id,
            "source_file": c.source.file_name,
            "source_title": c.source.title,
            "start": c.start,
            "end": c.end,
            "quote": c.quote,
            "locator": c.locator,
        }
        for c in citations
    ]


class SourceSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "url", "file_name", "title", "description", "checksum", "length"]


class MentionSerializer(serializers.HyperlinkedModelSerializer):
    """A span of a source that names a record; the record by id and by name (the
    view joins them: prosopography.api.views.MENTION_JOINS)."""

    source = serializers.PrimaryKeyRelatedField(read_only=True)
    source_file = serializers.CharField(source="source.file_name", read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)
    # null until the mention is resolved, and for all but the kind of record it names
    person = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    person_name = serializers.CharField(source="person.name", read_only=True, allow_null=True)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, allow_null=True)
    place = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    place_name = serializers.CharField(source="place.name", read_only=True, allow_null=True)
    work = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    work_title = serializers.CharField(source="work.title", read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "url",
            "source",
            "source_file",
            "source_title",
            "start",
            "end",
            "paragraph",
            "surface",
            "snippet",
            "status",
            "person",
            "person_name",
            "organisation",
            "organisation_name",
            "place",
            "place_name",
            "work",
            "work_title",
            "rule",
        ]


class PersonMentionSerializer(serializers.ModelSerializer):
    """A mention of a person, with the passage around it and where it is."""

    url = serializers.HyperlinkedIdentityField(view_name="mention-detail")
    source_file = serializers.CharField(source="source.file_name", read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True, allow_null=True)
    work_title = serializers.CharField(source="work.title", read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "url",
            "source",
            "source_file",
            "source_title",
            "paragraph",
            "start",
            "end",
            "surface",
            "snippet",
            "status",
            "person",
            "person_name",
            "work",
            "work_title",
        ]
