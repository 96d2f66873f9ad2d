// Client configuration: env defaults, base URL, missing key.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import Rolo, { Rolo as NamedRolo, RoloError } from "../../dist/esm/index.js";

test("default and named exports are the same class, in ESM and CJS builds", () => {
  assert.equal(Rolo, NamedRolo);
  const cjs = createRequire(import.meta.url)("../../dist/cjs/index.js");
  assert.equal(cjs.default, cjs.Rolo);
  assert.equal(typeof cjs.NotFoundError, "function");
});

test("apiKey and baseURL default to ROLO_API_KEY and ROLO_BASE_URL, else localhost:3000", async (t) => {
  const saved = { key: process.env.ROLO_API_KEY, url: process.env.ROLO_BASE_URL };
  t.after(() => {
    for (const [name, value] of [
      ["ROLO_API_KEY", saved.key],
      ["ROLO_BASE_URL", saved.url],
    ]) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const seen = [];
  const fetch = async (url, init) => {
    seen.push([url, init.headers.get("authorization")]);
    return new Response(JSON.stringify({ id: "con_1" }), { headers: { "Content-Type": "application/json" } });
  };
  process.env.ROLO_API_KEY = "sk_from_env";
  process.env.ROLO_BASE_URL = "https://rolo.example.com/";
  await new Rolo({ fetch }).contacts.get("con_1");
  delete process.env.ROLO_BASE_URL;
  await new Rolo({ fetch }).contacts.get("con_1");
  await new Rolo({ fetch, apiKey: "sk_explicit", baseURL: "https://x.test/api/v1" }).contacts.get("con_1");
  assert.deepEqual(seen, [
    ["https://rolo.example.com/api/v1/contacts/con_1", "Bearer sk_from_env"],
    ["http://localhost:3000/api/v1/contacts/con_1", "Bearer sk_from_env"],
    ["https://x.test/api/v1/contacts/con_1", "Bearer sk_explicit"],
  ]);
  delete process.env.ROLO_API_KEY;
  assert.throws(
    () => new Rolo({ fetch }),
    (e) => e instanceof RoloError && /ROLO_API_KEY/.test(e.message),
  );
});
