import { inject } from "vitest";

const url = new URL(inject("databaseUrl"));
// Tests create and delete data freely: never let them near a database that is not ours.
if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
  throw new Error(`Refusing to run tests against a non-local database (${url.hostname})`);
}
process.env.DATABASE_URL = url.toString();
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production";
// A first page counts inline within this budget, after its rows: tests that expect an exact total
// must not depend on how busy the machine is (count.test.ts sets small budgets on purpose).
process.env.ROLO_COUNT_BUDGET_MS ??= "2000";
