"""client.contacts.bulk: subscribe, unsubscribe, tag or delete a selection as a background job.

A selection is ``ids=[...]`` (up to 1,000), or ``filter={...}`` (a ContactFilter: search, tag,
status, metadata, ...) and/or ``segment="seg_..."``, minus ``exclude_ids``. A filter without
criteria would select every contact: the API refuses it unless ``all=True`` says that is meant.
Each action returns the queued BulkJob (202); ``wait(id)`` follows it; ``preview(action, ...)``
counts the selection without changing anything."""
from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from .._models import BulkJob, BulkPreview, RoloObject, construct
from .._transport import Headers
from .._types import NOT_GIVEN, ContactFilter, NotGivenOr, given
from ._base import Resource, poll
from ._base import segment as path_segment

ACTIONS = ("subscribe", "unsubscribe", "tag", "delete")


class Bulk(Resource):
    def subscribe(
        self,
        *,
        ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        filter: NotGivenOr[ContactFilter] = NOT_GIVEN,
        segment: NotGivenOr[str] = NOT_GIVEN,
        all: NotGivenOr[bool] = NOT_GIVEN,
        exclude_ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> BulkJob:
        """POST /contacts/bulk-subscribe."""
        body = given(ids=ids, filter=filter, segment=segment, all=all, exclude_ids=exclude_ids, **extra)
        return self._run("subscribe", body, idempotency_key, extra_headers, timeout)  # type: ignore[return-value]

    def unsubscribe(
        self,
        *,
        ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        filter: NotGivenOr[ContactFilter] = NOT_GIVEN,
        segment: NotGivenOr[str] = NOT_GIVEN,
        all: NotGivenOr[bool] = NOT_GIVEN,
        exclude_ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        reason: NotGivenOr[str] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> BulkJob:
        """POST /contacts/bulk-unsubscribe, with an optional ``reason``."""
        body = given(ids=ids, filter=filter, segment=segment, all=all, exclude_ids=exclude_ids, reason=reason, **extra)
        return self._run("unsubscribe", body, idempotency_key, extra_headers, timeout)  # type: ignore[return-value]

    def tag(
        self,
        *,
        add: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        remove: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        filter: NotGivenOr[ContactFilter] = NOT_GIVEN,
        segment: NotGivenOr[str] = NOT_GIVEN,
        all: NotGivenOr[bool] = NOT_GIVEN,
        exclude_ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> BulkJob:
        """POST /contacts/bulk-tag: ``add`` and/or ``remove`` tags."""
        body = given(
            add=add, remove=remove, ids=ids, filter=filter, segment=segment, all=all, exclude_ids=exclude_ids, **extra
        )
        return self._run("tag", body, idempotency_key, extra_headers, timeout)  # type: ignore[return-value]

    def delete(
        self,
        *,
        ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        filter: NotGivenOr[ContactFilter] = NOT_GIVEN,
        segment: NotGivenOr[str] = NOT_GIVEN,
        all: NotGivenOr[bool] = NOT_GIVEN,
        exclude_ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> BulkJob:
        """POST /contacts/bulk-delete: permanent, like contacts.delete."""
        body = given(ids=ids, filter=filter, segment=segment, all=all, exclude_ids=exclude_ids, **extra)
        return self._run("delete", body, idempotency_key, extra_headers, timeout)  # type: ignore[return-value]

    def preview(
        self,
        action: str,
        *,
        ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        filter: NotGivenOr[ContactFilter] = NOT_GIVEN,
        segment: NotGivenOr[str] = NOT_GIVEN,
        all: NotGivenOr[bool] = NOT_GIVEN,
        exclude_ids: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> BulkPreview:
        """The action's ``dry_run``: how many contacts match and a sample of 5; nothing changes.
        Pass the action's own fields too (e.g. ``add=[...]`` for "tag")."""
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {', '.join(ACTIONS)}, got {action!r}")
        body = {**given(ids=ids, filter=filter, segment=segment, all=all, exclude_ids=exclude_ids, **extra), "dry_run": True}
        return self._run(action, body, NOT_GIVEN, extra_headers, timeout)  # type: ignore[return-value]

    def get(
        self, job_id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> BulkJob:
        """GET /contacts/bulk/{job_id}: status, counts and progress."""
        path = f"/contacts/bulk/{path_segment(job_id, 'job_id')}"
        r = self._t.request("GET", path, extra_headers=extra_headers, timeout=timeout)
        return construct(BulkJob, r.data, r.request_id)

    def wait(self, job_id: str, *, timeout: Optional[float] = 600.0, poll_interval: float = 1.0) -> BulkJob:
        """Polls until the job is completed, failed or canceled and returns it (check
        ``status``); WaitTimeoutError after ``timeout`` seconds."""
        return poll(lambda: self.get(job_id), timeout=timeout, poll_interval=poll_interval, sleep=self._t.sleep)

    def _run(
        self,
        action: str,
        body: Dict[str, Any],
        idempotency_key: NotGivenOr[str],
        extra_headers: Optional[Headers],
        timeout: NotGivenOr[Optional[float]],
    ) -> RoloObject:
        r = self._t.request(
            "POST", f"/contacts/bulk-{action}", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        # dry_run (also when sent as an extra field) answers with a preview instead of a job.
        is_preview = isinstance(r.data, dict) and r.data.get("object") == "bulk_preview"
        return construct(BulkPreview if is_preview else BulkJob, r.data, r.request_id)
