"""The behaviour every API resource shares, whatever app it belongs to.

- Detail GETs carry an ETag (and Last-Modified where the record keeps a change
  time); `If-None-Match` answers 304.
- PUT and PATCH require `If-Match` (428 without it) and compare it under a row lock,
  so two curators cannot overwrite each other's edits, even at the same instant.
- A merged duplicate's URLs (detail and nested lists) answer 301 to the survivor's,
  cacheable for an hour only (a merge can be undone: common/pages.py).
- Anonymous reads are kept in the cache for as long as the data they were built
  from is current (common/representations.py): a repeated read costs one query.
- Errors are answered in JSON whatever format was asked for.
- Records are never deleted through the API: they are merged or withdrawn.
- A JSON-LD answer is built from the model instances by the view's
  `linked_data(record)` hook, the same function the record's page uses.
"""

import hashlib
import json

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.http import http_date, quote_etag, urlencode
from rest_framework import mixins, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from .. import changes, releases
from ..pages import merged_redirect
from ..records import survivor_of
from ..representations import entity_tags
from .exports import stream_export, streams_everything
from .kept import KeptAnswers
from .renderers import CSVRenderer, JSONLDRenderer, JSONLinesRenderer

LIST_RENDERERS = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer, JSONLinesRenderer]
LINKED_DATA_RENDERERS = [JSONRenderer, BrowsableAPIRenderer, JSONLDRenderer, CSVRenderer, JSONLinesRenderer]


class MovedToSurvivor(Exception):
    """Raised by get_object when a merged duplicate is read: answered with a 301."""

    def __init__(self, survivor):
        super().__init__(survivor.pk)
        self.survivor = survivor


