// npm run bench: seeds 1,000,000 contacts (set-based SQL) into a throwaway embedded PostgreSQL,
// starts the production server, and measures the API over HTTP. Prints a markdown table and
// writes it to bench/results.md. BENCH_CONTACTS=100000 for a quicker run; BENCH_PARTS (see below)
// for the first-page latencies and only some of the rest.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { ensureDatabase, migrate } from "@/lib/db/migrate";
import { seedContacts } from "./seed";
import { check, latency, throughput } from "./stats";
import { startBareServer } from "./bare-server";

const TOTAL = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
/** BENCH_PARTS=dashboard,bulk,… runs the first-page latencies and only these; the table is then printed, not saved. */
const ALL_PARTS = ["dashboard", "bulk", "import", "activity", "throughput"];
const parts = new Set(process.env.BENCH_PARTS ? process.env.BENCH_PARTS.split(",") : ALL_PARTS);
const allParts = ALL_PARTS.every((p) => parts.has(p));
const PORT = Number(process.env.BENCH_PORT ?? 3350);
const BARE_PORT = PORT + 1;
const log = (s: string) => console.error(`[bench] ${s}`);

const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-bench-"));
chmodSync(dir, 0o755);
const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0 });
const url = pgServer.url.replace(/\/postgres$/, "/rolo_bench");
await ensureDatabase(url);
await migrate(url);
process.env.DATABASE_URL = url;

const { createWorkspace } = await import("@/lib/workspaces/workspaces");
const { createApiKey } = await import("@/lib/api-keys/api-keys");
const ws = await createWorkspace({ name: "Bench", slug: "bench" });
const key = (await createApiKey({ workspaceId: ws.id, input: { name: "bench", scope: "full" } })).secret;
const seedStart = performance.now();
await seedContacts(url, ws.id, TOTAL, log);
const seedSeconds = (performance.now() - seedStart) / 1000;
log(`seeded ${TOTAL} in ${seedSeconds.toFixed(1)} s`);

