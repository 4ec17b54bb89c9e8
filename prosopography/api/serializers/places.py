"""Organisations and places, each with its name forms."""

from rest_framework import serializers

from common.api.serializers import EDTFField, RefField

from ...models import Organisation, Place
from .shared import name_form, page_of


class PlaceSerializer(serializers.HyperlinkedModelSerializer):
    within = RefField("place-detail")
    names = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "url",
            "page",
            "name",
            "slug",
            "kind",
            "within",
            "latitude",
            "longitude",
            "description",
            "names",
        ]

    def get_names(self, place) -> list[dict]:
        return [name_form(n) for n in place.names.all()]

    def get_page(self, place) -> str | None:
        return page_of(place, self.context.get("request"))


class OrganisationSerializer(serializers.HyperlinkedModelSerializer):
    start = EDTFField("start", read_only=True)
    end = EDTFField("end", read_only=True)
    place = RefField("place-detail")
    names = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "name",
            "slug",
            "kind",
            "description",
            "start",
            "end",
            "place",
            "names",
            "modified",
        ]

    def get_names(self, organisation) -> list[dict]:
        return [name_form(n) for n in organisation.names.all()]
