// Server-side session revocation, through next-auth's real authorize/jwt/signOut hooks and the
// real API route handlers: an old cookie stops working after sign-out, a password change or the
// removal of a membership.
import { encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { randomBase62 } from "@/lib/ids";
import { call } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { addUserToWorkspace, changePassword, removeMember } from "@/lib/users/users";
import type { SignedInUser } from "@/lib/auth/sign-in";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<SignedInUser | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const PASSWORD = "correct horse battery";

let workspaceId: string;
let otherWorkspaceId: string;

/** Signs in as next-auth does: authorize → jwt callback → encoded cookie. */
async function signIn(email: string, password = PASSWORD) {
  const user = await authorize({ email, password }, { headers: { "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 255)}` } });
  if (!user) throw new Error("sign-in failed");
  const token = await authOptions.callbacks!.jwt!({ token: { sub: user.id, email }, user, account: null, trigger: "signIn" });
  const cookie = `next-auth.session-token=${await encode({ token, secret: process.env.NEXTAUTH_SECRET! })}`;
  return { user, token, cookie };
}
const listContacts = (cookie: string) => call("GET", "/api/v1/contacts", { headers: { cookie } });

async function newMember(workspace = workspaceId) {
  const email = `session-${randomBase62(8).toLowerCase()}@example.com`;
  await addUserToWorkspace(workspace, { email, password: PASSWORD, role: "member" });
  return email;
}

beforeAll(async () => {
  workspaceId = (await createTestWorkspace()).workspace.id;
  otherWorkspaceId = (await createTestWorkspace()).workspace.id;
});

describe("session revocation", () => {
  it("the session carries the user's session version", async () => {
    const { token } = await signIn(await newMember());
    expect(token.sessionVersion).toBe(0);
  });

  it("sign-out ends the session on the server: the copied cookie answers 401", async () => {
    const email = await newMember();
    const { cookie, token } = await signIn(email);
    expect((await listContacts(cookie)).status).toBe(200);
    await authOptions.events!.signOut!({ token: token as JWT, session: null as never });
    expect((await listContacts(cookie)).status).toBe(401);
    // Signing in again gives a working session.
    expect((await listContacts((await signIn(email)).cookie)).status).toBe(200);
  });

  it("a password change ends every session of the user", async () => {
    const email = await newMember();
    const first = await signIn(email);
    const second = await signIn(email);
    await changePassword(first.user.id, "a brand new password");
    expect((await listContacts(first.cookie)).status).toBe(401);
    expect((await listContacts(second.cookie)).status).toBe(401);
    await expect(signIn(email)).rejects.toThrow("sign-in failed");
    expect((await listContacts((await signIn(email, "a brand new password")).cookie)).status).toBe(200);
  });

  it("removing a membership ends the user's sessions, in every workspace", async () => {
    const email = await newMember();
    await addUserToWorkspace(otherWorkspaceId, { email, password: PASSWORD, role: "member" });
    const { cookie, user, token } = await signIn(email);
    const inOther = `next-auth.session-token=${await encode({ token: { ...token, workspaceId: otherWorkspaceId }, secret: process.env.NEXTAUTH_SECRET! })}`;
    expect((await listContacts(inOther)).status).toBe(200);
    await removeMember(workspaceId, user.id);
    expect((await listContacts(cookie)).status).toBe(401);
    expect((await listContacts(inOther)).status).toBe(401);
  });

  it("a cookie naming an older version is refused even when forged with a valid secret", async () => {
    const email = await newMember();
    const { cookie, token } = await signIn(email);
    await authOptions.events!.signOut!({ token: token as JWT, session: null as never });
    const { token: fresh } = await signIn(email);
    expect(fresh.sessionVersion).toBe(1);
    const stale = `next-auth.session-token=${await encode({ token: { ...fresh, sessionVersion: 0 }, secret: process.env.NEXTAUTH_SECRET! })}`;
    expect((await listContacts(stale)).status).toBe(401);
    expect((await listContacts(cookie)).status).toBe(401);
  });
});