const env = { ...process.env, ROLO_WORKER: "off", DATABASE_URL: url, NEXTAUTH_SECRET: "bench", NEXTAUTH_URL: `http://localhost:${PORT}`, RATE_LIMIT_PER_MINUTE: "100000000", NEXT_TELEMETRY_DISABLED: "1", DATABASE_POOL_SIZE: "10" };
const next = path.join("node_modules", "next", "dist", "bin", "next");
if (process.env.BENCH_SKIP_BUILD !== "1") spawnSync(process.execPath, [next, "build"], { env, stdio: "ignore" });
const webLog = openSync(path.join(dir, "web.log"), "w");
const web = spawn(process.execPath, ["--max-old-space-size=256", next, "start", "-p", String(PORT)], { env, stdio: ["ignore", webLog, webLog] });
const failWith = (error: unknown) => {
  console.error(readFileSync(path.join(dir, "web.log"), "utf8").slice(-4000));
  throw error;
};
const base = `http://127.0.0.1:${PORT}/api/v1`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/openapi.json`)).ok) break;
  } catch {}
  if (i > 300) throw new Error("server did not start");
  await new Promise((r) => setTimeout(r, 100));
}
const bare = await startBareServer(url, ws.id, BARE_PORT);

const headers = { authorization: `Bearer ${key}` };
async function get(pathAndQuery: string) {
  const res = await fetch(`${base}${pathAndQuery}`, { headers });
  if (!res.ok) failWith(new Error(`${pathAndQuery} → ${res.status} ${await res.text()}`));
  return res.json();
}

// A cursor after ~90 % of the rows, found by walking the index once.
const { default: pg } = await import("pg");
const sqlClient = new pg.Client({ connectionString: url });
await sqlClient.connect();
const deepRow = (await sqlClient.query(`SELECT id, created_at FROM contacts WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`, [ws.id, Math.floor(TOTAL * 0.9)])).rows[0];
const { encodeCursor } = await import("@/lib/contacts/cursor");
const deepCursor = encodeCursor("-created_at", deepRow.created_at, deepRow.id);
const sampleIds = (await sqlClient.query(`SELECT id FROM contacts WHERE workspace_id = $1 ORDER BY random() LIMIT 300`, [ws.id])).rows.map((r) => r.id);
await sqlClient.end();

/** One row of the latency table: the figure, its target (#13) and, for first pages, what total came. */
interface Row {
  label: string;
  p50: number;
  p95: number;
  target?: number;
  total?: string;
}
const rows: Row[] = [];
const measure = async (label: string, fn: (i: number) => Promise<unknown>, runs = 200, target?: number) => {
  rows.push({ label, target, ...(await latency(fn, runs)) });
  log(`${label}: p95 ${rows[rows.length - 1].p95.toFixed(1)} ms`);
};
/**
 * A first page with its total: exact (kept counters, or counted within the budget), or an
 * estimate, in which case the exact count's own request (GET /contacts/count) is timed too.
 */
const FIRST_PAGE_TARGET = 50;
const firstPage = async (label: string, query: (i: number) => string, runs = 200) => {
  await measure(label, (i) => get(`/contacts?${query(i)}`), runs, FIRST_PAGE_TARGET);
  const page = await get(`/contacts?${query(0)}`);
  const row = rows[rows.length - 1];
  if (page.total !== undefined) row.total = `exact (${Number(page.total).toLocaleString("en")})`;
  else {
    const t = await latency(() => get(`/contacts/count?${query(0)}`), 3, 1);
    const exact = await get(`/contacts/count?${query(0)}`);
    row.total = `≈${Number(page.total_estimate).toLocaleString("en")}; exact ${Number(exact.total).toLocaleString("en")} follows in ${t.p50.toFixed(0)} ms`;
  }
};
const page2Cursor: string = (await get("/contacts")).next_cursor;
const searchCursor: string = (await get("/contacts?search=fatima")).next_cursor;
await firstPage("list, first page (limit 50)", () => "");
await measure("list, page 2 (cursor)", () => get(`/contacts?cursor=${page2Cursor}`), 200, FIRST_PAGE_TARGET);
await measure(`list, deep page (cursor after ${Math.floor(TOTAL * 0.9).toLocaleString("en")} rows)`, () => get(`/contacts?cursor=${deepCursor}`), 200, FIRST_PAGE_TARGET);
await firstPage('search, selective ("user12345@")', (i) => `search=user${12345 + (i % 50)}@`);
await firstPage('search, broad ("fatima", 1/12 of rows)', () => "search=fatima", 50);
await measure("search, broad, page 2 (cursor, no total)", () => get(`/contacts?search=fatima&cursor=${searchCursor}`), 200, FIRST_PAGE_TARGET);
await firstPage("filter tag=vip (1/7 of rows)", () => "tag=vip", 50);
await firstPage("filter status=unsubscribed (1/10 of rows)", () => "status=unsubscribed", 50);
await firstPage("filter tag=vip and status=unsubscribed", () => "tag=vip&status=unsubscribed", 50);
// Filters that match nothing, where a plan that walks the sort order expecting matches reads the
// whole workspace: a tag nobody has, phone-only contacts (there are none), suppressed yet subscribed.
await firstPage("filter a tag nobody has, sorted by last_name", () => "tag=nobody-has-this&sort=last_name", 50);
await firstPage("filter has_email=false (no match)", () => "has_email=false", 50);
await firstPage("filter suppressed=true and status=subscribed (no match)", () => "suppressed=true&status=subscribed", 50);
for (const sort of ["email", "-updated_at", "last_name"]) await firstPage(`list sorted by ${sort}`, () => `sort=${sort}`, 50);
const { benchFilters } = await import("./filters");
await benchFilters({ base, headers, total: TOTAL, measure, firstPage });
await measure("get by id", (i) => get(`/contacts/${sampleIds[i % sampleIds.length]}`));
await measure("create", (i) =>
  fetch(`${base}/contacts`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-new-${i}-${Date.now()}@example.com`, first_name: "Bench" }),
  }).then((r) => r.json()),
);

