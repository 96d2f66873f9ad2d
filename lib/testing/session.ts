// A real next-auth session cookie for a user, as the browser would send it.
import { encode } from "next-auth/jwt";
import { randomBase62 } from "@/lib/ids";
import { addUserToWorkspace } from "@/lib/users/users";
import type { Role } from "@/lib/auth/roles";

export async function sessionCookie(workspaceId: string, role: Role) {
  const user = await addUserToWorkspace(workspaceId, { email: `${role}-${randomBase62(8)}@example.com`, password: "correct horse battery", role });
  const token = await encode({ token: { sub: user.id, workspaceId, sessionVersion: user.sessionVersion }, secret: process.env.NEXTAUTH_SECRET! });
  return { user, cookie: `next-auth.session-token=${token}` };
}
