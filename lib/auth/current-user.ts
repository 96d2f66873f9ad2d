// The signed-in staff member for server components: user, active workspace and role.
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";
import { ROLE_PERMISSIONS } from "./roles";
import type { Permission } from "@/lib/api/principal";

/** Cached per request: the layout and the page share one lookup. */
export const requireStaff = cache(async function requireStaff() {
  const session = await getServerSession(authOptions);
  const { userId, workspaceId, sessionVersion } = (session ?? {}) as { userId?: string; workspaceId?: string; sessionVersion?: number };
  if (!userId || !workspaceId) redirect("/login");
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { workspace: true, user: true },
    orderBy: { createdAt: "asc" },
  });
  const active = memberships.find((m) => m.workspaceId === workspaceId);
  // Signed out, password changed or removed since this cookie was issued: it no longer counts.
  if (!active || active.user.sessionVersion !== (sessionVersion ?? 0)) redirect("/login");
  return {
    user: { id: userId, email: active.user.email, name: active.user.name },
    workspace: { id: active.workspace.id, name: active.workspace.name, slug: active.workspace.slug, defaultCountry: active.workspace.defaultCountry },
    role: active.role,
    permissions: [...ROLE_PERMISSIONS[active.role]],
    workspaces: memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role })),
  };
});

export type Staff = Awaited<ReturnType<typeof requireStaff>>;

/** A page only some roles may open: others are sent back to the contacts list. */
export async function requireStaffWith(permission: Permission) {
  const staff = await requireStaff();
  if (!staff.permissions.includes(permission)) redirect("/contacts");
  return staff;
}