const { addUserToWorkspace } = await import("@/lib/users/users");
await addUserToWorkspace(ws.id, { email: "bench@rolo.test", password: "bench-password", role: "owner" });
const { measureDashboard } = await import("./dashboard");
const ui = !parts.has("dashboard") ? null : await measureDashboard(`http://localhost:${PORT}`, "bench@rolo.test", "bench-password", 9).catch((e: Error) => {
  log(`dashboard timing skipped: ${e.message}`);
  return null;
});
// Each keystroke's timeline in the log: what a median hides (a competing request, a long task).
for (const b of ui?.breakdown ?? []) log(`keystroke: ${JSON.stringify(b)}`);

// Bulk actions: from the POST to the job's completion, on 1,000 ids and on a 100,000-row filter.
async function timeBulk(body: object) {
  const t = performance.now();
  const res = await fetch(`${base}/contacts/bulk-tag`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  const job = await res.json();
  if (res.status !== 202) throw new Error(`bulk failed: ${JSON.stringify(job)}`);
  let view = job;
  while (view.status !== "completed") {
    if (view.status === "failed") throw new Error(`bulk job failed: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 20));
    view = await get(`/contacts/bulk/${job.id}`);
  }
  return { ms: performance.now() - t, matched: view.matched as number };
}
const hundredK = new Date(Date.parse("2025-01-01T00:00:00Z") + Math.min(100_000, TOTAL) * 20_000).toISOString();
const bulkRows: string[] = [];
if (parts.has("bulk")) {
  const bulkIds = (await get("/contacts?limit=200&sort=email")).data.map((c: { id: string }) => c.id);
  const thousand = [...bulkIds, ...sampleIds].slice(0, 1000);
  while (thousand.length < 1000) thousand.push(...(await get(`/contacts?limit=200&offset=${thousand.length}`)).data.map((c: { id: string }) => c.id));
  const bulkSmall: { ms: number; matched: number }[] = [];
  for (let i = 0; i < 5; i++) bulkSmall.push(await timeBulk({ ids: [...new Set(thousand)].slice(0, 1000), add: [`bench-small-${i}`] }));
  const bulkLarge = await timeBulk({ filter: { created_before: hundredK }, add: ["bench-large"] });
  const bulkSmallMs = bulkSmall.map((b) => b.ms).sort((a, b) => a - b)[2];
  bulkRows.push(
    `| Bulk add-tag on ${bulkSmall[0].matched.toLocaleString("en")} ids, POST → completed (median of 5) | ${bulkSmallMs.toFixed(0)} ms | < 200 ms ${check(bulkSmallMs < 200)} |`,
    `| Bulk add-tag on a filter matching ${bulkLarge.matched.toLocaleString("en")}, POST → completed | ${bulkLarge.ms.toFixed(0)} ms | < 5,000 ms ${check(bulkLarge.ms < 5000)} |`,
  );
  log(bulkRows.join("\n"));
}

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? TOTAL);
const importWs = await createWorkspace({ name: "Import bench", slug: "import-bench" });
const importKey = (await createApiKey({ workspaceId: importWs.id, input: { name: "bench", scope: "full" } })).secret;
const { benchImport } = await import("./import");
const importRows = !parts.has("import") ? [] : await benchImport({ dir, rows: IMPORT_ROWS, url, baseURL: `http://127.0.0.1:${PORT}`, key: importKey, workspaceId: importWs.id, webPid: web.pid!, log });

const { benchActivity } = await import("./activity");
const activityRows = !parts.has("activity") ? [] : await benchActivity({
  url,
  baseURL: `http://127.0.0.1:${PORT}`,
  dir,
  rows: Number(process.env.BENCH_ACTIVITY_ROWS ?? Math.min(100_000, TOTAL)),
  webPid: web.pid!,
  workspace: async (slug) => {
    const w = await createWorkspace({ name: slug, slug });
    return { id: w.id, key: (await createApiKey({ workspaceId: w.id, input: { name: "bench", scope: "full" } })).secret };
  },
  bulk: async (tag) => (await timeBulk({ filter: { created_before: hundredK }, add: [tag] })).ms,
  log,
});

const measuresThroughput = parts.has("throughput");
const apiRps = measuresThroughput ? await throughput(() => get("/contacts")) : NaN;
const bareRps = measuresThroughput ? await throughput(() => fetch(`http://127.0.0.1:${BARE_PORT}/`).then((r) => r.json())) : NaN;
const apiRpsCursor = measuresThroughput ? await throughput(() => get(`/contacts?cursor=${page2Cursor}`)) : NaN;

web.kill("SIGTERM");
await bare.close();
const { db } = await import("@/lib/db/client");
await db.$disconnect();
await pgServer.stop();
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number) => n.toFixed(1);
const section = (on: boolean, table: string[]) => (on ? ["", ...table] : []);
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, embedded PostgreSQL 18; ${TOTAL.toLocaleString("en")} contacts in one workspace (seeded in ${fmt(seedSeconds)} s). Sequential requests over HTTP to \`next start\`.`,
  "",
  "| Operation | p50 (ms) | p95 (ms) | target p95 | total on the first page |",
  "|---|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.label} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${r.target ? `< ${r.target} ms ${check(r.p95 < r.target)}` : ""} | ${r.total ?? ""} |`),
  ...section(measuresThroughput, [
    "| Throughput (8 concurrent clients, 8 s) | req/s |",
    "|---|---:|",
    `| API: list first page (with total) | ${fmt(apiRps)} |`,
    `| Bare node:http + pg, same SQL | ${fmt(bareRps)} |`,
    `| **API / bare ratio** | **${Math.round((apiRps / bareRps) * 100)} %** |`,
    `| API: list page 2 (cursor, no total) | ${fmt(apiRpsCursor)} |`,
  ]),
  ...section(bulkRows.length > 0, ["| Bulk actions | time | target |", "|---|---:|---:|", ...bulkRows]),
  ...section(importRows.length > 0, ["| CSV import (worker as its own process, all indexes in place) | time | rate | target |", "|---|---:|---:|---:|", ...importRows]),
  ...section(activityRows.length > 0, ["| What the activity stream costs (same run, event triggers off → on) | rate / time | change |", "|---|---:|---:|", ...activityRows]),
  ...(ui
    ? [
        "",
        "| Dashboard in Chromium (9 runs) | median | max | target median |",
        "|---|---:|---:|---:|",
        `| /contacts interactive (navigation → rows and search box ready) | ${ui.interactive.median} ms | ${ui.interactive.max} ms | |`,
        `| Search keystroke → updated rows (debounce included) | ${ui.keystroke.median} ms | ${ui.keystroke.max} ms | ≤ 250 ms ${check(ui.keystroke.median <= 250)} |`,
        `| … of which until the list request leaves (50 ms debounce) / until its answer is in | ${ui.keystroke.sent} ms / ${ui.keystroke.answered} ms | | |`,
        `| … in the page: keydown → fetch() called / first byte / rows in the table | ${ui.stages.fetchCalled} / ${ui.stages.firstByte} / ${ui.stages.rows} ms | | |`,
        `| … of which the server's own time for the list request (Server-Timing) | ${ui.stages.server} ms | | |`,
        `| … the bench's own share: press → keydown / rows → seen by Playwright | ${ui.stages.pressToKeydown} / ${ui.stages.rowsToSeen} ms | | |`,
        `| JavaScript downloaded by /contacts | ${(ui.jsBytes / 1024).toFixed(0)} KB (uncompressed) | | |`,
      ]
    : []),
];
const table = lines.join("\n");
console.log(table);
if (allParts) writeFileSync(path.join("bench", "results.md"), table + "\n");
process.exit(0);
