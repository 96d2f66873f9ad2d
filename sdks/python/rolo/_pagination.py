"""A list call returns one page; iterating the page walks every item of every page."""
from __future__ import annotations

from typing import Any, Callable, Generic, Iterator, List, Optional, Set, TypeVar, Union, cast, overload

from ._models import Contact, Event, Import, MetadataKey, RoloObject, Segment, WebhookDelivery, WebhookEndpoint

_T = TypeVar("_T", bound=RoloObject)
_P = TypeVar("_P", bound="Page[Any]")


class Page(RoloObject, Generic[_T]):
    """One page: ``data``, ``has_more``, ``next_cursor`` and (first page only) ``total``.

    ``len(page)`` and ``page[0]`` read this page's ``data``; ``for item in page`` fetches the
    following pages as it goes, until ``has_more`` is false or a cursor repeats."""

    __slots__ = ("_fetch", "_cursor")
    _fetch: Optional[Callable[[str], Any]]
    _cursor: Optional[str]
    object: str
    data: List[_T]
    has_more: bool
    next_cursor: Optional[str]
    total: Optional[int]

    def __init__(self, data: Any, *, request_id: Optional[str] = None) -> None:
        super().__init__(data, request_id=request_id)
        object.__setattr__(self, "_fetch", None)
        object.__setattr__(self, "_cursor", None)

    def _bind(self: _P, fetch: Callable[[str], _P], cursor: Optional[str]) -> _P:
        object.__setattr__(self, "_fetch", fetch)
        object.__setattr__(self, "_cursor", cursor)
        return self

    def has_next_page(self) -> bool:
        return bool(self.get("has_more") and self.get("next_cursor") and self._fetch)

    def next_page(self: _P) -> Optional[_P]:
        """The following page, or None on the last one."""
        if not self.has_next_page():
            return None
        return cast(_P, self._fetch(self["next_cursor"]))  # type: ignore[misc]

    def iter_pages(self: _P) -> Iterator[_P]:
        page = self
        seen: Set[str] = {page._cursor} if page._cursor else set()
        while True:
            yield page
            cursor = page.get("next_cursor")
            if not page.has_next_page() or cursor in seen:
                return
            seen.add(cursor)
            page = cast(_P, page._fetch(cursor))  # type: ignore[misc]

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data

    def __len__(self) -> int:
        return len(self.data)

    @overload
    def __getitem__(self, key: int) -> _T: ...
    @overload
    def __getitem__(self, key: slice) -> List[_T]: ...
    @overload
    def __getitem__(self, key: str) -> Any: ...
    def __getitem__(self, key: Union[int, slice, str]) -> Any:
        if isinstance(key, (int, slice)):
            return self.data[key]
        return super().__getitem__(key)


class ContactList(Page[Contact]):
    """A page of contacts. The first page says how many match: ``total`` (exact) when counting is
    quick, else ``total_estimate`` (the database's estimate; ``contacts.count`` counts exactly).
    Later pages carry neither (both read as None)."""

    __slots__ = ()
    _nested = {"data": Contact}
    total_estimate: Optional[int]


class ImportList(Page[Import]):
    """The last 50 imports (one page)."""

    __slots__ = ()
    _nested = {"data": Import}


class SegmentList(Page[Segment]):
    """Every segment of the workspace by name, each with its ``count`` or ``count_estimate`` (one page)."""

    __slots__ = ()
    _nested = {"data": Segment}


class MetadataKeyList(Page[MetadataKey]):
    """The workspace's most used metadata keys, most used first (one page, at most 50)."""

    __slots__ = ()
    _nested = {"data": MetadataKey}


class EventList(Page[Event]):
    """A page of a contact's timeline, newest first; iterating walks every page."""

    __slots__ = ()
    _nested = {"data": Event}


class WebhookEndpointList(Page[WebhookEndpoint]):
    """Every webhook endpoint of the workspace (one page, at most 20)."""

    __slots__ = ()
    _nested = {"data": WebhookEndpoint}


class WebhookDeliveryList(Page[WebhookDelivery]):
    """A page of an endpoint's delivery log, newest first; iterating walks every page."""

    __slots__ = ()
    _nested = {"data": WebhookDelivery}
