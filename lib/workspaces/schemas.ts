// The workspace as the API shows it, and the settings a workspace's owners and admins may change.
import { z } from "zod";
import { countrySchema } from "@/lib/contacts/phone";

export const workspaceSchema = z
  .object({
    id: z.string(),
    object: z.literal("workspace"),
    name: z.string(),
    slug: z.string(),
    default_country: z.string().meta({ description: "National phone numbers (API and imports) are read in this country (ISO 3166-1 alpha-2)." }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Workspace" });
export type WorkspaceView = z.infer<typeof workspaceSchema>;

export const workspaceUpdateSchema = z
  .strictObject({ default_country: countrySchema.optional() })
  .meta({ id: "WorkspaceUpdate" });
