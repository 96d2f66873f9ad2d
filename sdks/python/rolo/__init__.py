"""The official Python SDK of the Rolo API: ``from rolo import Rolo``."""
from ._client import Rolo
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RoloError,
    UnprocessableEntityError,
    WaitTimeoutError,
)
from ._models import BatchItemResult, BatchResult, BulkJob, BulkPreview, Contact, Import, MetadataKey, RoloObject, Segment
from ._pagination import ContactList, ImportList, MetadataKeyList, Page, SegmentList
from ._streaming import StreamedResponse
from ._types import (
    NOT_GIVEN,
    ContactFilter,
    MetadataCondition,
    MetadataFilter,
    MetadataOperators,
    NotGiven,
)
from ._version import __version__

__all__ = [
    "Rolo",
    "NOT_GIVEN",
    "NotGiven",
    "RoloError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "WaitTimeoutError",
    "RoloObject",
    "Contact",
    "ContactList",
    "BatchResult",
    "BatchItemResult",
    "Import",
    "ImportList",
    "BulkJob",
    "BulkPreview",
    "Segment",
    "SegmentList",
    "MetadataKey",
    "MetadataKeyList",
    "ContactFilter",
    "MetadataFilter",
    "MetadataCondition",
    "MetadataOperators",
    "Page",
    "StreamedResponse",
    "__version__",
]
