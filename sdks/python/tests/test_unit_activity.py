"""Issue 11 against a fake server: activity (paginated), consent, erase, allow_erased on every
write, the ``erased`` conflict, and the webhooks resource with its paginated delivery log."""
from __future__ import annotations

import unittest
from typing import Any, Dict, List, Optional

from rolo import (
    ConflictError,
    Consent,
    Erasure,
    Event,
    EventList,
    NotFoundError,
    PermissionDeniedError,
    WebhookDelivery,
    WebhookDeliveryList,
    WebhookEndpoint,
)

from fake_server import ServerTestCase, contact, error_body
from test_unit_resources import form_parts


def event(id: str, **fields: Any) -> Dict[str, Any]:
    row: Dict[str, Any] = {
        "object": "event",
        "id": id,
        "type": "contact.updated",
        "contact_id": "con_1",
        "changes": {"first_name": {"from": "Jane", "to": "Janet"}, "metadata.plan": {"from": None, "to": "pro"}},
        "actor": {"type": "api_key", "id": "key_1", "name": "sdk"},
        "request_id": "req_1",
        "context": None,
        "created_at": "2026-11-27T10:00:00.000Z",
    }
    row.update(fields)
    return row


def endpoint(**fields: Any) -> Dict[str, Any]:
    row: Dict[str, Any] = {
        "object": "webhook_endpoint",
        "id": "whk_1",
        "url": "https://203.0.113.10/hook",
        "description": None,
        "events": ["contact.updated"],
        "enabled": True,
        "created_at": "2026-11-27T10:00:00.000Z",
        "updated_at": "2026-11-27T10:00:00.000Z",
    }
    row.update(fields)
    return row


def delivery(id: str, **fields: Any) -> Dict[str, Any]:
    row: Dict[str, Any] = {
        "object": "webhook_delivery",
        "id": id,
        "endpoint_id": "whk_1",
        "event_type": "webhook.test",
        "status": "pending",
        "attempts": 0,
        "last_status": None,
        "last_error": None,
        "next_attempt_at": "2026-11-27T10:00:00.000Z",
        "created_at": "2026-11-27T10:00:00.000Z",
        "delivered_at": None,
        "payload": {"type": "webhook.test", "timestamp": "2026-11-27T10:00:00.000Z", "data": {}},
    }
    row.update(fields)
    return row


def listing(rows: List[Dict[str, Any]], next_cursor: Optional[str] = None) -> Dict[str, Any]:
    return {"object": "list", "data": rows, "has_more": next_cursor is not None, "next_cursor": next_cursor}


