"""How the prosopography's records look in the API, and how curators' writes are checked.

Reads: every serializer expects its queryset to have been prepared by the view
(`select_related`/`prefetch_related`), so that a page costs the same few queries
whatever its length. Writes: `ValidatedModelSerializer` runs the model's own
`full_clean()`, so the API refuses exactly what the admin refuses.

The serializers are in modules by subject: `persons` (persons and their aliases),
`places` (organisations and places), `evidence` (sources, citations, mentions),
`ties` (relationships, memberships, events), `statements` (readings of facts) and
`shared` (helpers used by several). Every name is re-exported here, so callers
import from `prosopography.api.serializers` as before; `EDTFField`, `RefField`,
`ValidatedModelSerializer` and `ref` (from `common.api.serializers`) are
re-exported too, for bibliography/api/serializers.py.
"""

from common.api.serializers import EDTFField, RefField, ValidatedModelSerializer, ref

from .evidence import (
    EVIDENCE_COLUMNS,
    CitationSerializer,
    MentionSerializer,
    PersonMentionSerializer,
    SourceSerializer,
    citation_list,
)
from .persons import AliasSerializer, PersonDetailSerializer, PersonListSerializer, PersonWriteSerializer
from .places import OrganisationSerializer, PlaceSerializer
from .shared import name_form, page_of
from .statements import StatementSerializer, statement_value
from .ties import EventSerializer, MembershipSerializer, RelationshipSerializer

__all__ = [
    "EVIDENCE_COLUMNS",
    "AliasSerializer",
    "CitationSerializer",
    "EDTFField",
    "EventSerializer",
    "MembershipSerializer",
    "MentionSerializer",
    "OrganisationSerializer",
    "PersonDetailSerializer",
    "PersonListSerializer",
    "PersonMentionSerializer",
    "PersonWriteSerializer",
    "PlaceSerializer",
    "RefField",
    "RelationshipSerializer",
    "SourceSerializer",
    "StatementSerializer",
    "ValidatedModelSerializer",
    "citation_list",
    "name_form",
    "page_of",
    "ref",
    "statement_value",
]
