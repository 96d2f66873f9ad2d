import { z } from "zod";

export const API_KEY_SCOPES = ["full", "read_only"] as const;

export const apiKeyCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).default("API key"),
    scope: z.enum(API_KEY_SCOPES).default("full"),
  })
  .meta({ id: "ApiKeyCreate" });
export type ApiKeyCreateInput = z.output<typeof apiKeyCreateSchema>;

export const apiKeySchema = z
  .object({
    id: z.string(),
    object: z.literal("api_key"),
    name: z.string(),
    last4: z.string(),
    scope: z.enum(API_KEY_SCOPES),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyView = z.infer<typeof apiKeySchema>;

/** POST /api-keys: the key with its secret, the only time the secret leaves the server. */
export const apiKeyCreatedSchema = apiKeySchema
  .extend({ secret: z.string().meta({ description: "`sk_live_…`: shown once; store it now." }) })
  .meta({ id: "ApiKeyCreated" });
