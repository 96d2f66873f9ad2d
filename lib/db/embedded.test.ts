// The embedded PostgreSQL's superuser password: random per data directory, kept beside it with
// mode 600, reused on restart and by a second process (the CLI beside `npm start`); directories
// made before (password `rolo`, no file) keep working.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-embedded-test-"));
chmodSync(dir, 0o755); // reachable by the postgres user when running as root
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function connects(url: string) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query("SELECT 1 AS ok")).rows[0].ok === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
const withPassword = (url: string, password: string) => url.replace(/^(postgresql:\/\/postgres:)[^@]*@/, `$1${password}@`);

describe("embedded PostgreSQL password", () => {
  it("is random per data directory, kept beside it (mode 600), reused by a second process and after a restart", async () => {
    const first = await startEmbeddedPostgres({ dataDir: path.join(dir, "a", "pg"), port: 0 });
    const second = await startEmbeddedPostgres({ dataDir: path.join(dir, "b", "pg"), port: 0 });
    try {
      const file = `${first.dataDir}.password`;
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, "utf8").trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(first.url).toContain(`:${password}@`);
      expect(readFileSync(`${second.dataDir}.password`, "utf8").trim()).not.toBe(password);
      expect(await connects(first.url)).toBe(true);
      expect(await connects(withPassword(first.url, "rolo"))).toBe(false);

      // A second process (the CLI beside a running server) finds the server and the password.
      const beside = await startEmbeddedPostgres({ dataDir: path.join(dir, "a", "pg") });
      expect(beside.owned).toBe(false);
      expect(await connects(beside.url)).toBe(true);
    } finally {
      await first.stop();
      await second.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir: path.join(dir, "a", "pg"), port: 0 });
    try {
      expect(again.owned).toBe(true);
      expect(await connects(again.url)).toBe(true);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it("a data directory from before (password rolo, no password file) keeps working", async () => {
    const made = await startEmbeddedPostgres({ dataDir: path.join(dir, "legacy", "pg"), port: 0 });
    const client = new pg.Client({ connectionString: made.url });
    await client.connect();
    await client.query("ALTER ROLE postgres PASSWORD 'rolo'");
    await client.end();
    await made.stop();
    rmSync(`${made.dataDir}.password`);

    const legacy = await startEmbeddedPostgres({ dataDir: path.join(dir, "legacy", "pg"), port: 0 });
    try {
      expect(legacy.url).toContain(":rolo@");
      expect(await connects(legacy.url)).toBe(true);
    } finally {
      await legacy.stop();
    }
  }, 60_000);
});

describe("embedded PostgreSQL settings", () => {
  const setting = (args: string[], name: string) => args.find((a) => a.startsWith(`${name}=`))?.split("=")[1];

  it("sizes shared buffers to an eighth of memory, between PostgreSQL's 128 MB and 2 GB", async () => {
    const { serverSettings } = await import("@/lib/db/embedded");
    expect(setting(serverSettings(512 * 2 ** 20), "shared_buffers")).toBe("128MB");
    expect(setting(serverSettings(8 * 2 ** 30), "shared_buffers")).toBe("1024MB");
    expect(setting(serverSettings(24 * 2 ** 30), "shared_buffers")).toBe("2048MB");
    expect(setting(serverSettings(24 * 2 ** 30), "effective_cache_size")).toBe("12288MB");
  });

  it("a running server has them", async () => {
    const { serverSettings } = await import("@/lib/db/embedded");
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "settings", "pg"), port: 0 });
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      const shown = async (name: string) => (await client.query(`SELECT setting, unit FROM pg_settings WHERE name = $1`, [name])).rows[0];
      const args = serverSettings();
      // shared_buffers is shown in 8 kB pages, max_wal_size in MB, checkpoint_timeout in seconds.
      const buffers = await shown("shared_buffers");
      expect(Number(buffers.setting) * 8).toBe(Number(setting(args, "shared_buffers")!.replace("MB", "")) * 1024);
      expect((await shown("max_wal_size")).setting).toBe("4096");
      expect((await shown("checkpoint_timeout")).setting).toBe("900");
    } finally {
      await client.end();
      await server.stop();
    }
  }, 60_000);
});
