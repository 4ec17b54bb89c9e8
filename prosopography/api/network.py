"""The network endpoints: ties around one person, or the whole network.

    GET /api/v1/persons/{id}/network/?depth=2&kinds=family,political&min_weight=2
        &start=1936&end=1940&format=json|graphml|gexf|tei
    GET /api/v1/network/  (same parameters but depth)

The work is done by `selectors.network()`; this module checks the parameters and
picks the format (?format= or the Accept header).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from common.api.kept import KeptAnswers

from .. import network as selectors
from ..models import Person
from .graph_formats import NETWORK_RENDERERS


class NetworkParameters(serializers.Serializer):
    """The query string, checked: every mistake is answered with a 400 that says what."""

    depth = serializers.IntegerField(min_value=1, max_value=selectors.MAX_DEPTH, default=1)
    kinds = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=("Comma-separated: " + ", ".join(selectors.EDGE_KINDS) + " (co-authorship = literary)."),
    )
    min_weight = serializers.IntegerField(
        min_value=1, default=1, help_text=("Least number of shared paragraphs for a co-mention tie.")
    )
    start = serializers.CharField(required=False, allow_blank=True, help_text="EDTF, e.g. 1936.")
    end = serializers.CharField(required=False, allow_blank=True, help_text="EDTF, e.g. 1940.")
    comentions = serializers.BooleanField(default=True, help_text="Include co-mention ties.")
    max_nodes = serializers.IntegerField(
        min_value=1,
        max_value=selectors.MAX_NODE_LIMIT,
        default=selectors.NODE_LIMIT,
        help_text="Most persons returned around a person: nearest first, then those with most ties.",
    )

    def validate_kinds(self, value):
        try:
            return selectors.parse_kinds(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error

    def _bound(self, value, upper):
        if not value:
            return None
        try:
            return selectors.date_bound(value.strip(), upper=upper)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                f"“{value}” is not a date: give a year (1936), a month (1936-05) or any EDTF date."
            ) from error

    def validate_start(self, value):
        return self._bound(value, upper=False)

    def validate_end(self, value):
        # The period runs to the last day the end date can mean: end=1940 includes December 1940.
        return self._bound(value, upper=True)

    def validate(self, attrs):
        if attrs.get("start") and attrs.get("end") and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": "The end of the period lies before its start."})
        return attrs


_PARAMETERS = [
    OpenApiParameter(
        "depth",
        {"type": "integer", "minimum": 1, "maximum": selectors.MAX_DEPTH, "default": 1},
        description=f"Steps out from the person, 1 to {selectors.MAX_DEPTH}.",
    ),
    OpenApiParameter("kinds", str, description="Comma-separated kinds of tie."),
    OpenApiParameter(
        "min_weight", {"type": "integer", "minimum": 1, "default": 1}, description="Least co-mention weight."
    ),
    OpenApiParameter("comentions", bool, description="Include co-mention ties (default true)."),
    OpenApiParameter("start", str, description="Start of the period (EDTF)."),
    OpenApiParameter("end", str, description="End of the period (EDTF)."),
    OpenApiParameter(
        "max_nodes",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": selectors.MAX_NODE_LIMIT,
            "default": selectors.NODE_LIMIT,
        },
        description=(
            "Around a person, the most persons returned: nearest first, and among persons as near those "
            "with most ties to the persons one step closer. A cut network says `truncated: true` with "
            "the totals (also in X-Network-Truncated, X-Total-Nodes, X-Total-Edges) and links to the rest."
        ),
    ),
    OpenApiParameter("format", str, enum=["json", "graphml", "gexf", "tei"]),
]


class _NetworkView(KeptAnswers, APIView):
    renderer_classes = NETWORK_RENDERERS
    pagination_class = None

    def _answer_in_json(self):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # Errors are explained in JSON whatever format was asked for: a GraphML
        # reader could not show the message anyway.
        self._answer_in_json()
        return response

    def options(self, request, *args, **kwargs):
        # The description of the endpoint is no graph: the graph formats cannot write it.
        response = super().options(request, *args, **kwargs)
        self._answer_in_json()
        return response

    def parameters(self, request):
        params = NetworkParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    def graph(self, request, person_id=None):
        params = self.parameters(request)
        return selectors.network(
            person_id=person_id,
            depth=params["depth"],
            kinds=params.get("kinds"),
            min_weight=params["min_weight"],
            start=params.get("start"),
            end=params.get("end"),
            include_comentions=params["comentions"],
            with_aliases=request.accepted_renderer.format == "tei",
            max_nodes=params["max_nodes"] if person_id is not None else None,
        )

    def answer(self, request, graph, person_id=None):
        """The graph, and what was left out of it, in the JSON body (`as_json`) and,
        for every format, in headers."""
        headers = {
            "X-Network-Truncated": "true" if graph.graph["truncated"] else "false",
            "X-Total-Nodes": str(graph.graph["total_nodes"]),
            "X-Total-Edges": str(graph.graph["total_edges"]),
        }
        if graph.graph["truncated"]:
            more = min(graph.graph["total_nodes"], selectors.MAX_NODE_LIMIT)
            rest = {
                "full": replace_query_param(request.build_absolute_uri(), "max_nodes", more),
                "relationships": request.build_absolute_uri(
                    reverse("person-relationships", args=[person_id])
                ),
            }
            graph.graph["rest"] = rest
            headers["Link"] = ", ".join(
                f'<{url}>; rel="related"; title="{name}"' for name, url in rest.items()
            )
        return Response(graph, headers=headers)


class PersonNetworkView(_NetworkView):
    """The ties around one person, breadth-first to `depth` steps."""

    @extend_schema(
        parameters=_PARAMETERS,
        responses={
            200: dict,
            301: OpenApiResponse(
                description="A merged person: Location gives the network of the record it was merged into."
            ),
        },
    )
    def get(self, request, pk):
        person = get_object_or_404(Person.objects.only("id", "merged_into_id"), pk=pk)
        if person.merged_into_id:
            # A merged record's id keeps working: it leads to the survivor's network.
            url = request.get_full_path().replace(f"/persons/{pk}/", f"/persons/{person.merged_into_id}/", 1)
            return HttpResponsePermanentRedirect(url)
        return self.answer(request, self.graph(request, person_id=person.pk), person_id=person.pk)


class NetworkView(_NetworkView):
    """The whole network: every unmerged person with at least one tie."""

    @extend_schema(parameters=_PARAMETERS, responses={200: dict})
    def get(self, request):
        return self.answer(request, self.graph(request))
