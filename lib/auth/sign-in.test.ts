// Sign-in through next-auth's real credentials authorize() and the real /api/auth route, on the
// real database: throttling per email and per address, and no timing shortcut for unknown emails.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { signInErrorMessage, throttleMessage } from "@/lib/auth/sign-in-errors";
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { randomBase62 } from "@/lib/ids";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { addUserToWorkspace, verifyLogin } from "@/lib/users/users";
import { verifyPassword } from "@/lib/auth/password";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

const PASSWORD = "correct horse battery";
let workspaceId: string;
const randomIp = () => `198.51.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
const newUser = async () =>
  (await addUserToWorkspace(workspaceId, { email: `signin-${randomBase62(8).toLowerCase()}@example.com`, password: PASSWORD, role: "member" })).email;
const attempt = (email: string, password: string, ip: string) => authorize({ email, password }, { headers: { "x-forwarded-for": ip } });
const failures = async (email: string, n: number, ip = randomIp()) => {
  for (let i = 0; i < n; i++) expect(await attempt(email, `wrong-${i}`, ip)).toBeNull();
};
/** Moves an email's failures back in time, as if the window had passed. */
const age = (email: string, minutes: number) =>
  db.$executeRaw`UPDATE sign_in_failures SET created_at = created_at - make_interval(mins => ${minutes})
    WHERE email_hash = ${createHash("sha256").update(email).digest("hex")}`;

function credentialsPost(email: string, ip: string) {
  const req = new Request("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken: "x", json: "true" }),
  });
  return nextAuthRoute.POST(req, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
}

beforeAll(async () => {
  workspaceId = (await createTestWorkspace()).workspace.id;
});

describe("sign-in throttling", () => {
  it(`refuses an email after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password, until the window passes`, async () => {
    const email = await newUser();
    expect(await attempt(email, PASSWORD, randomIp())).toMatchObject({ email, workspaceId, sessionVersion: 0 });
    await failures(email, MAX_FAILURES_PER_EMAIL);
    const refused = await attempt(email, PASSWORD, randomIp()).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    const seconds = Number(/^TooManyAttempts:(\d+)$/.exec((refused as Error).message)?.[1]);
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(signInErrorMessage((refused as Error).message)).toBe("Too many attempts, try again in 15 minutes.");

    // The HTTP layer answers 429 with Retry-After before next-auth runs, in next-auth's { url } shape.
    const res = await credentialsPost(email.toUpperCase(), randomIp());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    const body = await res.json();
    expect(new URL(body.url).searchParams.get("error")).toMatch(/^TooManyAttempts:\d+$/);
    expect(body.error).toMatchObject({ code: "rate_limited", message: "Too many attempts, try again in 15 minutes." });

    await age(email, 15);
    expect(await attempt(email, PASSWORD, randomIp())).toMatchObject({ email });
  });

  it("a success forgives the email's earlier failures", async () => {
    const email = await newUser();
    await failures(email, MAX_FAILURES_PER_EMAIL - 1);
    expect(await attempt(email, PASSWORD, randomIp())).toMatchObject({ email });
    await failures(email, 1);
    expect(await attempt(email, PASSWORD, randomIp())).toMatchObject({ email });
  });

  it(`refuses an address after ${MAX_FAILURES_PER_ADDRESS} failures across emails; other addresses go on`, async () => {
    const ip = randomIp();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect(await attempt(`spray-${i}-${randomBase62(6)}@example.com`, "guess", ip)).toBeNull();
    const email = await newUser();
    await expect(attempt(email, PASSWORD, ip)).rejects.toThrow(/^TooManyAttempts:\d+$/);
    expect((await credentialsPost(email, ip)).status).toBe(429);
    expect(await attempt(email, PASSWORD, randomIp())).toMatchObject({ email });
  }, 60_000);

  it("prunes failures older than the window when it records a new one", async () => {
    const email = await newUser();
    await failures(email, 1);
    await age(email, 16);
    await failures(`other-${randomBase62(6)}@example.com`, 1);
    const left = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sign_in_failures WHERE created_at <= now() - interval '15 minutes'`;
    expect(left[0].n).toBe(0);
  });

  it("hashes against a dummy when the email is unknown, so the answer takes as long", async () => {
    const seen: string[] = [];
    const watching = (hash: string, password: string) => (seen.push(hash), verifyPassword(hash, password));
    expect(await verifyLogin(`nobody-${randomBase62(8)}@example.com`, "some password", watching)).toBeNull();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\$argon2id\$/);
    // …and a known email with a wrong password is refused the same way.
    expect(await verifyLogin(await newUser(), "wrong password", watching)).toBeNull();
    expect(seen).toHaveLength(2);
  });

  it("words the login form's messages", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong email or password.");
    expect(signInErrorMessage(null)).toBe("Wrong email or password.");
    expect(signInErrorMessage("TooManyAttempts:30")).toBe("Too many attempts, try again in 1 minute.");
    expect(throttleMessage(61)).toBe("Too many attempts, try again in 2 minutes.");
  });
});
