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
export async function query<T>(sql: Prisma.Sql): Promise<T[]> {
  return (await pool().query(sql.text, sql.values as unknown[])).rows as T[];
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
