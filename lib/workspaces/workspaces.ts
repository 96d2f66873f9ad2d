import { z } from "zod";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError, notFound } from "@/lib/api/errors";

export const workspaceCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "Use lowercase letters, digits and dashes" }),
});

export async function createWorkspace(input: z.input<typeof workspaceCreateSchema>) {
  const { name, slug } = workspaceCreateSchema.parse(input);
  const existing = await db.workspace.findUnique({ where: { slug } });
  if (existing) throw new ApiError("conflict", `A workspace with slug "${slug}" already exists`);
  return db.workspace.create({ data: { id: newId("ws"), name, slug } });
}

export async function findWorkspaceBySlug(slug: string) {
  const workspace = await db.workspace.findUnique({ where: { slug } });
  if (!workspace) throw notFound(`Workspace "${slug}"`);
  return workspace;
}
