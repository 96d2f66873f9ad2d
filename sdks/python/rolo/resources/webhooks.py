"""client.webhooks: endpoints that receive signed events (Standard Webhooks) and their delivery
log. Check what an endpoint receives with ``rolo.verify_webhook``."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from .._models import WebhookDelivery, WebhookEndpoint, construct
from .._pagination import WebhookDeliveryList, WebhookEndpointList
from .._transport import Headers
from .._types import NOT_GIVEN, NotGivenOr, given
from ._base import Resource, segment


class Webhooks(Resource):
    def list(
        self, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> WebhookEndpointList:
        """GET /webhooks: every endpoint of the workspace (at most 20), oldest first, without secrets."""
        r = self._t.request("GET", "/webhooks", extra_headers=extra_headers, timeout=timeout)
        return construct(WebhookEndpointList, r.data, r.request_id)

    def create(
        self,
        *,
        url: str,
        events: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        description: NotGivenOr[Optional[str]] = NOT_GIVEN,
        enabled: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> WebhookEndpoint:
        """POST /webhooks (201): the endpoint with its ``secret`` (``whsec_...``), shown only here
        (a create replayed with the same idempotency key is a ConflictError: list to find it).
        ``events`` left out or empty: every type (contact.created, contact.updated,
        contact.deleted, contact.unsubscribed, import.completed, bulk.completed, and later ones).
        Private, loopback and link-local URLs are refused."""
        body = given(url=url, events=events, description=description, enabled=enabled, **extra)
        r = self._t.request(
            "POST", "/webhooks", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(WebhookEndpoint, r.data, r.request_id)

    def get(
        self, id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> WebhookEndpoint:
        """GET /webhooks/{id} (NotFoundError if there is none)."""
        r = self._t.request("GET", f"/webhooks/{segment(id)}", extra_headers=extra_headers, timeout=timeout)
        return construct(WebhookEndpoint, r.data, r.request_id)

    def update(
        self,
        id: str,
        *,
        url: NotGivenOr[str] = NOT_GIVEN,
        events: NotGivenOr[Sequence[str]] = NOT_GIVEN,
        description: NotGivenOr[Optional[str]] = NOT_GIVEN,
        enabled: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> WebhookEndpoint:
        """PATCH /webhooks/{id}: only the given fields change (``events`` replaces the list;
        ``description=None`` clears it)."""
        body = given(url=url, events=events, description=description, enabled=enabled, **extra)
        r = self._t.request(
            "PATCH", f"/webhooks/{segment(id)}", json_body=body,
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(WebhookEndpoint, r.data, r.request_id)

    def delete(
        self,
        id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> None:
        """DELETE /webhooks/{id} (204)."""
        self._t.request(
            "DELETE", f"/webhooks/{segment(id)}",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )

    def deliveries(
        self,
        id: str,
        *,
        limit: NotGivenOr[Optional[int]] = NOT_GIVEN,
        cursor: NotGivenOr[Optional[str]] = NOT_GIVEN,
        status: NotGivenOr[Optional[str]] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> WebhookDeliveryList:
        """GET /webhooks/{id}/deliveries: one page of the delivery log, newest first (``status``
        pending, delivered or failed). Iterating the page walks every page."""
        query = given(limit=limit, cursor=cursor, status=status, **extra)
        r = self._t.request(
            "GET", f"/webhooks/{segment(id)}/deliveries", query=query, extra_headers=extra_headers, timeout=timeout
        )
        page = construct(WebhookDeliveryList, r.data, r.request_id)

        def fetch(next_cursor: str) -> WebhookDeliveryList:
            return self.deliveries(id, extra_headers=extra_headers, timeout=timeout, **{**query, "cursor": next_cursor})

        return page._bind(fetch, query.get("cursor"))

    def test(
        self,
        id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> WebhookDelivery:
        """POST /webhooks/{id}/test (202): queues a ``webhook.test`` message and returns its
        delivery (ConflictError if the endpoint is disabled)."""
        r = self._t.request(
            "POST", f"/webhooks/{segment(id)}/test",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(WebhookDelivery, r.data, r.request_id)

    def replay(
        self,
        id: str,
        delivery_id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> WebhookDelivery:
        """POST /webhooks/{id}/deliveries/{delivery_id}/replay (202): the same delivery (same id),
        pending again."""
        r = self._t.request(
            "POST", f"/webhooks/{segment(id)}/deliveries/{segment(delivery_id, 'delivery_id')}/replay",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(WebhookDelivery, r.data, r.request_id)
