"""The prosopography's models, one module per kind of record."""

from .base import Certainty, DatedMixin, NameType, Rank, Record  # noqa: F401
from .events import Claim, Event, EventParticipant, EventType  # noqa: F401
from .evidence import Citation, CoMention, Mention, MentionStatus, Source  # noqa: F401
from .identifiers import ExternalIdentifier  # noqa: F401
from .merges import DistinctRecords, MergeLog  # noqa: F401
from .organisations import Membership, Organisation, OrganisationKind, OrganisationName  # noqa: F401
from .persons import Alias, Person  # noqa: F401
from .places import Place, PlaceKind, PlaceName  # noqa: F401
from .relationships import Relationship, RelationshipType  # noqa: F401
