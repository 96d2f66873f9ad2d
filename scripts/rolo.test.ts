// The admin CLI as a user runs it: a real child process against the test database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { randomBase62 } from "@/lib/ids";

const run = promisify(execFile);
const rolo = (...args: string[]) =>
  run("npx", ["tsx", "--conditions=react-server", "scripts/rolo.ts", ...args], { env: { ...process.env }, encoding: "utf8" });

describe("npm run rolo", () => {
  it("creates a workspace, a user and an API key whose secret is the only thing on stdout", async () => {
    const slug = `cli-${randomBase62(6).toLowerCase()}`;
    expect((await rolo("create-workspace", "--name", "CLI test", "--slug", slug)).stdout).toContain(slug);
    const user = await rolo("create-user", "--email", `${slug}@example.com`, "--password", "long-enough-pw", "--workspace", slug, "--role", "admin");
    expect(user.stdout).toContain("admin");
    const { stdout } = await rolo("create-api-key", "--workspace", slug, "--name", "cli", "--scope", "read_only");
    expect(stdout).toMatch(/^sk_live_[A-Za-z0-9_-]{43}\n$/);
    const api = client(stdout.trim());
    expect((await api.get("/api/v1/contacts")).status).toBe(200);
    expect((await api.post("/api/v1/contacts", { email: "x@example.com" })).status).toBe(403);
  }, 60_000);

  it("fails with a clear message and exit code 1 on bad input", async () => {
    const error = await rolo("create-api-key", "--workspace", "no-such-workspace").catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('Workspace "no-such-workspace" not found');
    const missing = await rolo("create-user", "--email", "a@b.co").catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--\w+ is required/);
  }, 60_000);
});
