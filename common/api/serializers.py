"""Serializer building blocks every resource shares: strict fields (text is text,
a list is a list), validation through the model's own `full_clean()` (so that the
API refuses exactly what the admin refuses), EDTF dates written as a string and
read back with their bounds, and short references to other records."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import QueryDict
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.reverse import reverse

from .. import dates


class StrictCharField(serializers.CharField):
    """A text field that takes text only: DRF's would turn a JSON number or boolean
    into text ("description": 0 -> "0"), where the schema promises a string."""

    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """A yes/no field that takes JSON true and false only (and null where allowed):
    DRF's would read 0, 1, "yes" or "off" as a boolean, where the schema promises one."""

    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        # A form (the browsable API's) can only send text.
        if isinstance(getattr(self.root, "initial_data", None), QueryDict) and data in ("true", "false"):
            return data == "true"
        self.fail("invalid")


class StrictManyRelatedField(serializers.ManyRelatedField):
    """A list of ids that must be a list: DRF's would read a JSON object as the list
    of its keys ({} as no ids at all)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    @classmethod
    def many_init(cls, *args, **kwargs):
        return StrictManyRelatedField(
            child_relation=cls(*args, **kwargs),
            **{key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS},
        )


class ValidatedModelSerializer(serializers.ModelSerializer):
    """A model serializer that validates with the model's `full_clean()`.

    Django's ValidationError becomes DRF's, keyed by field, so a bad write answers
    400 with messages such as {"death": ["The date of death lies before ..."]}.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.BooleanField: StrictBooleanField,
    }
    serializer_related_field = StrictPrimaryKeyRelatedField
    clean_exclude = ["slug"]  # derived on save

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        many_to_many = {f.name for f in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=self.clean_exclude)
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                detail = {
                    ("non_field_errors" if k == NON_FIELD_ERRORS else k): v
                    for k, v in error.message_dict.items()
                }
            else:
                detail = {"non_field_errors": error.messages}
            raise serializers.ValidationError(detail) from None
        return attrs


class EDTFField(serializers.Field):
    """An EDTF date: written as a plain string ("1912?"), read back with the
    earliest and latest day it can mean and whether it is uncertain (null when
    there is no date). See EDTFFieldSchema for how the schema says so."""

    csv_columns = ("edtf", "earliest", "latest", "uncertain")  # birth.edtf ... (common/api/exports.py)

    def __init__(self, name, **kwargs):
        self.edtf_name = name
        kwargs.setdefault("required", False)
        super().__init__(source="*", **kwargs)

    def to_representation(self, instance):
        value = getattr(instance, self.edtf_name)
        if not value:
            return None
        lower = getattr(instance, f"{self.edtf_name}_lower", None)
        upper = getattr(instance, f"{self.edtf_name}_upper", None)
        return {
            "edtf": value,
            "earliest": lower and lower.isoformat(),
            "latest": upper and upper.isoformat(),
            "uncertain": dates.is_uncertain(value),
        }

    def to_internal_value(self, data):
        if data is None:
            data = ""
        if not isinstance(data, str):
            raise serializers.ValidationError("Give the date as an EDTF string, e.g. 1912?.")
        try:
            dates.validate_edtf(data.strip())
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return {self.edtf_name: data.strip()}


class EDTFFieldSchema(OpenApiSerializerFieldExtension):
    """The schema of an EDTFField differs by direction: a string is written, an
    object (or null) is read. (Hence COMPONENT_SPLIT_REQUEST in the settings.)"""

    target_class = EDTFField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "string", "description": dates.EDTF_HELP + " An empty string clears the date."}
        return {
            "type": "object",
            "nullable": True,
            "properties": {
                "edtf": {"type": "string", "description": dates.EDTF_HELP},
                "earliest": {"type": "string", "format": "date", "nullable": True},
                "latest": {"type": "string", "format": "date", "nullable": True},
                "uncertain": {"type": "boolean"},
            },
        }


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {"id": {"type": "integer"}, "url": {"type": "string"}, "name": {"type": "string"}},
    }
)
class RefField(serializers.Field):
    """A short reference to another record: its id, API URL and name."""

    csv_columns = ("id", "url", "name")

    def __init__(self, view_name, label_attr="name", **kwargs):
        self.view_name, self.label_attr = view_name, label_attr
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, obj):
        return ref(obj, self.view_name, self.context.get("request"), self.label_attr)


def ref(obj, view_name, request, label_attr="name"):
    if obj is None:
        return None
    return {"id": obj.pk, "url": record_url(view_name, obj.pk, request), "name": getattr(obj, label_attr)}


_PK_MARKER = "987654321"


def record_url(view_name, pk, request):
    """`reverse(view_name, args=[pk], request=request)`, reversing the route once per
    request rather than once per row (a page of 50 persons reverses it hundreds of times)."""
    templates = request.__dict__.setdefault("_record_url_templates", {}) if request is not None else {}
    if view_name not in templates:
        templates[view_name] = reverse(view_name, args=[_PK_MARKER], request=request).rpartition(_PK_MARKER)
    prefix, _, suffix = templates[view_name]
    return f"{prefix}{pk}{suffix}"


class RecordUrlField(serializers.HyperlinkedIdentityField):
    """The record's own API URL, as HyperlinkedIdentityField gives it, through `record_url`."""

    def get_url(self, obj, view_name, request, format):
        if format or self.lookup_field != "pk" or obj.pk in (None, ""):
            return super().get_url(obj, view_name, request, format)
        return record_url(view_name, obj.pk, request)
