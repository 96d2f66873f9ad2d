// Debian's PgBouncer in transaction pooling mode in front of one PostgreSQL: found (or installed
// with apt-get when we are root), configured in a temporary directory, started on a free port.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chownSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** Raised when PgBouncer is missing and cannot be installed from here: the run stops with its message. */
export class PgBouncerMissing extends Error {}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function which(name: string) {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

function located() {
  const candidates = [process.env.PGBOUNCER_BIN, "/usr/sbin/pgbouncer", which("pgbouncer")];
  return candidates.find((c): c is string => Boolean(c && existsSync(c))) ?? null;
}

/** The pgbouncer binary: PGBOUNCER_BIN, Debian's /usr/sbin/pgbouncer or the PATH; as root, installed with apt-get. */
export function findPgBouncer(log: (line: string) => void): string {
  const bin = located();
  if (bin) return bin;
  if (!isRoot()) {
    throw new PgBouncerMissing(
      "PgBouncer is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y pgbouncer`) or set PGBOUNCER_BIN, then run `npm run bench:scale` again.",
    );
  }
  log("PgBouncer is missing: apt-get install -y pgbouncer");
  const install = () => spawnSync("apt-get", ["install", "-y", "pgbouncer"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (install().status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"] });
    install();
  }
  const installed = located();
  if (!installed) throw new PgBouncerMissing("`apt-get install -y pgbouncer` did not install /usr/sbin/pgbouncer; install PgBouncer by hand or set PGBOUNCER_BIN.");
  return installed;
}

export function pgBouncerVersion(bin: string): [number, number] {
  const out = execFileSync(bin, ["-V"], { encoding: "utf8" });
  const m = /PgBouncer (\d+)\.(\d+)/.exec(out);
  if (!m) throw new Error(`unexpected \`${bin} -V\` output: ${out}`);
  return [Number(m[1]), Number(m[2])];
}

export interface PgBouncerOptions {
  bin: string;
  dir: string;
  port: number;
  /** The PostgreSQL behind it (the direct URL: host, port, user, password). */
  upstream: string;
  /** Client-facing database name → { dbname on the server, pool_size } */
  databases: Record<string, { dbname: string; poolSize: number }>;
}

export interface PgBouncer {
  version: string;
  /** Connection URL through PgBouncer for one of `databases`. */
  url(database: string): string;
  log: string;
  /** SHOW STATS / SHOW POOLS for one database, from the admin console. */
  stats(database: string): Promise<{ xacts: number; queries: number; waitMs: number; serverConnections: number; clients: number }>;
  stop(): Promise<void>;
}

export async function startPgBouncer(o: PgBouncerOptions): Promise<PgBouncer> {
  const [major, minor] = pgBouncerVersion(o.bin);
  const upstream = new URL(o.upstream);
  const user = decodeURIComponent(upstream.username);
  const password = decodeURIComponent(upstream.password);
  const home = path.join(o.dir, "pgbouncer");
  mkdirSync(home, { recursive: true, mode: 0o755 });
  const databases = Object.entries(o.databases).map(
    ([name, d]) => `${name} = host=${upstream.hostname} port=${upstream.port} dbname=${d.dbname} pool_size=${d.poolSize}`,
  );
  const ini = [
    "[databases]",
    ...databases,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${o.port}`,
    "unix_socket_dir =",
    // Clients prove the database password with SCRAM; PgBouncer logs in to PostgreSQL with the same one.
    "auth_type = scram-sha-256",
    `auth_file = ${path.join(home, "userlist.txt")}`,
    `admin_users = ${user}`,
    "pool_mode = transaction",
    "max_client_conn = 1000",
    "default_pool_size = 20",
    // An import chunk's transaction may wait this long for a server connection before failing.
    "query_wait_timeout = 120",
    "log_connections = 0",
    "log_disconnections = 0",
    // Named prepared statements in transaction mode: PgBouncer 1.21+ tracks them per client.
    // Debian 12's 1.18 cannot; Rolo does not need it (node-postgres sends unnamed statements).
    ...(major > 1 || minor >= 21 ? ["max_prepared_statements = 200"] : []),
  ].join("\n");
  const iniPath = path.join(home, "pgbouncer.ini");
  const userlist = path.join(home, "userlist.txt");
  writeFileSync(iniPath, ini + "\n", { mode: 0o644 });
  writeFileSync(userlist, `"${user}" "${password.replaceAll('"', '""')}"\n`, { mode: 0o600 });

  // PgBouncer refuses to run as root: as root it runs as the postgres user (as the embedded database does).
  let ids: { uid: number; gid: number } | undefined;
  if (isRoot()) {
    ids = {
      uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
      gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
    };
    for (const f of [home, iniPath, userlist]) chownSync(f, ids.uid, ids.gid);
  }
  const log = path.join(home, "pgbouncer.log");
  const fd = openSync(log, "a");
  const child = spawn(o.bin, [iniPath], { ...(ids ?? {}), stdio: ["ignore", fd, fd] });

  const url = (database: string) => {
    const u = new URL(o.upstream);
    u.port = String(o.port);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const first = Object.keys(o.databases)[0];
  const deadline = Date.now() + 15_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url(first) });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`PgBouncer did not start (${(error as Error).message}); see ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const admin = async <T extends pg.QueryResultRow>(command: string) => {
    const client = new pg.Client({ connectionString: url("pgbouncer") });
    await client.connect();
    try {
      return (await client.query<T>(command)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    version: `${major}.${minor}`,
    url,
    log,
    async stats(database) {
      const stats = (await admin<Record<string, string>>("SHOW STATS")).find((r) => r.database === database);
      const pool = (await admin<Record<string, string>>("SHOW POOLS")).find((r) => r.database === database);
      return {
        xacts: Number(stats?.total_xact_count ?? 0),
        queries: Number(stats?.total_query_count ?? 0),
        waitMs: Number(stats?.total_wait_time ?? 0) / 1000, // microseconds
        serverConnections: Number(pool?.sv_active ?? 0) + Number(pool?.sv_idle ?? 0) + Number(pool?.sv_used ?? 0),
        clients: Number(pool?.cl_active ?? 0) + Number(pool?.cl_waiting ?? 0),
      };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
