// Which PostgreSQL Rolo uses: DATABASE_URL when set, else the embedded one under .data/.
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";
import { ensureDatabase, migrate } from "./migrate";

export const DATA_DIR = path.resolve(process.env.ROLO_DATA_DIR ?? ".data");

export async function resolveDatabase(log: (line: string) => void = console.log) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, dataDir: null, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), log }).catch((error: Error) => {
    throw new Error(
      `Could not start the embedded PostgreSQL: ${error.message}\n` +
        "Set DATABASE_URL=postgresql://user:pass@host:5432/rolo to use your own server instead.",
    );
  });
  const url = server.url.replace(/\/postgres$/, "/rolo");
  await ensureDatabase(url);
  return { url, embedded: true, dataDir: server.dataDir, stop: server.stop };
}

/**
 * Where migrations run. They hold a session-level advisory lock across several transactions, which
 * a transaction-mode PgBouncer cannot keep on one server connection (the lock would stay behind on
 * a pooled connection, and the next migrate would wait for it forever): behind a pooler, set
 * DATABASE_DIRECT_URL to the database itself.
 */
export function migrationUrl(database: { url: string; embedded: boolean }) {
  return (!database.embedded && process.env.DATABASE_DIRECT_URL) || database.url;
}

/** Resolve, migrate and export DATABASE_URL for this process and its children. */
export async function prepareDatabase(log: (line: string) => void = console.log) {
  const database = await resolveDatabase(log);
  await migrate(migrationUrl(database), log);
  process.env.DATABASE_URL = database.url;
  return database;
}
