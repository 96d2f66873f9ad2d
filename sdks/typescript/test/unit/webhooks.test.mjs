// verifyWebhook against the Standard Webhooks reference library: messages it signs verify, and
// any tampering, a wrong secret or a stale timestamp is refused with a typed error.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { test } from "node:test";
import { Webhook } from "standardwebhooks";
import { RoloError, WebhookVerificationError as FromIndex } from "../../dist/esm/index.js";
import { WebhookVerificationError, verifyWebhook } from "../../dist/esm/webhooks.js";

const secret = `whsec_${randomBytes(24).toString("base64")}`;
const library = new Webhook(secret);
const body = JSON.stringify({
  type: "contact.updated",
  timestamp: "2026-11-27T10:00:00.000Z",
  data: { object: "event", id: "evt_1", type: "contact.updated", contact: { id: "con_1", first_name: "Zoë" }, changes: {} },
});

/** A message signed by the reference library at `at` (default now). */
function signed(payload = body, at = new Date(), id = `msg_${randomBytes(6).toString("hex")}`) {
  return {
    payload,
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": library.sign(id, at, payload),
    },
  };
}

const refusal = (fn) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected a WebhookVerificationError");
};

test("a message signed by the library verifies, as a string, a Buffer, an ArrayBuffer, with Headers or Node headers", () => {
  const { payload, headers } = signed();
  const message = verifyWebhook(payload, headers, secret);
  assert.deepEqual(message, JSON.parse(body));
  assert.equal(message.data.contact.first_name, "Zoë");
  const buffer = Buffer.from(payload);
  assert.equal(verifyWebhook(buffer, new Headers(headers), secret).type, "contact.updated");
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  assert.equal(verifyWebhook(arrayBuffer, headers, secret).type, "contact.updated");
  const capitalised = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace(/(^|-)w/g, (m) => m.toUpperCase()), v]));
  assert.equal(verifyWebhook(payload, capitalised, secret).type, "contact.updated");
  // The secret's prefix is optional, as in the library.
  assert.equal(verifyWebhook(payload, headers, secret.slice("whsec_".length)).type, "contact.updated");
});

test("ours and the library agree on random bodies, ids and times", () => {
  for (let i = 0; i < 50; i++) {
    const payload = JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), data: { n: randomBytes(i).toString("base64") } });
    const at = new Date(Date.now() - Math.floor(Math.random() * 240_000));
    const { headers } = signed(payload, at, `msg_${i}_${randomBytes(4).toString("hex")}`);
    assert.deepEqual(verifyWebhook(payload, headers, secret), library.verify(payload, headers));
  }
});

test("one matching v1 signature among several (a secret rotation) is enough; other versions are ignored", () => {
  const { payload, headers } = signed();
  const real = headers["webhook-signature"];
  const other = new Webhook(`whsec_${randomBytes(24).toString("base64")}`).sign(headers["webhook-id"], new Date(), payload);
  const several = { ...headers, "webhook-signature": `${other} v1,not-base64! ${real}` };
  assert.equal(verifyWebhook(payload, several, secret).type, "contact.updated");
  // fetch's Headers joins a repeated header with ", ".
  const repeated = new Headers(headers);
  repeated.set("webhook-signature", other);
  repeated.append("webhook-signature", real);
  assert.equal(verifyWebhook(payload, repeated, secret).type, "contact.updated");
  const wrongVersion = { ...headers, "webhook-signature": real.replace(/^v1,/, "v2,") };
  assert.equal(refusal(() => verifyWebhook(payload, wrongVersion, secret)).code, "invalid_signature");
});

test("a tampered body, id or timestamp, or another secret, is refused as invalid_signature", () => {
  const { payload, headers } = signed();
  const cases = [
    [payload.replace("Zoë", "Zoe"), headers, secret],
    [`${payload} `, headers, secret],
    [payload, { ...headers, "webhook-id": `${headers["webhook-id"]}x` }, secret],
    [payload, { ...headers, "webhook-timestamp": String(Number(headers["webhook-timestamp"]) + 1) }, secret],
    [payload, headers, `whsec_${randomBytes(24).toString("base64")}`],
    [payload, { ...headers, "webhook-signature": `v1,${Buffer.alloc(32).toString("base64")}` }, secret],
    [payload, { ...headers, "webhook-signature": headers["webhook-signature"].slice(0, -4) }, secret],
  ];
  for (const [p, h, s] of cases) {
    const error = refusal(() => verifyWebhook(p, h, s));
    assert.ok(error instanceof WebhookVerificationError && error instanceof RoloError, String(error));
    assert.equal(error.code, "invalid_signature");
    // The library refuses the same messages.
    assert.throws(() => new Webhook(s).verify(p, h));
  }
});

test("timestamps more than 5 minutes from now are refused, within them accepted", () => {
  const minutes = (n) => new Date(Date.now() + n * 60_000);
  const old = signed(body, minutes(-6));
  assert.equal(refusal(() => verifyWebhook(old.payload, old.headers, secret)).code, "timestamp_too_old");
  const future = signed(body, minutes(6));
  assert.equal(refusal(() => verifyWebhook(future.payload, future.headers, secret)).code, "timestamp_too_new");
  const recent = signed(body, minutes(-4));
  assert.equal(verifyWebhook(recent.payload, recent.headers, secret).type, "contact.updated");
  // A stored message can be checked against the time it arrived.
  assert.equal(verifyWebhook(old.payload, old.headers, secret, { now: minutes(-6) }).type, "contact.updated");
  assert.equal(verifyWebhook(old.payload, old.headers, secret, { tolerance: 600 }).type, "contact.updated");
});

test("missing headers, a non-numeric timestamp, a bad secret and a body that is not JSON are typed errors", () => {
  const { payload, headers } = signed();
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const { [name]: _, ...rest } = headers;
    assert.equal(refusal(() => verifyWebhook(payload, rest, secret)).code, "missing_headers");
  }
  assert.equal(refusal(() => verifyWebhook(payload, { ...headers, "webhook-timestamp": "12abc" }, secret)).code, "invalid_timestamp");
  assert.equal(refusal(() => verifyWebhook(payload, headers, "whsec_")).code, "invalid_secret");
  assert.equal(refusal(() => verifyWebhook(payload, headers, "whsec_***")).code, "invalid_secret");
  assert.equal(refusal(() => verifyWebhook(payload, headers, undefined)).code, "invalid_secret");
  const notJson = signed("not json");
  assert.equal(refusal(() => verifyWebhook(notJson.payload, notJson.headers, secret)).code, "invalid_payload");
});

test("the error class is the same from the main entry and the webhooks entry, in ESM and CJS", () => {
  assert.equal(FromIndex, WebhookVerificationError);
  const cjs = createRequire(import.meta.url)("../../dist/cjs/webhooks.js");
  const { payload, headers } = signed();
  assert.equal(cjs.verifyWebhook(payload, headers, secret).type, "contact.updated");
  assert.ok(refusal(() => cjs.verifyWebhook(`${payload}x`, headers, secret)) instanceof cjs.WebhookVerificationError);
});
