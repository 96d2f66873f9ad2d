// npm run bench:scale: Rolo scaled out on one machine, checked end to end. One embedded
// PostgreSQL, Debian's PgBouncer in transaction mode in front of it, two `next start` replicas
// (ROLO_WORKER=off) and two `npm run worker` processes, all through PgBouncer (migrations on the
// direct URL). It drives API load on one replica, then on both; then, under the same load, two
// concurrent imports that share 10 % of their people and a bulk tag job on the whole workspace,
// SIGKILLs the worker running import A mid-file, starts a replacement, and checks the exact end
// state. BENCH_SCALE_ROWS (rows per import, default 100,000), BENCH_SCALE_LOAD_SECONDS (20),
// BENCH_SCALE_CONCURRENCY (16); BENCH_SCALE_SKIP_BUILD=1 reuses .next-scale.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { ensureDatabase, migrate } from "@/lib/db/migrate";
import { finalChecks } from "./checks";
import { upload, waitForImport, writeImportFiles } from "./imports";
import { driveLoad, type LoadResult } from "./load";
import { findPgBouncer, PgBouncerMissing, startPgBouncer } from "./pgbouncer";
import { freePort, NEXT_BIN, startWeb, startWorker, stop, type Proc } from "./processes";
import { runProbes } from "./probes";

