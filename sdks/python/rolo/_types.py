"""The NOT_GIVEN sentinel: an omitted argument is left out of the request, while None is sent
as JSON null (which clears a field, e.g. ``update(id, first_name=None)``). And the filter types:
one ``ContactFilter`` for lists, exports, bulk selections and segments."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Mapping, Sequence, TypedDict, TypeVar, Union

_T = TypeVar("_T")


class NotGiven:
    _instance: "NotGiven | None" = None

    def __new__(cls) -> "NotGiven":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

NotGivenOr = Union[_T, NotGiven]
"""``NotGivenOr[str]``: a str, or NOT_GIVEN (the default) to leave the field out."""


def given(**fields: Any) -> Dict[str, Any]:
    """The fields that were given (None included, NOT_GIVEN left out)."""
    return {k: v for k, v in fields.items() if not isinstance(v, NotGiven)}


Timestamp = Union[str, _dt.datetime]
"""An ISO 8601 string or a datetime (give it a timezone: a naive one is read as UTC by metadata
ranges but refused by ``created_after`` and friends)."""

MetadataScalar = Union[str, int, float, bool]
MetadataOperand = Union[str, int, float, _dt.date, _dt.datetime]

# Functional form: "in" is a keyword, so it cannot be a class attribute.
MetadataOperators = TypedDict(
    "MetadataOperators",
    {
        "eq": MetadataScalar,
        "gt": MetadataOperand,
        "gte": MetadataOperand,
        "lt": MetadataOperand,
        "lte": MetadataOperand,
        "in": Sequence[MetadataScalar],
        "exists": bool,
    },
    total=False,
)
"""Operators on one metadata key, all of which must hold: ``{"gte": 10, "lt": 20}``. Ranges
compare numbers as numbers, ISO dates as instants, other text as text; ``in`` is any of these
values; ``exists`` is whether the key is present."""

MetadataCondition = Union[MetadataScalar, MetadataOperators]
"""A bare value means equality: ``"pro"`` is ``{"eq": "pro"}``."""

MetadataFilter = Mapping[str, MetadataCondition]
"""``{"plan": "pro", "score": {"gte": 10}, "tier": {"in": ["gold", "silver"]}, "vip": {"exists": True}}``.
Lists and exports send it as ``metadata[plan]=pro&metadata[score][gte]=10&...``."""


class ContactFilter(TypedDict, total=False):
    """The one contact filter: ``contacts.list``/``export`` take its fields as keyword arguments,
    bulk actions and segments take it as ``filter={...}``. Every criterion must hold."""

    search: str
    email: str
    tag: Union[str, Sequence[str]]
    status: str
    suppressed: bool
    has_email: bool
    has_phone: bool
    created_after: Timestamp
    created_before: Timestamp
    updated_after: Timestamp
    updated_before: Timestamp
    metadata: MetadataFilter
