"""The one transport: build URL → send → retry → decode → map error. Resources stay thin."""
from __future__ import annotations

import datetime as _dt
import email.utils
import http.client
import json
import os
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterator, List, Mapping, NamedTuple, Optional, Tuple, Union

from ._errors import APIConnectionError, APIStatusError, APITimeoutError, RoloError, error_class
from ._streaming import StreamedResponse
from ._types import NOT_GIVEN, NotGiven, NotGivenOr
from ._version import __version__

DEFAULT_BASE_URL = "http://localhost:3000"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
MAX_RETRY_AFTER = 60.0
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
USER_AGENT = f"rolo-python/{__version__}"
API_PREFIX = "/api/v1"

Headers = Mapping[str, Optional[str]]
"""Extra request headers; a None value removes a header the SDK would send."""


class Response(NamedTuple):
    status_code: int
    headers: http.client.HTTPMessage
    data: Any

    @property
    def request_id(self) -> Optional[str]:
        return self.headers.get("X-Request-Id")


class Multipart:
    """A multipart/form-data body that can be sent again on a retry. Parts are bytes or paths
    (a path is streamed from disk, never read whole into memory)."""

    def __init__(self, parts: List[Union[bytes, str]], boundary: str) -> None:
        self.parts = parts
        self.content_type = f"multipart/form-data; boundary={boundary}"
        self.length = sum(len(p) if isinstance(p, bytes) else os.path.getsize(p) for p in parts)

    def chunks(self) -> Iterator[bytes]:
        for part in self.parts:
            if isinstance(part, bytes):
                yield part
                continue
            with open(part, "rb") as f:
                while True:
                    block = f.read(64 * 1024)
                    if not block:
                        break
                    yield block


class _ReturnErrors(urllib.request.HTTPErrorProcessor):
    """Hand 4xx/5xx (and 3xx: no redirects) back as responses instead of raising HTTPError."""

    def http_response(self, request: Any, response: Any) -> Any:
        return response

    https_response = http_response


_OPENER: Optional[urllib.request.OpenerDirector] = None


def _opener() -> urllib.request.OpenerDirector:
    # Shared and built on first use: building one loads the system's CA certificates (~0.1 s).
    global _OPENER
    if _OPENER is None:
        opener = urllib.request.build_opener(_ReturnErrors)
        opener.addheaders = []
        _OPENER = opener
    return _OPENER


class Transport:
    def __init__(self, *, api_key: str, base_url: str, max_retries: int, timeout: Optional[float]) -> None:
        self.api_key = api_key
        self.base_url = api_root(base_url)
        self.max_retries = max_retries
        self.timeout = timeout
        self.sleep: Callable[[float], None] = time.sleep  # replaceable in tests

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        json_body: Any = None,
        multipart: Optional[Multipart] = None,
        accept: str = "application/json",
        stream: bool = False,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> Any:
        """Sends with retries; returns a Response (JSON decoded) or, with stream=True, a
        StreamedResponse. Raises APIStatusError subclasses, APIConnectionError, APITimeoutError."""
        url = self.base_url + path
        pairs = encode_query(query or {})
        if pairs:
            url += "?" + urllib.parse.urlencode(pairs, safe="[]")
        content: Optional[bytes] = None
        body_headers: Dict[str, str] = {}
        if json_body is not None:
            content = json.dumps(json_body, default=_json_default, ensure_ascii=False, separators=(",", ":")).encode()
            body_headers["Content-Type"] = "application/json"
        elif multipart is not None:
            body_headers["Content-Type"] = multipart.content_type
            body_headers["Content-Length"] = str(multipart.length)
        if method not in ("GET", "HEAD"):
            # One key per logical write, reused by every retry so the server applies it once.
            key = str(uuid.uuid4()) if isinstance(idempotency_key, NotGiven) else idempotency_key
            body_headers["Idempotency-Key"] = key
        headers = self._headers(accept, body_headers, extra_headers)
        attempt_timeout = self.timeout if isinstance(timeout, NotGiven) else timeout

        attempt = 0
        while True:
            last = attempt >= self.max_retries
            try:
                data: Any = content if multipart is None else multipart.chunks()
                resp = self._open(urllib.request.Request(url, data=data, headers=headers, method=method), attempt_timeout)
                status = resp.status
                if not 200 <= status < 300:
                    error = status_error(status, resp.headers, _read_all(resp), getattr(resp, "reason", ""))
                    if should_retry(status, error.code) and not last:
                        self.sleep(retry_delay(attempt, resp.headers))
                        attempt += 1
                        continue
                    raise error
                if stream:
                    return StreamedResponse(resp, status_code=status, headers=resp.headers)
                raw = _read_all(resp)
            except APIConnectionError:  # includes APITimeoutError
                if last:
                    raise
                self.sleep(retry_delay(attempt, None))
                attempt += 1
                continue
            return Response(status, resp.headers, decode(status, resp.headers, raw))

    def _headers(self, accept: str, body_headers: Mapping[str, str], extra: Optional[Headers]) -> Dict[str, str]:
        """The SDK's headers, then the caller's extra_headers (case-insensitive; None removes one)."""
        merged: Dict[str, Tuple[str, str]] = {}
        base = {"Authorization": f"Bearer {self.api_key}", "User-Agent": USER_AGENT, "Accept": accept}
        for name, value in [*base.items(), *body_headers.items(), *(extra or {}).items()]:
            if value is None:
                merged.pop(name.lower(), None)
            else:
                merged[name.lower()] = (name, value)
        return dict(merged.values())

    def _open(self, req: urllib.request.Request, timeout: Optional[float]) -> Any:
        try:
            return _opener().open(req, timeout=timeout)
        except urllib.error.URLError as e:
            if isinstance(e.reason, (socket.timeout, TimeoutError)):
                raise APITimeoutError() from e
            raise APIConnectionError(f"Connection error: {e.reason}") from e
        except (socket.timeout, TimeoutError) as e:
            raise APITimeoutError() from e
        except (http.client.HTTPException, OSError) as e:
            raise APIConnectionError(f"Connection error: {e!r}") from e


