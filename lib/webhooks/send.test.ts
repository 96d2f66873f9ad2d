// One attempt against real local servers: signed headers the standardwebhooks library verifies,
// 2xx as success, everything else (status, refused connection, silence) as a short error.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "./test-receiver";
import { sendMessage, signedHeaders } from "./send";
import { generateWebhookSecret } from "./endpoints";

let receiver: Receiver;
const secret = generateWebhookSecret();
const payload = { type: "contact.updated", timestamp: "2026-11-27T12:00:00.000Z", data: { id: "evt_1", note: "naïve ✓" } };

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "1";
  receiver.respondWith(200);
});
afterEach(() => {
  delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
});

describe("sendMessage", () => {
  it("POSTs the JSON body with Standard Webhooks headers that verify with the library", async () => {
    const result = await sendMessage({ id: "msg_signed", url: receiver.url, secret, payload });
    expect(result).toEqual({ ok: true, status: 200, error: null });
    const got = await receiver.waitFor((r) => r.headers["webhook-id"] === "msg_signed");
    expect(JSON.parse(got.body)).toEqual(payload);
    expect(new Webhook(secret).verify(got.body, got.headers)).toEqual(payload);
    expect(got.headers["user-agent"]).toMatch(/^Rolo-Webhooks\//);
    // Tampering with the body, the id or the timestamp breaks the signature.
    expect(() => new Webhook(secret).verify(got.body.replace("naïve", "naive"), got.headers)).toThrow();
    expect(() => new Webhook(secret).verify(got.body, { ...got.headers, "webhook-id": "msg_other" })).toThrow();
  });

  it("signs `id.timestamp.body` with the base64-decoded secret as HMAC-SHA256", async () => {
    const { createHmac } = await import("node:crypto");
    const at = new Date("2026-11-27T12:00:00Z");
    const headers = signedHeaders({ id: "msg_x", secret }, "{}", at);
    const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64")).update(`msg_x.${at.getTime() / 1000}.{}`).digest("base64");
    expect(headers).toEqual({ "webhook-id": "msg_x", "webhook-timestamp": String(at.getTime() / 1000), "webhook-signature": `v1,${expected}` });
  });

  it.each([
    [500, /^HTTP 500 Internal Server Error$/],
    [404, /^HTTP 404/],
    [301, /^HTTP 301/], // redirects are not followed
  ])("reports a %i answer as a failure", async (status, error) => {
    receiver.respondWith(status);
    const result = await sendMessage({ id: `msg_${status}`, url: receiver.url, secret, payload });
    expect(result).toMatchObject({ ok: false, status });
    expect(result.error).toMatch(error);
  });

  it("connects through the guarded lookup when the host is a name", async () => {
    const url = `http://localhost:${new URL(receiver.url).port}/hooks`;
    expect(await sendMessage({ id: "msg_by_name", url, secret, payload })).toEqual({ ok: true, status: 200, error: null });
    const got = await receiver.waitFor((r) => r.headers["webhook-id"] === "msg_by_name");
    expect(new Webhook(secret).verify(got.body, got.headers)).toEqual(payload);
  });

  it("accepts any 2xx", async () => {
    receiver.respondWith(204);
    expect(await sendMessage({ id: "msg_204", url: receiver.url, secret, payload })).toEqual({ ok: true, status: 204, error: null });
  });

  it("reports a refused connection", async () => {
    const result = await sendMessage({ id: "msg_refused", url: "http://127.0.0.1:9/hooks", secret, payload });
    expect(result).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("gives up on a receiver that does not answer in time", async () => {
    const silent = http.createServer(() => {}); // never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      const started = Date.now();
      const result = await sendMessage({ id: "msg_silent", url, secret, payload }, { timeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, status: null, error: "no response within 0.3 s" });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("refuses private targets unless allowed: IP literals and hosts resolving to them", async () => {
    delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
    const before = receiver.received.length;
    const port = new URL(receiver.url).port;
    for (const url of [receiver.url, `http://localhost:${port}/hooks`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const result = await sendMessage({ id: "msg_private", url, secret, payload });
      expect(result, url).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/not a public address/) });
    }
    expect(receiver.received.length).toBe(before);
  });
});
