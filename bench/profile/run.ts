// npm run bench:profile: where the CPU of one API request goes. Seeds a throwaway embedded
// PostgreSQL, builds Next into .next-profile, runs `next start` under `node --cpu-prof` and drives
// GET /api/v1/contacts (first page) with 8 clients, alternating with the bare node:http + pg server
// (bench/bare-server.ts) for the API/bare ratio. Then stops the server (node writes the profile on
// exit), maps every sample back to its original source and prints the breakdown; also written to
// bench/profile/results.md.
// Env: BENCH_PROFILE_CONTACTS (50,000), BENCH_PROFILE_SECONDS (15 of API load, as many of bare),
// BENCH_PROFILE_ROUNDS (3), BENCH_SKIP_BUILD=1 (reuse .next-profile), BENCH_PROFILE_KEEP=<dir>
// (keep profile.cpuprofile and run.json there), BENCH_PROFILE_ANALYZE=<dir> (only re-analyse a kept run),
// BENCH_PROFILE_OFF=1 (no profiler: the throughput table alone, not written to results.md).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { NEXT_START_FLAGS } from "@/scripts/next-start-flags";
import { analyze } from "./analyze";
import { GROUPS } from "./groups";
import { drive, type LoadRun } from "./load";
import { renderReport, renderThroughput, type RunRecord } from "./report";

const CONTACTS = Number(process.env.BENCH_PROFILE_CONTACTS ?? 50_000);
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_PROFILE_ROUNDS ?? 3);
const PROFILE = process.env.BENCH_PROFILE_OFF !== "1";
const CONCURRENCY = 8;
const PORT = 3470;
const BARE_PORT = 3471;
const DIST_DIR = ".next-profile";
const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");
const log = (s: string) => console.error(`[profile] ${s}`);

function publish(run: RunRecord, profileFile: string) {
  log("mapping the profile through the source maps");
  const report = renderReport(run, analyze(profileFile, run.api.map((r) => r.window), GROUPS));
  console.log(report);
  writeFileSync(path.join("bench", "profile", "results.md"), report + "\n");
}

if (process.env.BENCH_PROFILE_ANALYZE) {
  const kept = process.env.BENCH_PROFILE_ANALYZE;
  publish(JSON.parse(readFileSync(path.join(kept, "run.json"), "utf8")), path.join(kept, "profile.cpuprofile"));
  process.exit(0);
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer().once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
for (const port of [PORT, BARE_PORT]) if (!(await portFree(port))) throw new Error(`port ${port} is in use (another bench:profile?)`);

const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-profile-"));
chmodSync(dir, 0o755); // reachable by the postgres user when running as root
const profDir = path.join(dir, "cpu");
mkdirSync(profDir);

/** The .cpuprofile node wrote on exit (copied to BENCH_PROFILE_KEEP with the run when set). */
function profileOf(run: RunRecord) {
  const profiles = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
  if (profiles.length !== 1) throw new Error(`expected one .cpuprofile in ${profDir}, found ${profiles.length}: did next start exit normally?`);
  const file = path.join(profDir, profiles[0]);
  const keep = process.env.BENCH_PROFILE_KEEP;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    copyFileSync(file, path.join(keep, "profile.cpuprofile"));
    writeFileSync(path.join(keep, "run.json"), JSON.stringify(run));
    log(`kept the profile in ${keep}`);
  }
  return file;
}

/** `next build` into DIST_DIR. It adds DIST_DIR's type folders to tsconfig.json and points next-env.d.ts at them: put both back. */
function build() {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(DIST_DIR, "BUILD_ID"))) return log(`reusing ${DIST_DIR}`);
  log(`next build into ${DIST_DIR}`);
  const restore = ["tsconfig.json", "next-env.d.ts"].map((f) => ({ f, text: existsSync(f) ? readFileSync(f, "utf8") : null }));
  const out = openSync(path.join(dir, "build.log"), "w");
  try {
    const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", out, out] });
    if (r.status !== 0) {
      console.error(readFileSync(path.join(dir, "build.log"), "utf8").slice(-4000));
      throw new Error("next build failed");
    }
  } finally {
    for (const { f, text } of restore) if (text !== null && readFileSync(f, "utf8") !== text) writeFileSync(f, text);
  }
}

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(child: ChildProcess, url: string, logFile: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(readFileSync(logFile, "utf8").slice(-4000));
  throw new Error(`${url} did not come up`);
}

