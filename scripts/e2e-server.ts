// The server Playwright tests against: a fresh embedded PostgreSQL, a production build, next start.
import { rmSync, writeFileSync } from "node:fs";
import { E2E } from "@/e2e/env";
import { startTestServer } from "@/lib/testing/server";

const server = await startTestServer({
  port: E2E.port,
  dbPort: E2E.dbPort,
  dbName: "rolo_e2e",
  secret: E2E.secret,
  build: process.env.E2E_SKIP_BUILD !== "1",
  // The webhook journey delivers to a receiver the test starts on this machine. First pages never
  // count inline, as at a million contacts: every filtered total the journeys read comes from the
  // kept counters or follows the rows from GET /contacts/count.
  extraEnv: { ROLO_WEBHOOKS_ALLOW_PRIVATE: "1", ROLO_COUNT_BUDGET_MS: "0" },
});
// The fixtures seed straight into the database; its password is random, so they read the URL here.
writeFileSync(E2E.databaseUrlFile, server.databaseUrl, { mode: 0o600 });
const shutdown = async () => {
  rmSync(E2E.databaseUrlFile, { force: true });
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
server.web.on("exit", shutdown);