class ActivityTests(ServerTestCase):
    def test_activity_returns_one_page_and_iteration_walks_every_page(self) -> None:
        self.server.reply(200, listing([event("evt_3"), event("evt_2", type="contact.created", changes={})], "cur_1"))
        self.server.reply(200, listing([event("evt_1")]))
        page = self.client.contacts.activity("con/1", limit=2)
        self.assertIsInstance(page, EventList)
        self.assertIsInstance(page[0], Event)
        self.assertEqual(len(self.server.requests), 1)
        latest = page[0]
        self.assertEqual((latest.changes.first_name.from_, latest.changes.first_name.to), ("Jane", "Janet"))
        self.assertEqual(latest.changes["metadata.plan"]["from"], None)
        self.assertEqual((latest.actor.type, latest.actor.name), ("api_key", "sdk"))
        self.assertIsNone(latest.context)
        self.assertEqual([e.id for e in page], ["evt_3", "evt_2", "evt_1"])
        first, second = self.server.requests
        self.assertEqual((first.method, first.path, first.query), ("GET", "/api/v1/contacts/con%2F1/activity", {"limit": ["2"]}))
        self.assertEqual(second.query, {"limit": ["2"], "cursor": ["cur_1"]})
        self.assertEqual(second.path, "/api/v1/contacts/con%2F1/activity")

    def test_activity_of_a_missing_contact_is_not_found(self) -> None:
        self.server.reply(404, error_body("not_found", "No such contact", "req_404"))
        with self.assertRaises(NotFoundError) as ctx:
            self.client.contacts.activity("con_x")
        self.assertEqual(ctx.exception.request_id, "req_404")
        self.assertEqual(len(self.server.requests), 1)

    def test_consent_reads_each_field_with_its_provenance(self) -> None:
        self.server.reply(200, {
            "object": "consent", "contact_id": "con_1", "status": "unsubscribed", "suppressed": False,
            "suppressed_reason": None, "email_ok": True, "sms_ok": True, "whatsapp_ok": True, "voice_ok": True,
            "fields": {
                "status": {
                    "value": "unsubscribed", "changed_at": "2026-11-27T10:00:00.000Z", "event_id": "evt_2",
                    "actor": {"type": "import", "id": "imp_1", "name": "list.csv"}, "source": "import", "ip": None,
                    "user_agent": None, "evidence": {"OPTIN_IP": "198.51.100.7"},
                },
                "email_ok": None,
            },
            "history": [{
                "event_id": "evt_2", "type": "contact.unsubscribed", "changes": {"status": {"from": "subscribed", "to": "unsubscribed"}},
                "actor": {"type": "import", "id": "imp_1", "name": "list.csv"}, "source": "import", "ip": None,
                "user_agent": None, "evidence": None, "created_at": "2026-11-27T10:00:00.000Z",
            }],
        })
        consent = self.client.contacts.consent("con_1")
        self.assertIsInstance(consent, Consent)
        self.assertEqual((consent.fields.status.source, consent.fields.status.actor.name), ("import", "list.csv"))
        self.assertEqual(consent.fields.status.evidence.OPTIN_IP, "198.51.100.7")
        self.assertIsNone(consent.fields.email_ok)
        self.assertIsNone(consent.fields.sms_ok)  # absent: read as None
        self.assertEqual(consent.history[0].changes.status.to, "unsubscribed")
        req = self.server.requests[0]
        self.assertEqual((req.method, req.path), ("GET", "/api/v1/contacts/con_1/consent"))

    def test_erase_posts_with_an_idempotency_key_and_no_body(self) -> None:
        self.server.reply(200, {"object": "erasure", "contact_id": "con_1", "erased": True, "tombstones": ["email", "phone"], "erased_at": "2026-11-27T10:00:00.000Z"})
        erasure = self.client.contacts.erase("con_1", idempotency_key="erase-1")
        self.assertIsInstance(erasure, Erasure)
        self.assertEqual((erasure.erased, erasure.tombstones), (True, ["email", "phone"]))
        req = self.server.requests[0]
        self.assertEqual((req.method, req.path, req.body), ("POST", "/api/v1/contacts/con_1/erase", b""))
        self.assertEqual(req.headers["Idempotency-Key"], "erase-1")


class AllowErasedTests(ServerTestCase):
    def test_allow_erased_is_sent_by_every_write_and_left_out_when_not_given(self) -> None:
        self.server.reply(201, contact()).reply(200, contact()).reply(200, contact())
        self.server.reply(200, {"created": 1, "updated": 0, "failed": 0, "results": []})
        self.server.reply(202, {"id": "imp_1", "object": "import", "status": "queued"})
        self.server.reply(201, contact())
        contacts = self.client.contacts
        contacts.create(email="a@example.com", allow_erased=True)
        contacts.upsert(email="a@example.com", allow_erased=True)
        contacts.update("con_1", email="b@example.com", allow_erased=True)
        contacts.batch_upsert(contacts=[{"email": "a@example.com"}], allow_erased=True)
        contacts.imports.create(b"email\r\na@example.com\r\n", filename="a.csv", allow_erased=True)
        contacts.create(email="c@example.com")
        sent = [(r.method, r.path, r.json()) for r in self.server.requests[:4]]
        self.assertEqual(sent, [
            ("POST", "/api/v1/contacts", {"email": "a@example.com", "allow_erased": True}),
            ("PUT", "/api/v1/contacts", {"email": "a@example.com", "allow_erased": True}),
            ("PATCH", "/api/v1/contacts/con_1", {"email": "b@example.com", "allow_erased": True}),
            ("POST", "/api/v1/contacts/batch", {"contacts": [{"email": "a@example.com"}], "allow_erased": True}),
        ])
        self.assertEqual(form_parts(self.server.requests[4])["allow_erased"]["content"], b"true")
        self.assertEqual(self.server.requests[5].json(), {"email": "c@example.com"})

    def test_an_erased_conflict_is_a_conflict_error_with_code_erased_and_is_not_retried(self) -> None:
        self.server.reply(409, error_body("erased", "This email belongs to an erased contact", "req_409"))
        with self.assertRaises(ConflictError) as ctx:
            self.client.contacts.create(email="gone@example.com")
        err = ctx.exception
        self.assertEqual((err.status_code, err.code, err.request_id), (409, "erased", "req_409"))
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.sleeps, [])


