"""A scripted HTTP server on a free port: each request gets the next queued response and is
recorded (method, path, query, headers, body) for the test to inspect."""
from __future__ import annotations

import json
import threading
import time
import unittest
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, NamedTuple, Optional, Union

from rolo import Rolo


class Recorded(NamedTuple):
    method: str
    path: str
    raw_query: str
    query: Dict[str, List[str]]
    headers: Any
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Scripted(NamedTuple):
    status: int
    body: bytes
    headers: Dict[str, str]
    delay: float


class FakeServer:
    def __init__(self) -> None:
        self.requests: List[Recorded] = []
        self._queue: List[Scripted] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = urllib.parse.urlsplit(self.path)
                with server._lock:
                    server.requests.append(
                        Recorded(self.command, url.path, url.query, urllib.parse.parse_qs(url.query), self.headers, body)
                    )
                    reply = server._queue.pop(0) if server._queue else None
                if reply is None:  # 418 is never retried, so a missing script fails loudly
                    reply = Scripted(418, b'{"error":{"code":"unscripted","message":"no response queued"}}', {}, 0)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.status != 204:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.status != 204:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.handle_error = lambda *args: None  # type: ignore[assignment]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def reply(
        self,
        status: int = 200,
        body: Union[None, bytes, str, Dict[str, Any], List[Any]] = None,
        headers: Optional[Dict[str, str]] = None,
        delay: float = 0,
        request_id: str = "req_test",
    ) -> "FakeServer":
        all_headers = {"X-Request-Id": request_id}
        if isinstance(body, (dict, list)):
            raw = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json; charset=utf-8"
        elif isinstance(body, str):
            raw = body.encode()
        else:
            raw = body or b""
        all_headers.update(headers or {})
        with self._lock:
            self._queue.append(Scripted(status, raw, all_headers, delay))
        return self

    def start(self) -> "FakeServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def error_body(code: str, message: str, request_id: str = "req_err", details: Any = None) -> Dict[str, Any]:
    error: Dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    if details is not None:
        error["details"] = details
    return {"error": error}


def contact(id: str = "con_1", **fields: Any) -> Dict[str, Any]:
    base: Dict[str, Any] = {
        "id": id,
        "object": "contact",
        "email": f"{id}@example.com",
        "phone": None,
        "first_name": "Jane",
        "last_name": "Doe",
        "name": "Jane Doe",
        "status": "subscribed",
        "suppressed": False,
        "suppressed_reason": None,
        "email_ok": True,
        "sms_ok": True,
        "whatsapp_ok": True,
        "voice_ok": True,
        "tags": [],
        "metadata": {},
        "source": "api",
        "created_at": "2026-01-01T00:00:00.000Z",
        "updated_at": "2026-01-01T00:00:00.000Z",
    }
    base.update(fields)
    return base


class ServerTestCase(unittest.TestCase):
    """A fresh fake server per test, and a client whose retry sleeps are recorded, not slept."""

    def setUp(self) -> None:
        self.server = FakeServer().start()
        self.addCleanup(self.server.stop)
        self.sleeps: List[float] = []
        self.client = self.make_client()

    def make_client(self, **options: Any) -> Rolo:
        client = Rolo(api_key=options.pop("api_key", "sk_test_123"), base_url=self.server.url, **options)
        client._transport.sleep = self.sleeps.append
        return client