class RecordViewSet(KeptAnswers, viewsets.GenericViewSet):
    """What every resource shares.

    - Detail GETs carry an ETag and, for records that keep a `modified` time, a
      Last-Modified header; `If-None-Match` answers 304. The ETag has two parts,
      `"<record>.<data>"`: the record's own version (its `modified` time) and the
      data's (common/changes.py), since a detail shows its ties, names and readings,
      which change without touching the record's row.
    - PUT and PATCH require `If-Match` (428 without it): an ETag whose record part is
      stale answers 412 with the current ETag and changes nothing, so two curators
      cannot overwrite each other's edits unawares; the comparison and the save
      happen under a row lock. (A change elsewhere, a new tie say, does not refuse
      an edit of the record's own fields.)
    - Anonymous reads are answered from the cache while the data is unchanged
      (common/api/kept.py).
    - A merged duplicate's detail URL answers 301 to the survivor's.
    - Writes run in one transaction (the history middleware records the user).
    """

    renderer_classes = LIST_RENDERERS
    lookup_value_regex = "[0-9]+"

    def etag_for(self, record):
        if getattr(record, "modified", None):
            own = f"{record._meta.label_lower}:{record.pk}:{record.modified.timestamp()}"
            request = getattr(self, "request", None)
            reading = request is not None and request.method in SAFE_METHODS
            version = changes.current_for(request._request) if reading else changes.current()
            data = hashlib.sha256(str(version).encode()).hexdigest()[:16]
            return quote_etag(f"{hashlib.sha256(own.encode()).hexdigest()[:16]}.{data}")
        # No change time: the representation itself stands for the version.
        token = json.dumps(self.get_serializer(record).data, sort_keys=True, default=str)
        return quote_etag(hashlib.sha256(token.encode()).hexdigest()[:32])

    def _version_headers(self, record):
        headers = {"ETag": self.etag_for(record)}
        if getattr(record, "modified", None):
            headers["Last-Modified"] = http_date(record.modified.timestamp())
        return headers

    def get_object(self, bare=False):
        """The record. Reading a merged duplicate (/persons/7/, /persons/7/events/)
        redirects to the same view of the survivor; writes still reach the record.
        `bare`: the row alone, without the view's select/prefetch_related.

        Unlike DRF's, the list's filter backends are not applied: a record is found
        by its id, and django-filter building and validating the form of every
        filter cost about 2 ms of a person detail's 37 (in process, at 100,000
        persons). What a reader may see is decided by get_queryset, applied here."""
        queryset = self.get_queryset()
        if bare:
            queryset = queryset.select_related(None).prefetch_related(None)
        lookup = self.lookup_url_kwarg or self.lookup_field
        record = get_object_or_404(queryset, **{self.lookup_field: self.kwargs[lookup]})
        self.check_object_permissions(self.request, record)
        if self.request.method in SAFE_METHODS and getattr(record, "merged_into_id", None):
            raise MovedToSurvivor(survivor_of(record))
        return record

    def handle_exception(self, exc):
        if isinstance(exc, MovedToSurvivor):
            match = self.request.resolver_match
            url = reverse(match.view_name, kwargs={**match.kwargs, "pk": exc.survivor.pk})
            query = self.request.META.get("QUERY_STRING")
            return merged_redirect(f"{url}?{query}" if query else url)
        response = super().handle_exception(exc)
        # Errors are explained in JSON whatever format was asked for, as the schema
        # says: CSV, BibTeX, RIS or TEI have no place for the message.
        self._answer_in_json()
        return response

    def get_renderers(self):
        # A write (that this route takes) answers the record as written, in JSON: the
        # other formats (CSV, citations, TEI ...) are for reading, and a BibTeX renderer
        # has no entry to write for a work just saved.
        method = getattr(getattr(self, "request", None), "method", "").lower()
        if (
            getattr(self, "action", None) in ("create", "update", "partial_update")
            and method in self.http_method_names
        ):
            return [JSONRenderer(), BrowsableAPIRenderer()]
        return super().get_renderers()

    def options(self, request, *args, **kwargs):
        # The description of the endpoint is no record: the record formats cannot write it.
        response = super().options(request, *args, **kwargs)
        self._answer_in_json()
        return response

    def _answer_in_json(self):
        if not isinstance(
            getattr(self.request, "accepted_renderer", None), (JSONRenderer, BrowsableAPIRenderer)
        ):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type

    # A view that offers `?release=<version>` on its detail (persons, works) names here
    # what hangs off the record as it was then: release_extras(record, when) -> dict.
    release_extras = None

    def retrieve_in_release(self, request, version):
        """The record as it was in a release, from its history (common/releases.py):
        its own fields then, the view's extras, and which release it is. 404 for an
        unknown release or a record the release does not hold."""
        self._answer_in_json()
        model = self.get_queryset().model
        pk = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not pk.isdigit():
            raise Http404(f"No {model._meta.verbose_name} has the id {pk}.")
        release, record = releases.in_release(model, int(pk), version)
        living = request.build_absolute_uri(reverse(f"{model._meta.model_name}-detail", args=[record.pk]))
        url = f"{living}?{urlencode({'release': release['version']})}"
        return Response(
            {
                **releases.record_data(record),
                **self.release_extras(record, release["as_of"]),
                "release": releases.release_data(release, living, url),
            }
        )

    def retrieve(self, request, *args, **kwargs):
        if self.release_extras and "release" in request.query_params:
            return self.retrieve_in_release(request, request.query_params["release"])
        if request.headers.get("If-None-Match"):
            # A conditional read first fetches the bare row (one query, none of the
            # prefetches): for a record that keeps a change time it alone gives the
            # ETag, so an unchanged record answers 304 without building anything.
            bare = self.get_object(bare=True)
            if getattr(bare, "modified", None):
                headers = self._version_headers(bare)
                if headers["ETag"] in entity_tags(request.headers.get("If-None-Match")):
                    return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        record = self.get_object()
        headers = self._version_headers(record)
        if headers["ETag"] in entity_tags(request.headers.get("If-None-Match")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        if self.wants_linked_data():
            return Response(self.linked_data(record), headers=headers)
        return Response(self.get_serializer(record).data, headers=headers)

    # ------------------------------------------------------------ JSON-LD

    def wants_linked_data(self):
        return isinstance(getattr(self.request, "accepted_renderer", None), JSONLDRenderer)

    def linked_data(self, record):
        """The record as a schema.org node. A view that offers JSON-LD names here the
        same function the record's page uses, so both say the same thing."""
        raise NotImplementedError(f"{type(self).__name__} offers no JSON-LD")

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = serializer.save()
        return Response(
            serializer.data, status=status.HTTP_201_CREATED, headers=self._version_headers(record)
        )

    @transaction.atomic
    def update(self, request, *args, partial=False, **kwargs):
        """A conditional write: compare-and-set on the record's ETag.

        The row is locked (SELECT ... FOR UPDATE) before it is read, so the ETag compared
        is the one of the version this write replaces: of N simultaneous writes carrying
        the same ETag the first to get the lock succeeds and the others, reading the new
        version once it is committed, answer 412. (SQLite ignores FOR UPDATE, but its
        writers are serialised: each write transaction starts IMMEDIATE, see settings.)
        """
        expected = request.headers.get("If-Match", "").strip()
        if not expected or expected == "*":
            # `*` is RFC 9110's "any current version": every record that can be written has
            # one, so it would protect nothing. A client must name the version it read.
            return Response(
                {
                    "detail": "Send the record's ETag in an If-Match header (GET the record "
                    "first): writes are conditional so that no curator overwrites another's "
                    "edit unawares. If-Match: * is not accepted."
                },
                status=status.HTTP_428_PRECONDITION_REQUIRED,
            )
        self._lock_record()
        record = self.get_object()  # read after the lock: the version this write replaces
        current = self.etag_for(record)
        if _record_part(current) not in {_record_part(tag) for tag in entity_tags(expected)}:
            return Response(
                {
                    "detail": "The record has changed since you read it (its ETag differs "
                    "from If-Match). Fetch it again and reapply your change."
                },
                status=status.HTTP_412_PRECONDITION_FAILED,
                headers={"ETag": current},
            )
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        record = serializer.save()
        return Response(serializer.data, headers=self._version_headers(record))

    def _lock_record(self):
        """Lock the row the URL names until the transaction ends (a no-op when it does
        not exist: get_object answers the 404)."""
        lookup = self.lookup_url_kwarg or self.lookup_field
        model = self.get_queryset().model
        list(
            model._base_manager.select_for_update()
            .filter(**{self.lookup_field: self.kwargs[lookup]})
            .values_list("pk", flat=True)
        )

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def nested(self, queryset, serializer_class, context=None):
        """A paginated list of records hanging off this one (/persons/7/events/);
        in CSV or JSON Lines with ?all=1, all of them, streamed (common/api/exports.py)."""
        context = context or self.get_serializer_context()
        if streams_everything(self.request):
            return stream_export(
                self.request,
                queryset,
                lambda records: serializer_class(records, many=True, context=context),
                f"{self.basename}-{self.kwargs.get(self.lookup_field)}-{self.action}",
            )
        self.export_serializer_class = serializer_class
        page = self.paginate_queryset(queryset)
        data = serializer_class(page, many=True, context=context or self.get_serializer_context()).data
        return self.get_paginated_response(data)


def _record_part(etag):
    """The record's own version in an ETag `"<record>.<data>"` (the whole tag otherwise)."""
    return etag.strip('"').split(".")[0]


class RecordListMixin(mixins.ListModelMixin):
    """A paginated list; as JSON-LD, the page's records in an @graph."""

    def list(self, request, *args, **kwargs):
        if streams_everything(request):
            return stream_export(
                request,
                self.filter_queryset(self.get_queryset()),
                lambda records: self.get_serializer(records, many=True),
                self.basename,
            )
        if not self.wants_linked_data():
            return super().list(request, *args, **kwargs)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return Response({"@graph": [self.linked_data(record) for record in page]})


class ReadOnlyRecordViewSet(RecordListMixin, RecordViewSet):
    """List and detail only (GET); writes answer 405."""

    http_method_names = ["get", "head", "options"]


class WritableRecordViewSet(RecordListMixin, RecordViewSet):
    """List, detail, create (POST) and change (PUT/PATCH); never delete: records are
    merged or withdrawn, so that their ids keep resolving."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
