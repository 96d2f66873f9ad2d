// The one Prisma client of a process, created on first use (so builds need no database).
// Prisma talks to Postgres through node-postgres (@prisma/adapter-pg): no native query engine.
// Hot read paths (a list page, its count) skip Prisma's result mapping and run their SQL straight
// on the same pool (`query`): the profile of `next start` showed Prisma's row conversion at ~10 %
// of a first page's CPU (bench/profile).
import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pgPool?: pg.Pool };

function pool(): pg.Pool {
  if (globalForPrisma.pgPool) return globalForPrisma.pgPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  const created = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection dropped by a database restart must not take the process down.
  created.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  return (globalForPrisma.pgPool = created);
}

function client(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  return (globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg(pool(), { disposeExternalPool: true }) }));
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/**
 * Runs a Prisma.sql query straight on the pool; rows come as node-postgres parses them
 * (timestamptz → Date, jsonb → objects, arrays → arrays, bigint → string).
 */
export async function query<T>(sql: Prisma.Sql, { signal }: { signal?: AbortSignal } = {}): Promise<T[]> {
  if (!signal) return (await pool().query(sql.text, sql.values as unknown[])).rows as T[];
  return cancelable(signal, async (conn) => (await conn.query(sql.text, sql.values as unknown[])).rows as T[]);
}

/**
 * Runs work on one connection and cancels its query in PostgreSQL when `signal` aborts (the
 * client went away): a long count nobody waits for must not keep a core busy. The connection goes
 * back to the pool only after the cancel request has been delivered, so it cannot hit the next
 * user's query (PostgreSQL ignores a cancel that reaches an idle connection).
 */
async function cancelable<T>(signal: AbortSignal, work: (conn: pg.PoolClient) => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  const conn = await pool().connect();
  let canceling: Promise<unknown> | undefined;
  const cancel = () => {
    const pid = (conn as unknown as { processID: number }).processID;
    canceling = pool().query("SELECT pg_cancel_backend($1)", [pid]).catch(() => {});
  };
  signal.addEventListener("abort", cancel, { once: true });
  try {
    return await work(conn);
  } finally {
    signal.removeEventListener("abort", cancel);
    await canceling;
    conn.release();
  }
}

/** Runs queries on one connection inside a transaction (e.g. with SET LOCAL limits). */
export async function inTransaction<T>(work: (run: <R>(sql: Prisma.Sql) => Promise<R[]>) => Promise<T>): Promise<T> {
  const conn = await pool().connect();
  try {
    await conn.query("BEGIN");
    const result = await work(async <R,>(sql: Prisma.Sql) => (await conn.query(sql.text, sql.values as unknown[])).rows as R[]);
    await conn.query("COMMIT");
    return result;
  } catch (error) {
    await conn.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    conn.release();
  }
}
