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
    """A saved filter with the exact count of contacts it matches now. ``filter`` is stored in
    operator form (``{"metadata": {"plan": {"eq": "pro"}}}``)."""

    __slots__ = ()
    id: str
    object: str
    name: str
    filter: RoloObject
    count: int
    created_at: str
    updated_at: str


class MetadataKey(RoloObject):
    __slots__ = ()
    key: str
    count: int
    """Contacts having the key, among the 10,000 most recently updated."""