class WebhookResourceTests(ServerTestCase):
    def test_each_method_uses_its_method_path_and_body(self) -> None:
        self.server.reply(200, listing([endpoint()]))
        self.server.reply(201, endpoint(secret="whsec_c2VjcmV0"))
        self.server.reply(200, endpoint())
        self.server.reply(200, endpoint(enabled=False))
        self.server.reply(204)
        self.server.reply(202, delivery("msg_1"))
        self.server.reply(202, delivery("msg_1", attempts=3))
        hooks = self.client.webhooks
        self.assertEqual([w.id for w in hooks.list()], ["whk_1"])
        created = hooks.create(url="https://203.0.113.10/hook", events=["contact.updated"], description="CRM")
        self.assertIsInstance(created, WebhookEndpoint)
        self.assertEqual(created.secret, "whsec_c2VjcmV0")
        self.assertIsNone(hooks.get("whk_1").secret)
        self.assertFalse(hooks.update("whk_1", enabled=False).enabled)
        self.assertIsNone(hooks.delete("whk/1"))
        tested = hooks.test("whk_1")
        self.assertIsInstance(tested, WebhookDelivery)
        self.assertEqual((tested.event_type, tested.payload.type), ("webhook.test", "webhook.test"))
        self.assertEqual(hooks.replay("whk_1", "msg_1").attempts, 3)
        sent = [(r.method, r.path, r.json() if r.body else None) for r in self.server.requests]
        self.assertEqual(sent, [
            ("GET", "/api/v1/webhooks", None),
            ("POST", "/api/v1/webhooks", {"url": "https://203.0.113.10/hook", "events": ["contact.updated"], "description": "CRM"}),
            ("GET", "/api/v1/webhooks/whk_1", None),
            ("PATCH", "/api/v1/webhooks/whk_1", {"enabled": False}),
            ("DELETE", "/api/v1/webhooks/whk%2F1", None),
            ("POST", "/api/v1/webhooks/whk_1/test", None),
            ("POST", "/api/v1/webhooks/whk_1/deliveries/msg_1/replay", None),
        ])
        self.assertTrue(all(r.headers["Idempotency-Key"] for r in self.server.requests if r.method != "GET"))

    def test_deliveries_page_and_iteration_keep_the_status_filter(self) -> None:
        self.server.reply(200, listing([delivery("msg_3", status="failed", last_status=500, attempts=2)], "c1"))
        self.server.reply(200, listing([delivery("msg_2", status="failed")], "c2"))
        self.server.reply(200, listing([delivery("msg_1", status="failed")]))
        page = self.client.webhooks.deliveries("whk_1", status="failed", limit=1)
        self.assertIsInstance(page, WebhookDeliveryList)
        self.assertEqual((page[0].last_status, page.has_more), (500, True))
        self.assertEqual([d.id for d in page], ["msg_3", "msg_2", "msg_1"])
        self.assertEqual([r.query for r in self.server.requests], [
            {"status": ["failed"], "limit": ["1"]},
            {"status": ["failed"], "limit": ["1"], "cursor": ["c1"]},
            {"status": ["failed"], "limit": ["1"], "cursor": ["c2"]},
        ])
        self.assertEqual({r.path for r in self.server.requests}, {"/api/v1/webhooks/whk_1/deliveries"})

    def test_a_read_only_key_gets_permission_denied_and_a_bad_url_keeps_its_details(self) -> None:
        self.server.reply(403, error_body("forbidden", "This API key is read-only"))
        self.server.reply(400, error_body("validation_error", "Invalid", details=[{"path": "url", "message": "private address"}]))
        with self.assertRaises(PermissionDeniedError):
            self.client.webhooks.create(url="https://203.0.113.10/hook")
        try:
            self.client.webhooks.create(url="https://10.0.0.1/hook")
        except Exception as e:  # noqa: BLE001 - inspected below
            self.assertEqual((getattr(e, "code", None), e.details[0].get("path")), ("validation_error", "url"))  # type: ignore[attr-defined]
        else:
            self.fail("expected a BadRequestError")


if __name__ == "__main__":
    unittest.main()