def api_root(base_url: str) -> str:
    """The server origin (or any prefix) plus /api/v1, once."""
    root = base_url.strip().rstrip("/")
    if not root.startswith(("http://", "https://")):
        raise RoloError(f"base_url must start with http:// or https://, got {base_url!r}")
    return root if root.endswith(API_PREFIX) else root + API_PREFIX


def encode_query(params: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """Lists repeat the key (tag=a&tag=b), dicts nest (metadata[plan]=pro), booleans are
    true/false; None and NOT_GIVEN are left out."""
    out: List[Tuple[str, str]] = []

    def add(key: str, value: Any) -> None:
        if value is None or isinstance(value, NotGiven):
            return
        if isinstance(value, bool):
            out.append((key, "true" if value else "false"))
        elif isinstance(value, Mapping):
            for k, v in value.items():
                add(f"{key}[{k}]", v)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                add(key, v)
        elif isinstance(value, (_dt.date, _dt.datetime)):
            out.append((key, value.isoformat()))
        else:
            out.append((key, str(value)))

    for key, value in params.items():
        add(key, value)
    return out


def should_retry(status: int, code: Optional[str] = None) -> bool:
    # A 409 idempotency_in_progress: the first attempt with this key still runs and its answer
    # comes shortly. Any other 409 is a conflict on the data and stays final.
    in_progress = status == 409 and code == "idempotency_in_progress"
    return in_progress or status in (408, 429) or status >= 500


def retry_delay(retries_done: int, headers: Optional[http.client.HTTPMessage]) -> float:
    """Retry-After (seconds or HTTP date) when it is at most 60 s, else exponential backoff
    min(0.5·2ⁿ, 8) s with up to 25 % jitter."""
    after = _retry_after(headers)
    if after is not None and 0 <= after <= MAX_RETRY_AFTER:
        return after
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_done, MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * random.random())


def _retry_after(headers: Optional[http.client.HTTPMessage]) -> Optional[float]:
    value = headers.get("Retry-After") if headers is not None else None
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return max(0.0, (when - _dt.datetime.now(_dt.timezone.utc)).total_seconds())


def _read_all(resp: Any) -> bytes:
    try:
        data: bytes = resp.read()
        return data
    except (socket.timeout, TimeoutError) as e:
        raise APITimeoutError("Timed out reading the response.") from e
    except (http.client.HTTPException, OSError) as e:
        raise APIConnectionError(f"Connection lost while reading the response: {e!r}") from e
    finally:
        resp.close()


def decode(status: int, headers: http.client.HTTPMessage, raw: bytes) -> Any:
    if status == 204 or not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise RoloError(
            f"The API answered {status} with a body that is not JSON "
            f"({headers.get('Content-Type')}): {_snippet(raw)}"
        ) from None


def status_error(status: int, headers: http.client.HTTPMessage, raw: bytes, reason: str = "") -> APIStatusError:
    try:
        body: Any = json.loads(raw) if raw.strip() else None
    except ValueError:
        body = raw.decode("utf-8", "replace")
    envelope = body.get("error") if isinstance(body, dict) else None
    if isinstance(envelope, dict):
        code = envelope.get("code")
        message = str(envelope.get("message") or f"HTTP {status}")
        details = envelope.get("details")
        request_id = envelope.get("request_id")
    else:  # a proxy's HTML page, an empty body, ...
        code, details, request_id = None, None, None
        message = f"HTTP {status} {reason}".strip() + (f": {_snippet(raw)}" if raw.strip() else "")
    return error_class(status)(
        message,
        status_code=status,
        code=code,
        details=details,
        request_id=request_id or headers.get("X-Request-Id"),
        headers=headers,
        body=body,
    )


def _snippet(raw: bytes, limit: int = 200) -> str:
    text = " ".join(raw.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[:limit] + "…"


def _json_default(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
