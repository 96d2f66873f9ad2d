// What a transaction-mode PgBouncer breaks, shown rather than assumed: each probe does one
// session-level thing through a PgBouncer pool of one server connection (so the next client is
// sure to get the same server connection) and checks what leaked or failed. The table says
// where Rolo does (or avoids) the same thing.
import pg from "pg";

export interface Probe {
  what: string;
  observed: string;
  rolo: string;
}

async function connect(url: string, config: pg.ClientConfig = {}) {
  const client = new pg.Client({ connectionString: url, ...config });
  await client.connect();
  return client;
}

async function session<T>(url: string, fn: (c: pg.Client) => Promise<T>) {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const KEY = 727_999;

/** `pooled`: through PgBouncer with pool_size=1; `direct`: PostgreSQL itself. */
export async function runProbes(pooled: string, direct: string): Promise<Probe[]> {
  const probes: Probe[] = [];

  // 1. A session advisory lock outlives the client that took it (migrate.ts takes one).
  await session(pooled, (c) => c.query("SELECT pg_advisory_lock($1)", [KEY]));
  const held = await session(direct, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`, [KEY])).rows[0].n);
  await session(pooled, (c) => c.query("SELECT pg_advisory_unlock_all()"));
  probes.push({
    what: "Session advisory lock (`pg_advisory_lock`)",
    observed: held ? "still held after its client disconnected: the next `migrate` on another server connection would wait forever" : "released",
    rolo: "migrations take one: they run on `DATABASE_DIRECT_URL`; pg-boss uses `pg_advisory_xact_lock` only (fine)",
  });

  // 2. A session SET leaks into the next client of the server connection; SET LOCAL does not.
  await session(pooled, (c) => c.query("SET work_mem = '7777kB'"));
  const leaked = await session(pooled, async (c) => (await c.query("SHOW work_mem")).rows[0].work_mem);
  await session(pooled, (c) => c.query("RESET work_mem"));
  await session(pooled, async (c) => {
    await c.query("BEGIN");
    await c.query("SET LOCAL work_mem = '6666kB'");
    await c.query("COMMIT");
  });
  const local = await session(pooled, async (c) => (await c.query("SHOW work_mem")).rows[0].work_mem);
  probes.push({
    what: "Session `SET`",
    observed: `another client then sees work_mem = ${leaked}${leaked === "7777kB" ? " (leaked)" : ""}; after \`SET LOCAL\` it sees ${local}${local === "6666kB" ? " (leaked)" : " (not leaked)"}`,
    rolo: "none: only `SET LOCAL` and `set_config(…, true)` inside transactions (bulk jobs, activity context, pg-boss)",
  });

  // 3. Named prepared statements live on the server connection, not on the client.
  await session(pooled, (c) => c.query({ name: "rolo_probe", text: "SELECT 1 AS one" }));
  const named = await session(pooled, (c) => c.query({ name: "rolo_probe", text: "SELECT 2 AS two" }).then(() => "works", (e: Error) => e.message));
  const unnamed = await session(pooled, (c) => c.query("SELECT $1::int AS n", [3]).then((r) => (r.rows[0].n === 3 ? "work" : "fail")));
  await session(pooled, (c) => c.query("DEALLOCATE ALL"));
  probes.push({
    what: "Named prepared statements",
    observed: `a second client preparing the same name: ${named}; unnamed (extended protocol) statements ${unnamed}`,
    rolo: "none: Prisma's adapter-pg and pg-boss send unnamed statements (no `statementNameGenerator`)",
  });

  // 4. LISTEN: the server connection goes back to the pool, so notifications reach nobody.
  const listener = await connect(pooled);
  let heard = 0;
  listener.on("notification", () => heard++);
  listener.on("error", () => {});
  await listener.query("LISTEN rolo_probe");
  await session(direct, (c) => c.query("NOTIFY rolo_probe, 'hello'"));
  await new Promise((r) => setTimeout(r, 500));
  await listener.end().catch(() => {});
  probes.push({
    what: "`LISTEN` / `NOTIFY`",
    observed: heard ? `${heard} notification(s) arrived` : "the listener never received the notification",
    rolo: "none: pg-boss 10 polls (1 s); Rolo listens to nothing",
  });

  // 5. Startup parameters PgBouncer does not know (e.g. `?options=-c statement_timeout=…`).
  const options = await connect(pooled, { options: "-c statement_timeout=5000" }).then(
    async (c) => (await c.end(), "accepted"),
    (e: Error) => `refused: ${e.message}`,
  );
  probes.push({
    what: "`options` in the connection string",
    observed: options,
    rolo: "none set; keep `DATABASE_URL` free of `options` (or list it in `ignore_startup_parameters`)",
  });
  return probes;
}
