"""The NOT_GIVEN sentinel: an omitted argument is left out of the request, while None is sent
as JSON null (which clears a field, e.g. ``update(id, first_name=None)``)."""
from __future__ import annotations

from typing import Any, Dict, TypeVar, Union

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
