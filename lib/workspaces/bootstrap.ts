// First run: a default workspace and an owner whose password is printed once.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { createWorkspace } from "./workspaces";
import { addUserToWorkspace } from "@/lib/users/users";

export async function bootstrapFirstRun() {
  if ((await db.workspace.count()) > 0) return null;
  const workspace = await createWorkspace({ name: "Default workspace", slug: "default" });
  const email = process.env.ROLO_ADMIN_EMAIL ?? "admin@rolo.local";
  const password = process.env.ROLO_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  await addUserToWorkspace(workspace.id, { email, password, name: "Owner", role: "owner" });
  return { workspace, email, password };
}
