// The one Prisma client of a process, created on first use (so builds need no database).
// Prisma talks to Postgres through node-postgres (@prisma/adapter-pg): no native query engine.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  const adapter = new PrismaPg(
    { connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
    // An idle connection dropped by a database restart must not take the process down.
    { onPoolError: (error) => console.error("[db] idle connection lost:", error.message) },
  );
  return (globalForPrisma.prisma = new PrismaClient({ adapter }));
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
