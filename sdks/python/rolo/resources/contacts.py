"""client.contacts: create, get, update, delete, upsert, list, count, batch_upsert, export,
metadata_keys, activity, consent, erase."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Union

from .._models import BatchResult, Consent, Contact, ContactCount, Erasure, construct
from .._pagination import ContactList, EventList, MetadataKeyList
from .._streaming import StreamedResponse
from .._transport import Headers, Transport
from .._types import NOT_GIVEN, MetadataFilter, NotGiven, NotGivenOr, Timestamp, given
from ._base import Resource
from ._base import segment as path_segment
from .bulk import Bulk
from .imports import Imports

TagFilter = Union[str, Sequence[str]]


def filter_query(query: Dict[str, Any]) -> Dict[str, Any]:
    """The query with ``metadata`` as bracketed keys: ``metadata[plan]=pro``,
    ``metadata[score][gte]=10``, ``metadata[plan][in]=pro,team``, ``metadata[vip][exists]=true``."""
    metadata = query.pop("metadata", None)
    if metadata is None or isinstance(metadata, NotGiven):
        return query
    for key, condition in metadata.items():
        if "]" in key:  # it would end the key early and turn the rest into an operator
            raise ValueError(f"Metadata key {key!r} cannot be sent in a query string (it contains ']')")
        if not isinstance(condition, Mapping):
            query[f"metadata[{key}]"] = condition
            continue
        for op, operand in condition.items():
            if op == "in" and isinstance(operand, (list, tuple, set, frozenset)):
                values = [_query_text(v) for v in operand]
                if any("," in v for v in values):  # the API splits `in` on commas
                    raise ValueError(f"metadata[{key}][in] cannot hold a value with a comma in a query string")
                query[f"metadata[{key}][in]"] = ",".join(values)
            else:
                query[f"metadata[{key}][{op}]"] = operand
    return query


def _query_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


class Contacts(Resource):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.imports = Imports(transport)
        self.bulk = Bulk(transport)

    def create(
        self,
        *,
        email: NotGivenOr[Optional[str]] = NOT_GIVEN,
        phone: NotGivenOr[Optional[str]] = NOT_GIVEN,
        first_name: NotGivenOr[Optional[str]] = NOT_GIVEN,
        last_name: NotGivenOr[Optional[str]] = NOT_GIVEN,
        name: NotGivenOr[str] = NOT_GIVEN,
        status: NotGivenOr[str] = NOT_GIVEN,
        suppressed: NotGivenOr[bool] = NOT_GIVEN,
        suppressed_reason: NotGivenOr[Optional[str]] = NOT_GIVEN,
        email_ok: NotGivenOr[bool] = NOT_GIVEN,
        sms_ok: NotGivenOr[bool] = NOT_GIVEN,
        whatsapp_ok: NotGivenOr[bool] = NOT_GIVEN,
        voice_ok: NotGivenOr[bool] = NOT_GIVEN,
        tags: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        metadata: NotGivenOr[Mapping[str, Any]] = NOT_GIVEN,
        allow_erased: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> Contact:
        """POST /contacts: a new contact (409 ConflictError if the email or phone is taken, code
        ``conflict``; or belongs to an erased contact, code ``erased``: ``allow_erased=True``
        writes it anyway). Unknown keyword arguments are sent as body fields. ``source`` is not
        one: the server records it (``api``)."""
        body = given(
            email=email, phone=phone, first_name=first_name, last_name=last_name, name=name, status=status,
            suppressed=suppressed, suppressed_reason=suppressed_reason, email_ok=email_ok, sms_ok=sms_ok,
            whatsapp_ok=whatsapp_ok, voice_ok=voice_ok, tags=tags, metadata=metadata, allow_erased=allow_erased,
            **extra,
        )
        r = self._t.request(
            "POST", "/contacts", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Contact, r.data, r.request_id)

    def upsert(
        self,
        *,
        email: NotGivenOr[Optional[str]] = NOT_GIVEN,
        phone: NotGivenOr[Optional[str]] = NOT_GIVEN,
        first_name: NotGivenOr[Optional[str]] = NOT_GIVEN,
        last_name: NotGivenOr[Optional[str]] = NOT_GIVEN,
        name: NotGivenOr[str] = NOT_GIVEN,
        status: NotGivenOr[str] = NOT_GIVEN,
        suppressed: NotGivenOr[bool] = NOT_GIVEN,
        suppressed_reason: NotGivenOr[Optional[str]] = NOT_GIVEN,
        email_ok: NotGivenOr[bool] = NOT_GIVEN,
        sms_ok: NotGivenOr[bool] = NOT_GIVEN,
        whatsapp_ok: NotGivenOr[bool] = NOT_GIVEN,
        voice_ok: NotGivenOr[bool] = NOT_GIVEN,
        tags: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        metadata: NotGivenOr[Mapping[str, Any]] = NOT_GIVEN,
        allow_erased: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> Contact:
        """PUT /contacts: create, or update the contact with this email (else phone)."""
        body = given(
            email=email, phone=phone, first_name=first_name, last_name=last_name, name=name, status=status,
            suppressed=suppressed, suppressed_reason=suppressed_reason, email_ok=email_ok, sms_ok=sms_ok,
            whatsapp_ok=whatsapp_ok, voice_ok=voice_ok, tags=tags, metadata=metadata, allow_erased=allow_erased,
            **extra,
        )
        r = self._t.request(
            "PUT", "/contacts", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Contact, r.data, r.request_id)

    def get(
        self, id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> Contact:
        """GET /contacts/{id} (NotFoundError if there is none)."""
        r = self._t.request("GET", f"/contacts/{path_segment(id)}", extra_headers=extra_headers, timeout=timeout)
        return construct(Contact, r.data, r.request_id)

    def update(
        self,
        id: str,
        *,
        email: NotGivenOr[Optional[str]] = NOT_GIVEN,
        phone: NotGivenOr[Optional[str]] = NOT_GIVEN,
        first_name: NotGivenOr[Optional[str]] = NOT_GIVEN,
        last_name: NotGivenOr[Optional[str]] = NOT_GIVEN,
        name: NotGivenOr[str] = NOT_GIVEN,
        status: NotGivenOr[str] = NOT_GIVEN,
        suppressed: NotGivenOr[bool] = NOT_GIVEN,
        suppressed_reason: NotGivenOr[Optional[str]] = NOT_GIVEN,
        email_ok: NotGivenOr[bool] = NOT_GIVEN,
        sms_ok: NotGivenOr[bool] = NOT_GIVEN,
        whatsapp_ok: NotGivenOr[bool] = NOT_GIVEN,
        voice_ok: NotGivenOr[bool] = NOT_GIVEN,
        tags: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        metadata: NotGivenOr[Mapping[str, Any]] = NOT_GIVEN,
        allow_erased: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> Contact:
        """PATCH /contacts/{id}: only the given fields change; None clears a field; metadata is
        merged (a None value deletes that key)."""
        body = given(
            email=email, phone=phone, first_name=first_name, last_name=last_name, name=name, status=status,
            suppressed=suppressed, suppressed_reason=suppressed_reason, email_ok=email_ok, sms_ok=sms_ok,
            whatsapp_ok=whatsapp_ok, voice_ok=voice_ok, tags=tags, metadata=metadata, allow_erased=allow_erased,
            **extra,
        )
        r = self._t.request(
            "PATCH", f"/contacts/{path_segment(id)}", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Contact, r.data, r.request_id)

    def delete(
        self,
        id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> None:
        """DELETE /contacts/{id}: permanent (204)."""
        self._t.request(
            "DELETE", f"/contacts/{path_segment(id)}",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )

    def list(
        self,
        *,
        limit: NotGivenOr[Optional[int]] = NOT_GIVEN,
        cursor: NotGivenOr[Optional[str]] = NOT_GIVEN,
        sort: NotGivenOr[Optional[str]] = NOT_GIVEN,
        search: NotGivenOr[Optional[str]] = NOT_GIVEN,
        email: NotGivenOr[Optional[str]] = NOT_GIVEN,
        tag: NotGivenOr[Optional[TagFilter]] = NOT_GIVEN,
        status: NotGivenOr[Optional[str]] = NOT_GIVEN,
        suppressed: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        has_email: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        has_phone: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        created_after: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        created_before: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        updated_after: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        updated_before: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        metadata: NotGivenOr[Optional[MetadataFilter]] = NOT_GIVEN,
        segment: NotGivenOr[Optional[str]] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> ContactList:
        """GET /contacts: one page (``data``, ``has_more``, ``next_cursor``; the first page also
        ``total``, exact, or when counting would hold it up ``total_estimate``, the database's
        estimate: ``count`` counts exactly). Iterating the result walks every contact of every page. Several tags (a list) must all
        match. ``metadata`` takes conditions in their JSON shape (``{"plan": "pro", "score":
        {"gte": 10}}``); ``segment`` limits the list to a saved segment's contacts. None leaves a
        filter out. Unknown keyword arguments are sent as query parameters (dicts as ``key[sub]=v``)."""
        query = given(
            limit=limit, cursor=cursor, sort=sort, search=search, email=email, tag=tag, status=status,
            suppressed=suppressed, has_email=has_email, has_phone=has_phone, created_after=created_after,
            created_before=created_before, updated_after=updated_after, updated_before=updated_before,
            metadata=metadata, segment=segment, **extra,
        )
        r = self._t.request(
            "GET", "/contacts", query=filter_query(dict(query)), extra_headers=extra_headers, timeout=timeout
        )
        page = construct(ContactList, r.data, r.request_id)

        def fetch(next_cursor: str) -> ContactList:
            params = {**query, "cursor": next_cursor}
            return self.list(extra_headers=extra_headers, timeout=timeout, **params)

        return page._bind(fetch, query.get("cursor"))

    def count(
        self,
        *,
        search: NotGivenOr[Optional[str]] = NOT_GIVEN,
        email: NotGivenOr[Optional[str]] = NOT_GIVEN,
        tag: NotGivenOr[Optional[TagFilter]] = NOT_GIVEN,
        status: NotGivenOr[Optional[str]] = NOT_GIVEN,
        suppressed: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        has_email: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        has_phone: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        created_after: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        created_before: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        updated_after: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        updated_before: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        metadata: NotGivenOr[Optional[MetadataFilter]] = NOT_GIVEN,
        segment: NotGivenOr[Optional[str]] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> ContactCount:
        """GET /contacts/count: how many contacts the filters (and ``segment``) match, counted
        exactly however long that takes (``total``). The filters are those of ``list``, without
        paging; what a first page with ``total_estimate`` instead of ``total`` leaves open."""
        query = given(
            search=search, email=email, tag=tag, status=status, suppressed=suppressed, has_email=has_email,
            has_phone=has_phone, created_after=created_after, created_before=created_before,
            updated_after=updated_after, updated_before=updated_before, metadata=metadata, segment=segment,
            **extra,
        )
        r = self._t.request(
            "GET", "/contacts/count", query=filter_query(query), extra_headers=extra_headers, timeout=timeout
        )
        return construct(ContactCount, r.data, r.request_id)

    def batch_upsert(
        self,
        *,
        contacts: Iterable[Mapping[str, Any]],
        allow_erased: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> BatchResult:
        """POST /contacts/batch: upsert up to 1,000 contacts by email (else phone); each item
        succeeds or fails alone (``created``, ``updated``, ``failed``, ``results``). An item with
        the email or phone of an erased contact fails with code ``erased`` unless
        ``allow_erased=True`` (for the whole batch)."""
        body = {"contacts": list(contacts), **given(allow_erased=allow_erased), **extra}
        r = self._t.request(
            "POST", "/contacts/batch", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(BatchResult, r.data, r.request_id)

    def export(
        self,
        *,
        search: NotGivenOr[Optional[str]] = NOT_GIVEN,
        email: NotGivenOr[Optional[str]] = NOT_GIVEN,
        tag: NotGivenOr[Optional[TagFilter]] = NOT_GIVEN,
        status: NotGivenOr[Optional[str]] = NOT_GIVEN,
        suppressed: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        has_email: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        has_phone: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        created_after: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        created_before: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        updated_after: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        updated_before: NotGivenOr[Optional[Timestamp]] = NOT_GIVEN,
        metadata: NotGivenOr[Optional[MetadataFilter]] = NOT_GIVEN,
        segment: NotGivenOr[Optional[str]] = NOT_GIVEN,
        bom: NotGivenOr[Optional[bool]] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> StreamedResponse:
        """GET /contacts/export: the matching contacts as a streamed CSV (``bom=True`` for Excel).
        Iterate the result for bytes chunks, or call ``.text()`` / ``.write_to_file(path)``."""
        query = given(
            search=search, email=email, tag=tag, status=status, suppressed=suppressed, has_email=has_email,
            has_phone=has_phone, created_after=created_after, created_before=created_before,
            updated_after=updated_after, updated_before=updated_before, metadata=metadata, segment=segment,
            bom=bom, **extra,
        )
        return self._t.request(  # type: ignore[no-any-return]
            "GET", "/contacts/export", query=filter_query(query), accept="text/csv", stream=True,
            extra_headers=extra_headers, timeout=timeout,
        )

    def metadata_keys(
        self, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> MetadataKeyList:
        """GET /contacts/metadata-keys: the workspace's most used metadata keys (``key``,
        ``count``), most used first."""
        r = self._t.request("GET", "/contacts/metadata-keys", extra_headers=extra_headers, timeout=timeout)
        return construct(MetadataKeyList, r.data, r.request_id)

    def activity(
        self,
        id: str,
        *,
        limit: NotGivenOr[Optional[int]] = NOT_GIVEN,
        cursor: NotGivenOr[Optional[str]] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> EventList:
        """GET /contacts/{id}/activity: one page of the contact's timeline, newest first (``limit``
        1–100, default 25). Iterating the page walks every event of every page."""
        query = given(limit=limit, cursor=cursor, **extra)
        r = self._t.request(
            "GET", f"/contacts/{path_segment(id)}/activity", query=query, extra_headers=extra_headers, timeout=timeout
        )
        page = construct(EventList, r.data, r.request_id)

        def fetch(next_cursor: str) -> EventList:
            return self.activity(id, extra_headers=extra_headers, timeout=timeout, **{**query, "cursor": next_cursor})

        return page._bind(fetch, query.get("cursor"))

    def consent(
        self, id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> Consent:
        """GET /contacts/{id}/consent: the current consent, each field with the change that set it
        (when, source, actor, IP, user agent, an import's evidence), and the history of changes."""
        r = self._t.request("GET", f"/contacts/{path_segment(id)}/consent", extra_headers=extra_headers, timeout=timeout)
        return construct(Consent, r.data, r.request_id)

    def erase(
        self,
        id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> Erasure:
        """POST /contacts/{id}/erase: deletes the contact with its activity and consent details and
        keeps a keyed hash of its email and phone, so that writing them again is a ConflictError
        (code ``erased``) unless the write says ``allow_erased=True``."""
        r = self._t.request(
            "POST", f"/contacts/{path_segment(id)}/erase",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Erasure, r.data, r.request_id)
