"""Search: GET /api/v1/search/?q=maitrejean&type=person

One box for everything: person names and aliases, organisation and place names,
work and edition titles, and the passages of the sources (mention snippets).
Accents, capitals and punctuation are ignored; results come best first. The
matching and ranking live in `common.search.search()`, which the reader's
search page uses too.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.views import APIView

from common import search as selectors
from common.api.kept import KeptAnswers
from common.api.pagination import Pagination, page_schema, page_size_schema


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(
        trim_whitespace=True,
        help_text=(f"At least {selectors.MIN_QUERY_LENGTH} letters; accents and capitals do not matter."),
    )
    type = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Comma-separated kinds of record: person, organisation, place, work, mention.",
    )

    def validate_q(self, value):
        try:
            selectors.normalize_query(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error
        return value

    def validate_type(self, value):
        types = [word.strip().lower() for word in value.split(",") if word.strip()]
        unknown = [word for word in types if word not in selectors.search_types()]
        if unknown:
            raise serializers.ValidationError(
                f"Unknown type “{unknown[0]}”. Choose among: {', '.join(selectors.search_types())}."
            )
        return types or None


SearchResult = inline_serializer(
    "SearchResult",
    fields={
        "type": serializers.ChoiceField(choices=selectors.search_types()),
        "id": serializers.IntegerField(),
        "label": serializers.CharField(),
        "url": serializers.CharField(),
        "page": serializers.CharField(
            required=False, help_text="The reader's page, when the record has one."
        ),
        "snippet": serializers.CharField(required=False),
        "score": serializers.FloatField(),
    },
    many=True,
)


class SearchView(KeptAnswers, APIView):
    """Records and passages matching q, best first, paginated (?page=, ?page_size=)."""

    pagination_class = Pagination

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": selectors.MIN_QUERY_LENGTH},
                required=True,
                description=f"At least {selectors.MIN_QUERY_LENGTH} letters or digits; "
                "accents, capitals and punctuation do not matter.",
            ),
            OpenApiParameter("type", str, description="person, organisation, place, work, mention."),
            OpenApiParameter("page", page_schema(), description="A page number within the results."),
            OpenApiParameter("page_size", page_size_schema()[0], description=page_size_schema()[1]),
        ],
        responses={200: SearchResult},
    )
    def get(self, request):
        params = SearchParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        results = selectors.search(params.validated_data["q"], params.validated_data.get("type"))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(results, request, view=self)
        return paginator.get_paginated_response(page)