const ROWS = Number(process.env.BENCH_SCALE_ROWS ?? 100_000);
const LOAD_SECONDS = Number(process.env.BENCH_SCALE_LOAD_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_SCALE_CONCURRENCY ?? 16);
const DIST_DIR = ".next-scale";
const POOL = 20; // PgBouncer server connections for the application
const BULK_TAG = "scale-bulk";
const log = (s: string) => console.error(`[scale] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let bouncerBin: string;
try {
  bouncerBin = findPgBouncer(log);
} catch (error) {
  if (!(error instanceof PgBouncerMissing)) throw error;
  console.error(error.message);
  process.exit(1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-scale-"));
chmodSync(dir, 0o755); // reachable by the postgres user (PostgreSQL and PgBouncer) when running as root
log(`working directory ${dir}`);

if (process.env.BENCH_SCALE_SKIP_BUILD === "1" && existsSync(path.join(DIST_DIR, "BUILD_ID"))) log(`reusing ${DIST_DIR}`);
else {
  log(`next build into ${DIST_DIR}`);
  const out = openSync(path.join(dir, "build.log"), "w");
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", out, out] });
  if (build.status !== 0) {
    console.error(readFileSync(path.join(dir, "build.log"), "utf8").slice(-4000));
    throw new Error("next build failed");
  }
}

const procs: Proc[] = [];
const pgPort = await freePort();
const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: pgPort });
const directUrl = pgServer.url.replace(/\/postgres$/, "/rolo_scale");
let bouncer: Awaited<ReturnType<typeof startPgBouncer>> | undefined;
const cleanup = async () => {
  await Promise.all(procs.map((p) => stop(p)));
  await bouncer?.stop();
  await pgServer.stop();
};

try {
  await ensureDatabase(directUrl);
  await migrate(directUrl); // on the direct connection: its advisory lock is session-level
  bouncer = await startPgBouncer({
    bin: bouncerBin,
    dir,
    port: await freePort(),
    upstream: directUrl,
    databases: { rolo_scale: { dbname: "rolo_scale", poolSize: POOL }, rolo_probe: { dbname: "rolo_scale", poolSize: 1 } },
  });
  const pooledUrl = bouncer.url("rolo_scale");
  log(`PgBouncer ${bouncer.version} (transaction mode, pool ${POOL}) → PostgreSQL on port ${pgPort}`);

  const probes = await runProbes(bouncer.url("rolo_probe"), directUrl);
  const probeLogBytes = statSync(bouncer.log).size; // the probes' own warnings are expected
  const loadBefore = os.loadavg()[0];

  process.env.DATABASE_URL = directUrl;
  const { createWorkspace } = await import("@/lib/workspaces/workspaces");
  const { createApiKey } = await import("@/lib/api-keys/api-keys");
  const ws = await createWorkspace({ name: "Scale", slug: "scale" });
  const key = (await createApiKey({ workspaceId: ws.id, input: { name: "scale", scope: "full" } })).secret;
  const plan = await writeImportFiles(dir, ROWS);
  log(`import files: 2 × ${ROWS} rows, ${plan.shared} people in both, ${(statSync(plan.fileA).size / 2 ** 20).toFixed(1)} MB each`);

  const env = {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: pooledUrl, // everything the application does goes through PgBouncer…
    DATABASE_DIRECT_URL: directUrl, // …except migrations (a worker migrates on boot)
    DATABASE_POOL_SIZE: "10",
    NEXTAUTH_SECRET: "scale-bench",
    RATE_LIMIT_PER_MINUTE: "100000000",
    // A killed worker's import is picked up after its lease (30 s, renewed at every chunk, so it
    // must outlast the slowest chunk under this load) and the next sweep (5 s).
    JOB_LEASE_SECONDS: "30",
    JOB_SWEEP_SECONDS: "5",
  };
  const webPorts = [await freePort(), await freePort()];
  const webs = await Promise.all(
    webPorts.map((port, n) => startWeb(`web${n + 1}`, dir, port, { ...env, ROLO_WORKER: "off", NEXTAUTH_URL: `http://127.0.0.1:${port}` })),
  );
  procs.push(...webs);
  // One after the other: on a fresh database, two processes creating pg-boss's queues at the same
  // moment can deadlock (pg-boss's create_queue attaches a partition; seen in this run), and the
  // loser exits. Once the queues exist, any number of processes may start together.
  const workers = [await startWorker("worker1", dir, env)];
  procs.push(workers[0]);
  workers.push(await startWorker("worker2", dir, env));
  procs.push(workers[1]);
  const bases = webs.map((w) => w.baseURL);
  log(`replicas ${bases.join(", ")}; workers ${workers.map((w) => w.child.pid).join(", ")}`);

  // Warm both replicas (first requests compile routes and open pools), then measure.
  const warm = await driveLoad({ label: "warm", bases, key, concurrency: 4, seconds: 3 });
  const loads: LoadResult[] = [];
  loads.push(await driveLoad({ label: "one", bases: bases.slice(0, 1), key, concurrency: CONCURRENCY, seconds: LOAD_SECONDS }));
  log(`one replica: ${loads[0].rps.toFixed(1)} req/s`);
  loads.push(await driveLoad({ label: "two", bases, key, concurrency: CONCURRENCY, seconds: LOAD_SECONDS }));
  log(`two replicas: ${loads[1].rps.toFixed(1)} req/s`);

  // Imports, bulk and a SIGKILL, under the same API load on both replicas.
  const client = new pg.Client({ connectionString: directUrl });
  await client.connect();
  const importRow = async (id: string) =>
    (await client.query<{ processed_rows: number; lease_owner: string | null; status: string }>(`SELECT processed_rows, lease_owner, status::text FROM imports WHERE id = $1`, [id])).rows[0];
  let finished!: () => void;
  const allDone = new Promise<void>((r) => (finished = r));
  const mixed = driveLoad({ label: "mixed", bases, key, concurrency: CONCURRENCY, until: allDone });
  const t0 = performance.now();
  const [a, b] = await Promise.all([upload(bases[0], key, plan.fileA), upload(bases[1], key, plan.fileB)]);
  const uploadSeconds = (performance.now() - t0) / 1000;
  log(`uploaded both files in ${uploadSeconds.toFixed(1)} s`);

  const until = async (what: string, test: () => Promise<boolean>) => {
    while (!(await test())) await sleep(100);
    log(what);
  };
  // The bulk job: every contact of the workspace at the moment it is created (a frozen selection).
  await until("imports 20 % in", async () => (await importRow(a.id)).processed_rows >= ROWS * 0.2);
  const tb = performance.now();
  const bulkRes = await fetch(`${bases[1]}/api/v1/contacts/bulk-tag`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ all: true, add: [BULK_TAG] }),
  });
  const bulk = await bulkRes.json();
  if (bulkRes.status !== 202) throw new Error(`bulk failed: ${bulkRes.status} ${JSON.stringify(bulk)}`);
  const bulkDone = (async () => {
    for (;;) {
      const view = await (await fetch(`${bases[0]}/api/v1/contacts/bulk/${bulk.id}`, { headers: { authorization: `Bearer ${key}` } })).json();
      if (!["queued", "running"].includes(view.status)) return { view, ms: performance.now() - tb };
      await sleep(50);
    }
  })();

  // SIGKILL the worker process that holds import A's lease, mid-file, and start a replacement.
  let killedAt = 0;
  await until("import A 30 % in", async () => {
    const row = await importRow(a.id);
    if (row.status !== "running") throw new Error(`import A is ${row.status} before the kill: use more rows (BENCH_SCALE_ROWS)`);
    killedAt = row.processed_rows;
    return row.processed_rows >= ROWS * 0.3 && row.lease_owner !== null;
  });
  const owner = (await importRow(a.id)).lease_owner!;
  const victim = workers.find((w) => owner.startsWith(`${w.child.pid}-`));
  if (!victim) throw new Error(`import A's lease owner ${owner} is none of our workers`);
  victim.child.kill("SIGKILL");
  const tk = performance.now();
  log(`SIGKILLed ${victim.name} (pid ${victim.child.pid}) holding import A at row ${killedAt.toLocaleString("en")}`);
  procs.push(await startWorker("worker3", dir, env));
  await until("import A taken over by another worker", async () => {
    const row = await importRow(a.id);
    return row.status !== "running" || (row.lease_owner !== null && row.lease_owner !== owner);
  });
  const takeoverSeconds = (performance.now() - tk) / 1000;
  await until("import A's first chunk after the kill committed", async () => {
    const row = await importRow(a.id);
    return row.status !== "running" || row.processed_rows > killedAt;
  });
  const resumeSeconds = (performance.now() - tk) / 1000;

  const views = await Promise.all([waitForImport(bases[0], key, a.id), waitForImport(bases[1], key, b.id)]);
  const importSeconds = (performance.now() - t0) / 1000;
  const bulkResult = await bulkDone;
  finished();
  const mixedLoad = await mixed;
  loads.push(mixedLoad);
  await client.end();
  log(`imports ${views.map((v) => v.status).join(" / ")} in ${importSeconds.toFixed(1)} s; bulk ${bulkResult.view.status} (${bulkResult.view.matched} matched)`);

  const stats = await bouncer.stats("rolo_scale");
  const checks = await finalChecks({
    url: directUrl,
    workspaceId: ws.id,
    plan,
    importIds: [a.id, b.id],
    bulkId: bulk.id,
    bulkTag: BULK_TAG,
    apiCreatedIds: [warm, ...loads].flatMap((l) => l.createdIds),
  });
  const loadAfter = os.loadavg()[0];
  const bouncerComplaints = readFileSync(bouncer.log)
    .subarray(probeLogBytes)
    .toString("utf8")
    .split("\n")
    .filter((l) => / (ERROR|WARNING|FATAL) /.test(l));

  const cpu = os.cpus()[0]?.model.trim();
  const f1 = (n: number) => n.toFixed(1);
  const loadLabel = (l: LoadResult) =>
    ({ one: "API load, one replica", two: "API load, two replicas", mixed: "API load, two replicas, during both imports + bulk + SIGKILL" })[l.label];
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu} (nproc ${os.availableParallelism()}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}: PgBouncer ${bouncer.version} (transaction mode, ${POOL} server connections) → one embedded PostgreSQL 18; two \`next start\` replicas (ROLO_WORKER=off, 10 connections each) and two \`npm run worker\` processes, all through PgBouncer; load generator on the same machine (1-minute load average ${f1(loadBefore)} before the load phases, ${f1(loadAfter)} after).`,
    "",
    `| ${CONCURRENCY} concurrent clients (3 lists of 20 with total : 1 create) | req/s | p50 (ms) | p95 (ms) | errors |`,
    "|---|---:|---:|---:|---:|",
    ...loads.map((l) => `| ${loadLabel(l)} (${f1(l.seconds)} s) | ${f1(l.rps)} | ${f1(l.p50)} | ${f1(l.p95)} | ${l.errors} |`),
    `| **Two replicas / one** | **${(loads[1].rps / loads[0].rps).toFixed(2)}×** | | | |`,
    "",
    `| Two concurrent imports (${ROWS.toLocaleString("en")} rows each, ${plan.shared.toLocaleString("en")} people in both) | value |`,
    "|---|---:|",
    `| Upload of both files (in parallel, one per replica) | ${f1(uploadSeconds)} s |`,
    `| Upload → both completed | ${f1(importSeconds)} s |`,
    `| Import rate, both files together (kill and recovery included) | ${Math.round((2 * ROWS) / importSeconds).toLocaleString("en")} rows/s |`,
    `| Worker holding import A SIGKILLed at row | ${killedAt.toLocaleString("en")} |`,
    `| … import A's lease taken over by another worker after (lease 30 s) | ${f1(takeoverSeconds)} s |`,
    `| … its first chunk after the kill committed after | ${f1(resumeSeconds)} s |`,
    `| Bulk add-tag on the whole workspace (${bulkResult.view.matched.toLocaleString("en")} matched), POST → completed | ${(bulkResult.ms / 1000).toFixed(1)} s |`,
    `| PgBouncer: transactions / queries / total client wait | ${stats.xacts.toLocaleString("en")} / ${stats.queries.toLocaleString("en")} / ${(stats.waitMs / 1000).toFixed(1)} s |`,
    `| PgBouncer log lines with ERROR/WARNING/FATAL (after the probes) | ${bouncerComplaints.length} |`,
    "",
    `| Through PgBouncer ${bouncer.version} in transaction mode (probe on a pool of 1) | observed | Rolo |`,
    "|---|---|---|",
    ...probes.map((p) => `| ${p.what} | ${p.observed} | ${p.rolo} |`),
    "",
    "| Final check | expected | actual | |",
    "|---|---:|---:|---|",
    ...checks.map((c) => `| ${c.what} | ${typeof c.expected === "number" ? c.expected.toLocaleString("en") : c.expected} | ${typeof c.actual === "number" ? c.actual.toLocaleString("en") : c.actual} | ${c.ok ? "✓" : "✗"} |`),
  ];
  const report = lines.join("\n");
  console.log(report);
  writeFileSync(path.join("bench", "scale", "results.md"), report + "\n");
  const loadErrors = [warm, ...loads].flatMap((l) => l.errorSamples);
  for (const e of loadErrors) console.error(`[scale] load error: ${e}`);
  for (const l of bouncerComplaints.slice(0, 10)) console.error(`[scale] pgbouncer: ${l}`);
  const errorReport = new pg.Client({ connectionString: directUrl });
  await errorReport.connect();
  const reasons = await errorReport.query(`SELECT reason, count(*)::int AS n FROM import_errors WHERE workspace_id = $1 GROUP BY 1 ORDER BY 2 DESC`, [ws.id]);
  await errorReport.end();
  for (const r of reasons.rows) console.error(`[scale] import rows failed ${r.n} × "${r.reason}"`);
  const failed = checks.filter((c) => !c.ok).length + [warm, ...loads].reduce((s, l) => s + l.errors, 0);
  await cleanup();
  if (failed) {
    console.error(`[scale] FAILED: ${failed} check(s) or request(s) failed; logs kept in ${dir}`);
    process.exit(1);
  }
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  console.error(`[scale] ${(error as Error).stack ?? error}\n[scale] logs kept in ${dir}`);
  await cleanup().catch(() => {});
  process.exit(1);
}
