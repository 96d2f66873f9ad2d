"""client.segments: saved filters (a ContactFilter under a name), each answered with the count of
contacts it matches now. Use one with ``contacts.list(segment=id)``, ``export`` and bulk
actions."""
from __future__ import annotations

from typing import Any, Optional

from .._models import Segment, construct
from .._pagination import SegmentList
from .._transport import Headers
from .._types import NOT_GIVEN, ContactFilter, NotGivenOr, given
from ._base import Resource
from ._base import segment as path_segment


class Segments(Resource):
    def list(
        self, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> SegmentList:
        """GET /segments: every segment of the workspace by name, each with its ``count``, or
        ``count_estimate`` (and ``count`` None) where counting would hold up the list."""
        r = self._t.request("GET", "/segments", extra_headers=extra_headers, timeout=timeout)
        return construct(SegmentList, r.data, r.request_id)

    def create(
        self,
        *,
        name: str,
        filter: ContactFilter,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> Segment:
        """POST /segments (201). The filter needs at least one criterion; a name already taken
        is a ConflictError."""
        r = self._t.request(
            "POST", "/segments", json_body={"name": name, "filter": filter, **extra},
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Segment, r.data, r.request_id)

    def get(
        self, id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> Segment:
        """GET /segments/{id} (NotFoundError if there is none)."""
        r = self._t.request("GET", f"/segments/{path_segment(id)}", extra_headers=extra_headers, timeout=timeout)
        return construct(Segment, r.data, r.request_id)

    def update(
        self,
        id: str,
        *,
        name: NotGivenOr[str] = NOT_GIVEN,
        filter: NotGivenOr[ContactFilter] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> Segment:
        """PATCH /segments/{id}: a new name, a new filter (it replaces the old one whole), or both."""
        r = self._t.request(
            "PATCH", f"/segments/{path_segment(id)}", json_body=given(name=name, filter=filter, **extra),
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Segment, r.data, r.request_id)

    def delete(
        self,
        id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> None:
        """DELETE /segments/{id} (204); its contacts are untouched."""
        self._t.request(
            "DELETE", f"/segments/{path_segment(id)}",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
