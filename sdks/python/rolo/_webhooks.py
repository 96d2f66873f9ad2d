"""``verify_webhook``: checks that a webhook message came from Rolo (Standard Webhooks: headers
webhook-id, webhook-timestamp, webhook-signature ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``)."""
from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import hmac
import json
import re
import time
from typing import Any, Mapping, Optional, Union

from ._errors import WebhookVerificationError
from ._models import WebhookMessage

DEFAULT_TOLERANCE = 5 * 60
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_DIGITS = re.compile(r"[0-9]+")


def verify_webhook(
    payload: Union[bytes, bytearray, memoryview, str],
    headers: Any,
    secret: str,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: Union[None, float, _dt.datetime] = None,
) -> WebhookMessage:
    """Verifies a webhook message and returns its parsed body (``type``, ``timestamp``, ``data``).

    ``payload`` is the raw request body exactly as received; ``headers`` any mapping of the
    request headers (names in any case: a dict, Flask's ``request.headers``, ``http.client``'s);
    ``secret`` the endpoint's ``whsec_...``. Raises WebhookVerificationError when no signature
    matches or the timestamp is more than ``tolerance`` seconds (default 300) from ``now``
    (default: the current time)."""
    msg_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise WebhookVerificationError(
            "Missing webhook-id, webhook-timestamp or webhook-signature header", "missing_headers"
        )
    _check_timestamp(timestamp, tolerance, now)

    body = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    key = _secret_key(secret)
    expected = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    # Several space-separated signatures while a secret rotates: any v1 one that matches will do.
    for entry in signatures.split(" "):
        version, _, signature = entry.rstrip(",").partition(",")
        given = _b64decode(signature) if version == "v1" else None
        if given is not None and hmac.compare_digest(given, expected):
            break
    else:
        raise WebhookVerificationError("No matching webhook signature", "invalid_signature")

    try:
        data = json.loads(body)
    except ValueError:
        raise WebhookVerificationError("The signed webhook body is not JSON", "invalid_payload") from None
    if not isinstance(data, dict):
        raise WebhookVerificationError("The signed webhook body is not a JSON object", "invalid_payload")
    return WebhookMessage(data)


def _header(headers: Any, name: str) -> Optional[str]:
    value = headers.get(name) if hasattr(headers, "get") else None
    if value is None and isinstance(headers, Mapping):
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    if isinstance(value, (list, tuple)):
        value = " ".join(value)
    return value if isinstance(value, str) else None


def _check_timestamp(value: str, tolerance: float, now: Union[None, float, _dt.datetime]) -> None:
    if not _DIGITS.fullmatch(value):
        raise WebhookVerificationError("The webhook-timestamp header is not a number of seconds", "invalid_timestamp")
    current = time.time() if now is None else now.timestamp() if isinstance(now, _dt.datetime) else float(now)
    sent = int(value)
    if current - sent > tolerance:
        raise WebhookVerificationError("The webhook timestamp is too old", "timestamp_too_old")
    if sent - current > tolerance:
        raise WebhookVerificationError("The webhook timestamp is too far in the future", "timestamp_too_new")


def _secret_key(secret: str) -> bytes:
    text = secret[len("whsec_"):] if isinstance(secret, str) and secret.startswith("whsec_") else secret
    key = _b64decode(text) if isinstance(text, str) else None
    if not key:
        raise WebhookVerificationError("The webhook secret must be whsec_ and base64", "invalid_secret")
    return key


def _b64decode(text: str) -> Optional[bytes]:
    """Strict base64 (standard alphabet, padding optional), or None."""
    if not _BASE64.fullmatch(text):
        return None
    bare = text.rstrip("=")
    try:
        return base64.b64decode(bare + "=" * (-len(bare) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