build();
const { startEmbeddedPostgres } = await import("@/lib/db/embedded");
const { ensureDatabase, migrate } = await import("@/lib/db/migrate");
const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0 });
let web: ChildProcess | undefined;
let bare: ChildProcess | undefined;
try {
  const url = pgServer.url.replace(/\/postgres$/, "/rolo_profile");
  await ensureDatabase(url);
  await migrate(url);
  process.env.DATABASE_URL = url;
  const { createWorkspace } = await import("@/lib/workspaces/workspaces");
  const { createApiKey } = await import("@/lib/api-keys/api-keys");
  const { seedContacts } = await import("../seed");
  const ws = await createWorkspace({ name: "Profile", slug: "profile" });
  const key = (await createApiKey({ workspaceId: ws.id, input: { name: "profile", scope: "full" } })).secret;
  await seedContacts(url, ws.id, CONTACTS, log);

  const env = {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    ROLO_WORKER: "off",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: "profile",
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    RATE_LIMIT_PER_MINUTE: "100000000",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_POOL_SIZE: "10",
  };
  const webLog = path.join(dir, "web.log");
  const webFd = openSync(webLog, "w");
  web = spawn(process.execPath, ["--max-old-space-size=256", ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []), ...NEXT_START_FLAGS, NEXT_BIN, "start", "-p", String(PORT)], { env, stdio: ["ignore", webFd, webFd] });
  await waitReady(web, `http://127.0.0.1:${PORT}/api/v1/openapi.json`, webLog);
  const bareLog = path.join(dir, "bare.log");
  const bareFd = openSync(bareLog, "w");
  bare = spawn(process.execPath, ["--import", "tsx", path.join("bench", "profile", "bare-child.ts"), url, ws.id, String(BARE_PORT)], { env, stdio: ["ignore", bareFd, bareFd] });
  await waitReady(bare, `http://127.0.0.1:${BARE_PORT}/`, bareLog);

  const apiUrl = `http://127.0.0.1:${PORT}/api/v1/contacts`;
  const headers = { authorization: `Bearer ${key}` };
  const first = await (await fetch(apiUrl, { headers })).json();
  if (first.data?.length !== 50 || first.total !== CONTACTS) throw new Error(`unexpected first page: ${JSON.stringify(first).slice(0, 300)}`);
  const api = (seconds: number) => drive({ url: apiUrl, headers, seconds, concurrency: CONCURRENCY, pid: web!.pid! });
  const bareRun = (seconds: number) => drive({ url: `http://127.0.0.1:${BARE_PORT}/`, seconds, concurrency: CONCURRENCY, pid: bare!.pid! });
  log("warming up");
  await api(5);
  await bareRun(2);
  const loadBefore = os.loadavg();
  const runs: { api: LoadRun[]; bare: LoadRun[] } = { api: [], bare: [] };
  for (let r = 0; r < ROUNDS; r++) {
    runs.api.push(await api(SECONDS / ROUNDS));
    runs.bare.push(await bareRun(SECONDS / ROUNDS));
    log(`round ${r + 1}: API ${runs.api[r].rps.toFixed(0)} req/s, bare ${runs.bare[r].rps.toFixed(0)} req/s`);
  }
  const run: RunRecord = { date: new Date().toISOString().slice(0, 10), contacts: CONTACTS, concurrency: CONCURRENCY, loadBefore, loadAfter: os.loadavg(), ...runs };

  log("stopping the server (node writes the profile on exit)");
  await stopChild(web);
  if (PROFILE) publish(run, profileOf(run));
  else console.log(renderThroughput(run, false).join("\n"));
} finally {
  await stopChild(web, "SIGKILL");
  await stopChild(bare);
  if (process.env.DATABASE_URL) await (await import("@/lib/db/client")).db.$disconnect().catch(() => {});
  await pgServer.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
