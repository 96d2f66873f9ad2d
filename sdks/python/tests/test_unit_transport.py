"""The transport against a fake server: retries, idempotency keys, timeouts, error mapping, headers."""
from __future__ import annotations

import email.utils
import os
import socket
import time
import unittest
from unittest import mock

import rolo
from rolo import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    Rolo,
    RoloError,
    UnprocessableEntityError,
)
from rolo._transport import retry_delay

from fake_server import ServerTestCase, contact, error_body


class RetryTests(ServerTestCase):
    def test_429_with_retry_after_then_200(self) -> None:
        self.server.reply(429, error_body("rate_limited", "Too many requests"), headers={"Retry-After": "1"})
        self.server.reply(200, contact("con_1"))
        result = self.client.contacts.get("con_1")
        self.assertEqual(result.id, "con_1")
        self.assertEqual(len(self.server.requests), 2)
        self.assertEqual(self.sleeps, [1.0])

    def test_503_twice_then_200_reuses_one_idempotency_key(self) -> None:
        self.server.reply(503, "unavailable").reply(503, "unavailable").reply(201, contact("con_1"))
        result = self.client.contacts.create(email="jane@example.com")
        self.assertEqual(result.id, "con_1")
        keys = [r.headers["Idempotency-Key"] for r in self.server.requests]
        self.assertEqual(len(keys), 3)
        self.assertTrue(keys[0])
        self.assertEqual(set(keys), {keys[0]})
        # No Retry-After: exponential backoff 0.5 s then 1 s, minus up to 25 % jitter.
        self.assertEqual(len(self.sleeps), 2)
        self.assertTrue(0.375 <= self.sleeps[0] <= 0.5, self.sleeps)
        self.assertTrue(0.75 <= self.sleeps[1] <= 1.0, self.sleeps)

    def test_callers_idempotency_key_wins_on_every_attempt(self) -> None:
        self.server.reply(500, error_body("internal_error", "boom")).reply(200, contact("con_1"))
        self.client.contacts.update("con_1", first_name="Janet", idempotency_key="my-key-1")
        self.assertEqual([r.headers["Idempotency-Key"] for r in self.server.requests], ["my-key-1", "my-key-1"])

    def test_each_write_gets_its_own_key_and_reads_none(self) -> None:
        self.server.reply(201, contact("con_1")).reply(201, contact("con_2")).reply(200, contact("con_2"))
        self.client.contacts.create(email="a@example.com")
        self.client.contacts.create(email="b@example.com")
        self.client.contacts.get("con_2")
        first, second, read = self.server.requests
        self.assertNotEqual(first.headers["Idempotency-Key"], second.headers["Idempotency-Key"])
        self.assertIsNone(read.headers["Idempotency-Key"])

    def test_retries_are_bounded_then_the_error_is_raised(self) -> None:
        client = self.make_client(max_retries=1)
        self.server.reply(500, error_body("internal_error", "boom")).reply(500, error_body("internal_error", "still"))
        with self.assertRaises(InternalServerError) as ctx:
            client.contacts.get("con_1")
        self.assertEqual(ctx.exception.message, "still")
        self.assertEqual(len(self.server.requests), 2)

    def test_408_is_retried_but_400_is_not(self) -> None:
        self.server.reply(408, "").reply(200, contact("con_1"))
        self.client.contacts.get("con_1")
        self.assertEqual(len(self.server.requests), 2)
        self.server.reply(400, error_body("validation_error", "bad"))
        with self.assertRaises(BadRequestError):
            self.client.contacts.create(email="nope")
        self.assertEqual(len(self.server.requests), 3)

    def test_409_idempotency_in_progress_is_retried_with_the_same_key_but_a_conflict_is_not(self) -> None:
        in_progress = error_body("idempotency_in_progress", "A request with this Idempotency-Key is still being processed")
        self.server.reply(409, in_progress).reply(409, in_progress).reply(201, contact("con_1"))
        self.assertEqual(self.client.contacts.create(email="a@example.com").id, "con_1")
        keys = [r.headers["Idempotency-Key"] for r in self.server.requests]
        self.assertEqual((len(keys), len(set(keys))), (3, 1))
        self.assertEqual(len(self.sleeps), 2)
        self.assertTrue(0.375 <= self.sleeps[0] <= 0.5 and 0.75 <= self.sleeps[1] <= 1.0, self.sleeps)

        self.server.reply(409, error_body("conflict", "A contact with this email already exists"))
        with self.assertRaises(ConflictError) as ctx:
            self.client.contacts.create(email="a@example.com")
        self.assertEqual(ctx.exception.code, "conflict")
        self.assertEqual(len(self.server.requests), 4)

        client = self.make_client(max_retries=1)
        self.server.reply(409, in_progress).reply(409, in_progress)
        with self.assertRaises(ConflictError) as ctx:
            client.contacts.create(email="a@example.com")
        self.assertEqual(ctx.exception.code, "idempotency_in_progress")
        self.assertEqual(len(self.server.requests), 6)

    def test_retry_delay_honours_seconds_and_http_dates_up_to_60s(self) -> None:
        def headers(value: str) -> mock.Mock:
            return mock.Mock(get=lambda name: value if name == "Retry-After" else None)

        self.assertEqual(retry_delay(0, headers("7")), 7.0)
        self.assertEqual(retry_delay(0, headers("0")), 0.0)
        future = email.utils.formatdate(time.time() + 30, usegmt=True)
        self.assertTrue(28 <= retry_delay(0, headers(future)) <= 30.5)
        past = email.utils.formatdate(time.time() - 30, usegmt=True)
        self.assertEqual(retry_delay(0, headers(past)), 0.0)
        # Beyond 60 s or unparseable: the capped exponential backoff instead.
        self.assertLessEqual(retry_delay(0, headers("3600")), 0.5)
        self.assertLessEqual(retry_delay(10, headers("soon")), 8.0)
        self.assertGreaterEqual(retry_delay(10, None), 6.0)


