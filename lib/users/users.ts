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

/** Email + password → the user and their memberships, or null (same answer for every failure). */
export async function verifyLogin(email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email },
    include: { memberships: { include: { workspace: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || !(await verifyPassword(user.passwordHash, password))) return null;
  return user;
}

