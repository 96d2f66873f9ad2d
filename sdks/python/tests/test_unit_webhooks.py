"""verify_webhook against a fixed vector made with the Standard Webhooks reference library."""
from __future__ import annotations

import base64
import datetime as dt
import email.message
import hashlib
import hmac
import unittest

from rolo import RoloError, WebhookMessage, WebhookVerificationError, verify_webhook

# Made once with the reference library (npm standardwebhooks 1.1.1, installed at the repository root):
#   const wh = new (require("standardwebhooks").Webhook)(SECRET);
#   wh.sign(MSG_ID, new Date(TIMESTAMP * 1000), BODY)          // -> SIGNATURE
#   new Webhook(OTHER_SECRET).sign(MSG_ID, new Date(TIMESTAMP * 1000), BODY)  // -> OTHER_SIGNATURE
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OTHER_SECRET = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCE="
MSG_ID = "msg_2xKTqL4vN8pQ"
TIMESTAMP = 1764237600  # 2025-11-27T10:00:00Z
BODY = (
    '{"type":"contact.updated","timestamp":"2025-11-27T10:00:00.000Z","data":{"object":"event","id":"evt_42",'
    '"type":"contact.updated","contact":{"id":"con_1","first_name":"Zoë"},"changes":{"first_name":{"from":"Zoe","to":"Zoë"}}}}'
)
SIGNATURE = "v1,PYYVPurEMQizwU0PMAvtE2bc771EIzPvmGD3AxugGMY="
OTHER_SIGNATURE = "v1,dJJr8nAs11meNvSo9opaf4YrsV33aMZAmIdKt1jNaKE="

HEADERS = {"webhook-id": MSG_ID, "webhook-timestamp": str(TIMESTAMP), "webhook-signature": SIGNATURE}
AT = TIMESTAMP + 30  # "now" for the checks: half a minute after the message was signed


class VerifyWebhookTests(unittest.TestCase):
    def refused(self, code: str, payload: object = BODY, headers: object = HEADERS, secret: object = SECRET, **kw: object) -> None:
        with self.assertRaises(WebhookVerificationError) as ctx:
            verify_webhook(payload, headers, secret, **{"now": AT, **kw})  # type: ignore[arg-type]
        self.assertIsInstance(ctx.exception, RoloError)
        self.assertEqual(ctx.exception.code, code)

    def test_the_library_vector_verifies_as_str_bytes_and_with_any_header_case(self) -> None:
        message = verify_webhook(BODY, HEADERS, SECRET, now=AT)
        self.assertIsInstance(message, WebhookMessage)
        self.assertEqual((message.type, message.data.contact.first_name), ("contact.updated", "Zoë"))
        self.assertEqual(message.data.changes.first_name.to, "Zoë")
        self.assertEqual(verify_webhook(BODY.encode(), HEADERS, SECRET, now=AT).data.id, "evt_42")
        self.assertEqual(verify_webhook(bytearray(BODY.encode()), HEADERS, SECRET, now=AT).type, "contact.updated")
        upper = {k.title(): v for k, v in HEADERS.items()}
        self.assertEqual(verify_webhook(BODY, upper, SECRET, now=AT).type, "contact.updated")
        parsed = email.message.Message()  # what http.client and http.server hand out
        for k, v in upper.items():
            parsed[k] = v
        self.assertEqual(verify_webhook(BODY, parsed, SECRET, now=AT).type, "contact.updated")
        # The whsec_ prefix is optional, as in the library; now may be a datetime.
        when = dt.datetime.fromtimestamp(AT, dt.timezone.utc)
        self.assertEqual(verify_webhook(BODY, HEADERS, SECRET[len("whsec_"):], now=when).type, "contact.updated")

    def test_our_hmac_is_the_vectors(self) -> None:
        key = base64.b64decode(SECRET[len("whsec_"):])
        mac = hmac.new(key, f"{MSG_ID}.{TIMESTAMP}.{BODY}".encode(), hashlib.sha256).digest()
        self.assertEqual("v1," + base64.b64encode(mac).decode(), SIGNATURE)

    def test_one_matching_v1_signature_among_several_is_enough(self) -> None:
        rotated = {**HEADERS, "webhook-signature": f"{OTHER_SIGNATURE} v1,not-base64! {SIGNATURE}"}
        self.assertEqual(verify_webhook(BODY, rotated, SECRET, now=AT).type, "contact.updated")
        self.assertEqual(verify_webhook(BODY, {**HEADERS, "webhook-signature": OTHER_SIGNATURE}, OTHER_SECRET, now=AT).type, "contact.updated")
        self.refused("invalid_signature", headers={**HEADERS, "webhook-signature": OTHER_SIGNATURE})
        self.refused("invalid_signature", headers={**HEADERS, "webhook-signature": SIGNATURE.replace("v1,", "v2,")})

    def test_tampering_or_another_secret_is_an_invalid_signature(self) -> None:
        self.refused("invalid_signature", payload=BODY.replace("Zoë", "Zoe"))
        self.refused("invalid_signature", payload=BODY + " ")
        self.refused("invalid_signature", headers={**HEADERS, "webhook-id": MSG_ID + "x"})
        self.refused("invalid_signature", headers={**HEADERS, "webhook-timestamp": str(TIMESTAMP + 1)})
        self.refused("invalid_signature", secret=OTHER_SECRET)
        self.refused("invalid_signature", headers={**HEADERS, "webhook-signature": SIGNATURE[:-4]})
        self.refused("invalid_signature", headers={**HEADERS, "webhook-signature": "v1," + base64.b64encode(bytes(32)).decode()})

    def test_timestamps_more_than_five_minutes_away_are_refused(self) -> None:
        self.refused("timestamp_too_old", now=TIMESTAMP + 301)
        self.refused("timestamp_too_new", now=TIMESTAMP - 301)
        self.assertEqual(verify_webhook(BODY, HEADERS, SECRET, now=TIMESTAMP + 299).type, "contact.updated")
        self.assertEqual(verify_webhook(BODY, HEADERS, SECRET, now=TIMESTAMP + 900, tolerance=1000).type, "contact.updated")
        # Without now, the current time: the vector is long past.
        self.refused("timestamp_too_old", now=None)

    def test_missing_headers_bad_timestamps_bad_secrets_and_non_json_bodies(self) -> None:
        for name in HEADERS:
            self.refused("missing_headers", headers={k: v for k, v in HEADERS.items() if k != name})
        self.refused("invalid_timestamp", headers={**HEADERS, "webhook-timestamp": "12abc"})
        self.refused("invalid_timestamp", headers={**HEADERS, "webhook-timestamp": f"{TIMESTAMP}\n"})
        self.refused("invalid_secret", secret="whsec_")
        self.refused("invalid_secret", secret="whsec_***")
        self.refused("invalid_secret", secret=None)
        key = base64.b64decode(SECRET[len("whsec_"):])
        not_json = "not json"
        sig = "v1," + base64.b64encode(hmac.new(key, f"{MSG_ID}.{TIMESTAMP}.{not_json}".encode(), hashlib.sha256).digest()).decode()
        self.refused("invalid_payload", payload=not_json, headers={**HEADERS, "webhook-signature": sig})


if __name__ == "__main__":
    unittest.main()
