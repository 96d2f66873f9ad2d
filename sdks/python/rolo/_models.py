"""Response objects: attribute access all the way down over the raw JSON, which stays available.

``contact.metadata.plan`` and ``contact["metadata"]["plan"]`` read the same value; keys that are
not identifiers (or clash with a method) are read with ``[...]``; ``to_dict()`` returns a copy of
the JSON. Fields the API adds later are readable before this SDK declares them."""
from __future__ import annotations

import copy
import json
from typing import Any, ClassVar, Dict, FrozenSet, Iterator, List, Mapping, Optional, Set, Type, TypeVar

_M = TypeVar("_M", bound="RoloObject")


class RoloObject:
    __slots__ = ("_data", "_cache", "_request_id")
    _data: Dict[str, Any]
    _cache: Dict[str, Any]
    _request_id: Optional[str]
    # Which fields hold typed objects (each item, for lists).
    _nested: ClassVar[Dict[str, Type["RoloObject"]]] = {}

    def __init__(self, data: Mapping[str, Any], *, request_id: Optional[str] = None) -> None:
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_cache", {})
        object.__setattr__(self, "_request_id", request_id)

    @classmethod
    def _fields(cls) -> FrozenSet[str]:
        """Declared fields: absent ones read as None instead of raising AttributeError."""
        cached = cls.__dict__.get("_declared")
        if cached is None:
            names: Set[str] = set()
            for klass in cls.__mro__:
                names.update(k for k in getattr(klass, "__annotations__", {}) if not k.startswith("_"))
            cached = frozenset(names)
            setattr(cls, "_declared", cached)
        return cached

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._data:
            return self[name]
        if name in type(self)._fields():
            return None
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; use to_dict() for a mutable copy")

    def __getitem__(self, key: str) -> Any:
        if key not in self._cache:
            self._cache[key] = _wrap(self._data[key], self._nested.get(key, RoloObject))
        return self._cache[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        # Pages iterate their items; other objects are not iterable (to_dict() has the keys).
        raise TypeError(f"{type(self).__name__!r} object is not iterable; use to_dict()")

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._data else default

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy of the JSON this object was built from."""
        return copy.deepcopy(self._data)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self._data, **kwargs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RoloObject):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | {k for k in self._data if k.isidentifier()})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __copy__(self: _M) -> _M:
        return type(self)(self._data, request_id=self._request_id)

    def __deepcopy__(self: _M, memo: Dict[int, Any]) -> _M:
        return type(self)(copy.deepcopy(self._data, memo), request_id=self._request_id)

    def __reduce__(self) -> Any:
        return (type(self), (self._data,))


def _wrap(value: Any, model: Type[RoloObject]) -> Any:
    if isinstance(value, dict):
        return model(value)
    if isinstance(value, list):
        return [_wrap(v, model) for v in value]
    return value


def construct(model: Type[_M], data: Any, request_id: Optional[str] = None) -> _M:
    if not isinstance(data, dict):
        from ._errors import RoloError

        raise RoloError(f"Expected a JSON object from the API, got {type(data).__name__}")
    return model(data, request_id=request_id)


class Contact(RoloObject):
    __slots__ = ()
    id: str
    object: str
    email: Optional[str]
    phone: Optional[str]
    first_name: Optional[str]
    last_name: Optional[str]
    name: Optional[str]
    status: str
    suppressed: bool
    suppressed_reason: Optional[str]
    email_ok: bool
    sms_ok: bool
    whatsapp_ok: bool
    voice_ok: bool
    tags: List[str]
    metadata: RoloObject
    source: str
    """Who created the contact (``api``, ``dashboard``, ``import``): set by the server, never sent."""
    created_at: str
    updated_at: str


class BatchItemError(RoloObject):
    __slots__ = ()
    code: str
    message: str
    details: Any


class BatchItemResult(RoloObject):
    __slots__ = ()
    _nested = {"error": BatchItemError}
    index: int
    id: Optional[str]
    status: str
    error: Optional[BatchItemError]


class BatchResult(RoloObject):
    __slots__ = ()
    _nested = {"results": BatchItemResult}
    created: int
    updated: int
    failed: int
    results: List[BatchItemResult]


class Import(RoloObject):
    __slots__ = ()
    id: str
    object: str
    status: str
    file_name: str
    file_size: int
    on_conflict: str
    mapping: RoloObject
    total_rows: Optional[int]
    processed_rows: int
    created: int
    updated: int
    skipped: int
    failed_rows: int
    kept_unsubscribed: int
    """Rows that would have re-subscribed someone who unsubscribed or was suppressed, kept as they
    were because ``resubscribe`` was not true (each is listed in ``errors()``)."""
    detected_source: Optional[str]
    """The layout recognised from the header row (``google``, ``outlook``, ``mailchimp_subscribed``,
    ``hubspot``, ``rolo``, ``vcard``, ...; known once the job has started), or None."""
    default_country: str
    """The country national phone numbers were read in (ISO 3166-1 alpha-2)."""
    resubscribe: bool
    """Whether the file could re-subscribe people who opted out."""
    allow_erased: bool
    """Whether the file could bring back emails and phones of erased contacts."""
    error: Optional[str]
    errors_url: str
    created_at: str
    started_at: Optional[str]
    finished_at: Optional[str]


class BulkJob(RoloObject):
    __slots__ = ()
    id: str
    object: str
    action: str
    status: str
    matched: int
    processed: int
    progress: float
    error: Optional[str]
    created_at: str
    finished_at: Optional[str]


class BulkPreview(RoloObject):
    """What a bulk action would touch (``bulk.preview(...)``): nothing is changed."""

    __slots__ = ()
    _nested = {"sample": Contact}
    object: str
    dry_run: bool
    matched: int
    sample: List[Contact]


class Segment(RoloObject):
    """A saved filter with the count of contacts it matches now. ``filter`` is stored in
    operator form (``{"metadata": {"plan": {"eq": "pro"}}}``).

    ``count`` is exact, and always there on ``get``, ``create`` and ``update``. In ``list``, a
    segment whose count would hold up the list has ``count`` None and ``count_estimate`` (the
    database's estimate) instead; ``contacts.count(segment=id)`` counts it exactly."""

    __slots__ = ()
    id: str
    object: str
    name: str
    filter: RoloObject
    count: Optional[int]
    count_estimate: Optional[int]
    created_at: str
    updated_at: str


class ContactCount(RoloObject):
    """The exact number of contacts a filter matches: ``{"object": "count", "total": 42}``."""

    __slots__ = ()
    object: str
    total: int


class MetadataKey(RoloObject):
    __slots__ = ()
    key: str
    count: int
    """Contacts having the key, among the 5,000 most recently updated."""


class Actor(RoloObject):
    """Who made a change: ``type`` is user, api_key, import, bulk or system; ``name`` the user's
    email, the key's name, the import's file name or the bulk action."""

    __slots__ = ()
    type: str
    id: Optional[str]
    name: Optional[str]


class Change(RoloObject):
    """One changed field: ``to``, and ``from_`` (``from`` is a Python keyword; ``change["from"]``
    reads it too)."""

    __slots__ = ()
    to: Any

    @property
    def from_(self) -> Any:
        return self.get("from")


class Changes(RoloObject):
    """Changed fields by name, metadata keys as ``metadata.<key>``: ``changes.first_name.to``,
    ``changes["metadata.plan"].from_``."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        if key not in self._cache:
            self._cache[key] = _wrap(self._data[key], Change)
        return self._cache[key]


class Provenance(RoloObject):
    """Where a consent change came from."""

    __slots__ = ()
    source: str
    """api, dashboard, import, bulk or system."""
    ip: Optional[str]
    user_agent: Optional[str]
    evidence: Optional[RoloObject]
    """The imported file's own consent columns (Mailchimp OPTIN_TIME, OPTIN_IP, CONFIRM_TIME, CONFIRM_IP)."""


class Event(RoloObject):
    """One entry of a contact's timeline (``contacts.activity``)."""

    __slots__ = ()
    _nested = {"changes": Changes, "actor": Actor, "context": Provenance}
    id: str
    object: str
    type: str
    """contact.created, contact.updated, contact.deleted, contact.subscribed, contact.unsubscribed, contact.suppressed."""
    contact_id: str
    changes: Changes
    actor: Actor
    request_id: Optional[str]
    context: Optional[Provenance]
    """Consent provenance, on events that set or change consent fields; else None."""
    created_at: str


class ConsentFieldRecord(Provenance):
    """A consent field's current value with the change that set it."""

    __slots__ = ()
    _nested = {"actor": Actor}
    value: Any
    changed_at: str
    event_id: str
    actor: Actor


class ConsentFields(RoloObject):
    """Each consent field with its record; None when it has had its default since before records were kept."""

    __slots__ = ()
    _nested = {
        name: ConsentFieldRecord
        for name in ("status", "suppressed", "suppressed_reason", "email_ok", "sms_ok", "whatsapp_ok", "voice_ok")
    }
    status: Optional[ConsentFieldRecord]
    suppressed: Optional[ConsentFieldRecord]
    suppressed_reason: Optional[ConsentFieldRecord]
    email_ok: Optional[ConsentFieldRecord]
    sms_ok: Optional[ConsentFieldRecord]
    whatsapp_ok: Optional[ConsentFieldRecord]
    voice_ok: Optional[ConsentFieldRecord]


class ConsentHistoryEntry(Provenance):
    __slots__ = ()
    _nested = {"changes": Changes, "actor": Actor}
    event_id: str
    type: str
    changes: Changes
    """Consent fields only."""
    actor: Actor
    created_at: str


class Consent(RoloObject):
    """A contact's consent now, each field's provenance, and the history of consent changes (newest first, at most 100)."""

    __slots__ = ()
    _nested = {"fields": ConsentFields, "history": ConsentHistoryEntry}
    object: str
    contact_id: str
    status: str
    suppressed: bool
    suppressed_reason: Optional[str]
    email_ok: bool
    sms_ok: bool
    whatsapp_ok: bool
    voice_ok: bool
    fields: ConsentFields
    history: List[ConsentHistoryEntry]


class Erasure(RoloObject):
    """An erased contact: only keyed hashes of the ``tombstones`` (``email``, ``phone``) remain,
    so that the address cannot come back without ``allow_erased=True``."""

    __slots__ = ()
    object: str
    contact_id: str
    erased: bool
    tombstones: List[str]
    erased_at: str


class WebhookEndpoint(RoloObject):
    """Where Rolo sends signed events. ``secret`` (``whsec_...``) is only in the answer to ``create``."""

    __slots__ = ()
    id: str
    object: str
    url: str
    description: Optional[str]
    events: List[str]
    enabled: bool
    created_at: str
    updated_at: str
    secret: Optional[str]


class WebhookDelivery(RoloObject):
    """One message to one endpoint with its attempts (``status`` pending, delivered or failed)."""

    __slots__ = ()
    id: str
    """``msg_...``, also the ``webhook-id`` header of the message."""
    object: str
    endpoint_id: str
    event_type: str
    status: str
    attempts: int
    last_status: Optional[int]
    last_error: Optional[str]
    next_attempt_at: Optional[str]
    created_at: str
    delivered_at: Optional[str]
    payload: RoloObject
    """The message body: ``type``, ``timestamp``, ``data``."""


class WebhookMessage(RoloObject):
    """A verified webhook message (``verify_webhook``): ``type``, ``timestamp`` and ``data`` (for
    contact events the event with its ``contact``; for import.completed / bulk.completed the job)."""

    __slots__ = ()
    type: str
    timestamp: str
    data: RoloObject