class TimeoutAndConnectionTests(ServerTestCase):
    def test_a_slow_response_raises_api_timeout_error(self) -> None:
        client = self.make_client(timeout=0.2, max_retries=0)
        self.server.reply(200, contact("con_1"), delay=1.5)
        started = time.monotonic()
        with self.assertRaises(APITimeoutError):
            client.contacts.get("con_1")
        self.assertLess(time.monotonic() - started, 1.2)

    def test_timeouts_are_retried_with_the_same_key(self) -> None:
        client = self.make_client(timeout=0.2, max_retries=1)
        self.server.reply(200, contact("con_1"), delay=1.0).reply(201, contact("con_1"))
        result = client.contacts.create(email="a@example.com")
        self.assertEqual(result.id, "con_1")
        first, second = self.server.requests
        self.assertEqual(first.headers["Idempotency-Key"], second.headers["Idempotency-Key"])

    def test_per_request_timeout_overrides_the_client(self) -> None:
        client = self.make_client(timeout=30, max_retries=0)
        self.server.reply(200, contact("con_1"), delay=1.5)
        with self.assertRaises(APITimeoutError):
            client.contacts.get("con_1", timeout=0.2)

    def test_connection_refused_raises_api_connection_error_after_retries(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        client = Rolo(api_key="sk_test", base_url=f"http://127.0.0.1:{port}", max_retries=2)
        client._transport.sleep = self.sleeps.append
        with self.assertRaises(APIConnectionError) as ctx:
            client.contacts.get("con_1")
        self.assertNotIsInstance(ctx.exception, APITimeoutError)
        self.assertEqual(len(self.sleeps), 2)


class ErrorMappingTests(ServerTestCase):
    def test_html_502_is_an_internal_server_error_with_status(self) -> None:
        client = self.make_client(max_retries=0)
        html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        self.server.reply(502, html, headers={"Content-Type": "text/html"}, request_id="req_proxy")
        with self.assertRaises(InternalServerError) as ctx:
            client.contacts.get("con_1")
        err = ctx.exception
        self.assertEqual(err.status_code, 502)
        self.assertIsNone(err.code)
        self.assertIn("502", err.message)
        self.assertIn("Bad Gateway", err.message)
        self.assertEqual(err.request_id, "req_proxy")  # from X-Request-Id when the body has none

    def test_envelope_fields_and_request_id(self) -> None:
        details = [{"path": "email", "message": "Must be a valid email address"}]
        self.server.reply(400, error_body("validation_error", "The request is invalid", "req_abc", details))
        with self.assertRaises(BadRequestError) as ctx:
            self.client.contacts.create(email="nope")
        err = ctx.exception
        self.assertEqual((err.status_code, err.code, err.request_id), (400, "validation_error", "req_abc"))
        self.assertEqual(err.message, "The request is invalid")
        self.assertEqual(err.details, details)
        self.assertEqual(err.headers["X-Request-Id"], "req_test")
        self.assertIn("req_abc", str(err))

    def test_each_status_maps_to_its_class(self) -> None:
        client = self.make_client(max_retries=0)
        table = [
            (400, BadRequestError),
            (401, AuthenticationError),
            (403, PermissionDeniedError),
            (404, NotFoundError),
            (409, ConflictError),
            (422, UnprocessableEntityError),
            (429, RateLimitError),
            (500, InternalServerError),
            (503, InternalServerError),
            (405, APIStatusError),
        ]
        for status, cls in table:
            self.server.reply(status, error_body("x", f"status {status}", f"req_{status}"))
            with self.subTest(status=status), self.assertRaises(cls) as ctx:
                client.contacts.get("con_1")
            self.assertEqual(ctx.exception.status_code, status)
            self.assertEqual(ctx.exception.request_id, f"req_{status}")
            self.assertIsInstance(ctx.exception, RoloError)

    def test_conflict_exposes_the_existing_contact(self) -> None:
        body = error_body("conflict", "taken")
        body["error"]["existing_id"] = "con_old"
        self.server.reply(409, body)
        with self.assertRaises(ConflictError) as ctx:
            self.client.contacts.create(email="a@example.com")
        self.assertEqual(ctx.exception.existing_id, "con_old")

    def test_non_json_success_is_a_rolo_error(self) -> None:
        self.server.reply(200, "<html>login</html>", headers={"Content-Type": "text/html"})
        with self.assertRaises(RoloError) as ctx:
            self.client.contacts.get("con_1")
        self.assertIn("not JSON", str(ctx.exception))


class HeaderAndUrlTests(ServerTestCase):
    def test_user_agent_auth_and_api_prefix(self) -> None:
        self.server.reply(200, contact("con_1"))
        self.client.contacts.get("con_1")
        req = self.server.requests[0]
        self.assertEqual(req.headers["User-Agent"], f"rolo-python/{rolo.__version__}")
        self.assertEqual(req.headers["Authorization"], "Bearer sk_test_123")
        self.assertEqual(req.headers["Accept"], "application/json")
        self.assertEqual(req.path, "/api/v1/contacts/con_1")

    def test_extra_headers_are_sent_and_none_removes_one(self) -> None:
        self.server.reply(201, contact("con_1"))
        self.client.contacts.create(email="a@example.com", extra_headers={"X-Trace": "t1", "Accept": None})
        req = self.server.requests[0]
        self.assertEqual(req.headers["X-Trace"], "t1")
        self.assertIsNone(req.headers["Accept"])
        self.assertEqual(req.headers["Content-Type"], "application/json")

    def test_path_segments_are_escaped_and_empty_ids_refused(self) -> None:
        self.server.reply(404, error_body("not_found", "Contact not found"))
        with self.assertRaises(NotFoundError):
            self.client.contacts.get("a/b?c")
        self.assertEqual(self.server.requests[0].path, "/api/v1/contacts/a%2Fb%3Fc")
        with self.assertRaises(ValueError):
            self.client.contacts.get("")

    def test_environment_defaults_and_base_url_forms(self) -> None:
        with mock.patch.dict(os.environ, {"ROLO_API_KEY": "sk_env", "ROLO_BASE_URL": self.server.url + "/"}):
            client = Rolo()
        client._transport.sleep = self.sleeps.append
        self.server.reply(200, contact("con_1"))
        client.contacts.get("con_1")
        self.assertEqual(self.server.requests[0].headers["Authorization"], "Bearer sk_env")
        self.assertEqual(self.server.requests[0].path, "/api/v1/contacts/con_1")
        self.assertEqual(Rolo(api_key="k", base_url="https://x.test/api/v1/").base_url, "https://x.test/api/v1")
        with mock.patch.dict(os.environ, {}, clear=True):
            self.assertEqual(Rolo(api_key="k").base_url, "http://localhost:3000/api/v1")
            with self.assertRaises(RoloError):
                Rolo()
        with self.assertRaises(RoloError):
            Rolo(api_key="k", base_url="localhost:3000")


if __name__ == "__main__":
    unittest.main()
