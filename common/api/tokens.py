"""POST /api/v1/token/: a curator's API token (DRF TokenAuthentication).

A curator signed in (a session, e.g. the admin's) posts nothing; a script posts
`username` and `password` (checked by Django's backends, so failed attempts count
toward the admin's lockout). The answer is the curator's one token, created on
first request, the same afterwards: {"token": "..."}; send it as
`Authorization: Token ...`. Only curators get one (403 for anyone else)."""

from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .permissions import is_curator


class CuratorTokenView(APIView):
    permission_classes = [AllowAny]
    throttle_scope = None

    # Documented in docs/curators.md and the README rather than in the OpenAPI schema:
    # a signed-in curator's POST ignores its body, which no request schema can say (and
    # the schema's fuzzing would hold against it).
    @extend_schema(exclude=True)
    def post(self, request, format=None):
        user = request.user if request.user.is_authenticated else None
        if user is None:
            serializer = AuthTokenSerializer(data=request.data, context={"request": request})
            serializer.is_valid(raise_exception=True)
            user = serializer.validated_data["user"]
        if not is_curator(user):
            raise PermissionDenied("API tokens are for curators.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
