// A local HTTP server that answers from a script and records every request it got, so unit tests
// exercise the real fetch, real timeouts and the real bytes on the wire.
import http from "node:http";
import Rolo from "../../dist/esm/index.js";

/**
 * `replies` are used in order (the last one repeats): `{ status, headers, body }` (objects are sent
 * as JSON), `"hang"` to never answer, or a function `(record) => reply`.
 */
export async function fakeServer(replies) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const record = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) };
    requests.push(record);
    let reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (typeof reply === "function") reply = reply(record);
    if (reply === "hang") return;
    const { status = 200, headers = {}, body } = reply;
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    const type = typeof body === "string" ? "text/plain" : "application/json";
    res.writeHead(status, { ...(text ? { "Content-Type": type } : {}), ...headers });
    res.end(status === 204 ? undefined : text);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseURL = `http://127.0.0.1:${server.address().port}`;
  return {
    baseURL,
    requests,
    client: (options = {}) => new Rolo({ apiKey: "sk_test_unit", baseURL, ...options }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

export const contact = (overrides = {}) => ({
  id: "con_1",
  object: "contact",
  email: "jane@example.com",
  phone: null,
  first_name: "Jane",
  last_name: "Doe",
  name: "Jane Doe",
  status: "subscribed",
  suppressed: false,
  suppressed_reason: null,
  email_ok: true,
  sms_ok: true,
  whatsapp_ok: true,
  voice_ok: true,
  tags: [],
  metadata: {},
  source: "api",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

export const envelope = (code, message, extra = {}) => ({ error: { code, message, request_id: "req_abc123", ...extra } });
