// Where the end-to-end server and its throwaway database live.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const E2E = {
  port: 3210,
  dbPort: 54339,
  baseURL: "http://localhost:3210",
  /** The e2e server writes its database URL here (mode 600): the password is random per run. */
  databaseUrlFile: path.join(os.tmpdir(), "rolo-e2e-3210.database-url"),
  secret: "e2e-session-secret",
};

/** The running e2e server's database URL (for fixtures that seed straight into it). */
export function e2eDatabaseUrl() {
  try {
    return readFileSync(E2E.databaseUrlFile, "utf8").trim();
  } catch {
    throw new Error(`${E2E.databaseUrlFile} is missing: start the e2e server (scripts/e2e-server.ts) first`);
  }
}
