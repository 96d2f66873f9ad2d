import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/roles";

export const userCreateSchema = z.strictObject({
  email: z.string().trim().pipe(z.email()),
  password: z.string().min(8, { error: "Passwords need at least 8 characters" }).max(200),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).default("member"),
});

/** Creates the user if new (or reuses it by email) and makes it a member of the workspace. */
export async function addUserToWorkspace(workspaceId: string, input: z.input<typeof userCreateSchema>) {
  const { email, password, name, role } = userCreateSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user =
      (await tx.user.findUnique({ where: { email } })) ??
      (await tx.user.create({ data: { id: newId("usr"), email, name, passwordHash } }));
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId, userId: user.id } },
      create: { workspaceId, userId: user.id, role },
      update: { role },
    });
    return user;
  });
}

// Unknown emails are verified against this hash (made once per process) so that they cost as
// much time as known ones: the answer time does not reveal who has an account.
let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString("base64url")));

/**
 * Email + password → the user and their memberships, or null (same answer for every failure).
 * `verify` is the password check (a parameter so tests can watch it run).
 */
export async function verifyLogin(email: string, password: string, verify = verifyPassword) {
  const user = await db.user.findUnique({
    where: { email },
    include: { memberships: { include: { workspace: true }, orderBy: { createdAt: "asc" } } },
  });
  const valid = await verify(user?.passwordHash ?? (await unknownUserHash()), password);
  return user && valid ? user : null;
}

/** Ends every session of the user, on every device (their cookies name an older version). */
export async function revokeSessions(userId: string) {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Sets a new password and signs the user out everywhere. */
export async function changePassword(userId: string, password: string) {
  const { password: valid } = userCreateSchema.pick({ password: true }).parse({ password });
  const passwordHash = await hashPassword(valid);
  await db.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
}

/** Removes the user from the workspace and ends their sessions (a cookie must not outlive the membership). */
export async function removeMember(workspaceId: string, userId: string) {
  await db.$transaction([
    db.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } }),
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
  ]);
}

