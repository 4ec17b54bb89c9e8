"""How works, editions, periodicals and contributions look in the API.

Writes are checked by the models' own `full_clean()` (see ValidatedModelSerializer),
so the API refuses what the admin refuses.
"""

from rest_framework import serializers

from common.api.exports import pick
from prosopography.api.serializers import (
    EDTFField,
    PersonListSerializer,
    RefField,
    ValidatedModelSerializer,
    ref,
)

from ..models import Contribution, Edition, Periodical, Work


def _authors(credit):
    return credit["role"] in ("author", "co-author")


# The credits of a work or edition in CSV (common/api/exports.py `csv_split`): the
# authors by name and by id, then every contributor with their role, aligned.
CREDIT_COLUMNS = [
    ("authors", pick("person", "name", where=_authors)),
    ("author_ids", pick("person", "id", where=_authors)),
    ("contributors", pick("person", "name")),
    ("contributor_ids", pick("person", "id")),
    ("contributor_roles", pick("role")),
]


class CreditSerializer(serializers.ModelSerializer):
    """A contribution as shown inside a work or edition: who, in what role, under what name."""

    person = RefField("person-detail")

    class Meta:
        model = Contribution
        fields = ["id", "person", "role", "credited_as", "order"]


class ContributionSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="contribution-detail")
    person_name = serializers.CharField(source="person.name", read_only=True)
    work_title = serializers.CharField(source="work.title", read_only=True, allow_null=True)
    edition_title = serializers.CharField(source="edition.title", read_only=True, allow_null=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "url",
            "person",
            "person_name",
            "work",
            "work_title",
            "edition",
            "edition_title",
            "role",
            "credited_as",
            "order",
        ]


class PeriodicalSerializer(serializers.HyperlinkedModelSerializer):
    place = RefField("place-detail")
    publisher = RefField("organisation-detail")

    class Meta:
        model = Periodical
        fields = ["id", "url", "title", "slug", "language", "place", "publisher", "description"]


class EditionSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="edition-detail")
    date = EDTFField("date")
    # null when the edition has no publisher, place or periodical. (Not default=None: DRF
    # leaves a field with a default out of the answer to a PATCH.)
    publisher_name = serializers.CharField(source="publisher.name", read_only=True, allow_null=True)
    place_name = serializers.CharField(source="place.name", read_only=True, allow_null=True)
    periodical_title = serializers.CharField(source="periodical.title", read_only=True, allow_null=True)
    work_title = serializers.CharField(source="work.title", read_only=True)
    translation_of_title = serializers.CharField(
        source="translation_of.title", read_only=True, allow_null=True
    )
    contributions = CreditSerializer(many=True, read_only=True)
    csv_split = {"contributions": CREDIT_COLUMNS}

    class Meta:
        model = Edition
        fields = [
            "id",
            "url",
            "work",
            "work_title",
            "title",
            "language",
            "publisher",
            "publisher_name",
            "place",
            "place_name",
            "date",
            "series",
            "periodical",
            "periodical_title",
            "volume",
            "issue",
            "pages",
            "translation_of",
            "translation_of_title",
            "note",
            "contributions",
            "modified",
        ]


class WorkSerializer(ValidatedModelSerializer):
    """A work (FRBR's work), with who made it and whom it is about."""

    url = serializers.HyperlinkedIdentityField(view_name="work-detail")
    written = EDTFField("written")
    first_published = EDTFField("first_published")
    contributions = CreditSerializer(many=True, read_only=True)
    about_persons = serializers.SerializerMethodField()
    csv_split = {"contributions": CREDIT_COLUMNS}
    page = serializers.SerializerMethodField()

    class Meta:
        model = Work
        fields = [
            "id",
            "url",
            "page",
            "title",
            "slug",
            "language",
            "type",
            "status",
            "written",
            "first_published",
            "description",
            "contributions",
            "about",
            "about_persons",
            "merged_into",
            "modified",
        ]
        read_only_fields = ["slug", "merged_into", "modified"]
        extra_kwargs = {"about": {"required": False}}

    def get_about_persons(self, work) -> list[dict]:
        request = self.context.get("request")
        return [ref(p, "person-detail", request) for p in work.about.all()]

    def get_page(self, work) -> str | None:
        url = work.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if url and request else url


class PersonWorkSerializer(WorkSerializer):
    """A work on a person's list, with the roles that person had in it."""

    roles = serializers.SerializerMethodField()

    class Meta(WorkSerializer.Meta):
        fields = WorkSerializer.Meta.fields + ["roles"]

    def get_roles(self, work) -> list[str]:
        person_id = self.context["person_id"]
        return sorted({c.role for c in work.contributions.all() if c.person_id == person_id})


class MentionedPersonSerializer(PersonListSerializer):
    """A person a work mentions, with how many times it names them."""

    mention_count = serializers.IntegerField(read_only=True)

    class Meta(PersonListSerializer.Meta):
        fields = PersonListSerializer.Meta.fields + ["mention_count"]
