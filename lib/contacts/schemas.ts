// One zod schema per contact shape, shared by the API, the dashboard forms and the OpenAPI document.
import { z } from "zod";

export const CONTACT_STATUSES = ["subscribed", "unsubscribed"] as const;
export const MAX_TAGS = 100;
export const MAX_TAG_LENGTH = 64;
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_BATCH = 1000;

const E164 = /^\+[1-9]\d{1,14}$/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !v.includes("\u0000"), { error: "Must not contain NUL characters" });
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v === "" ? null : v));

export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ error: "Must be a valid email address" }));
export const phoneSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(E164, { error: "Must be an E.164 phone number such as +14155551234" }));

/** Trimmed, de-duplicated case-insensitively (first spelling wins), ≤ 100 tags of ≤ 64 chars. */
export const tagsSchema = z
  .array(z.string().trim().min(1, { error: "Tags cannot be empty" }).max(MAX_TAG_LENGTH))
  .max(MAX_TAGS)
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  });

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const metadataSchema = (values: z.ZodType) =>
  z.record(z.string().min(1).max(200), values).refine((m) => jsonBytes(m) <= MAX_METADATA_BYTES, {
    error: `Metadata must be at most ${MAX_METADATA_BYTES / 1024} KB`,
  });
// Bodies arrive as parsed JSON, so any value here is already JSON.
const jsonValue = z.unknown();

const contactFields = {
  email: emailSchema.nullish(),
  phone: phoneSchema.nullish(),
  first_name: optionalText(200),
  last_name: optionalText(200),
  /** Input convenience: "Jane Doe" is split into first and last name. */
  name: text(400).optional(),
  status: z.enum(CONTACT_STATUSES).optional(),
  suppressed: z.boolean().optional(),
  suppressed_reason: optionalText(100),
  email_ok: z.boolean().optional(),
  sms_ok: z.boolean().optional(),
  whatsapp_ok: z.boolean().optional(),
  voice_ok: z.boolean().optional(),
  tags: tagsSchema.optional(),
  source: text(64).min(1).optional(),
};

function splitName<T extends { name?: string; first_name?: string | null; last_name?: string | null }>(input: T) {
  const { name, ...rest } = input;
  if (name === undefined || rest.first_name !== undefined || rest.last_name !== undefined) return rest;
  const [first, ...last] = name.split(/\s+/).filter(Boolean);
  return { ...rest, first_name: first ?? null, last_name: last.join(" ") || null };
}

const requireEmailOrPhone = (c: { email?: string | null; phone?: string | null }) => Boolean(c.email || c.phone);
const emailOrPhoneIssue = { error: "Either email or phone is required", path: ["email"] };

/** POST /contacts, PUT /contacts and each item of POST /contacts/batch. */
export const contactCreateSchema = z
  .strictObject({ ...contactFields, metadata: metadataSchema(jsonValue).optional() })
  .refine(requireEmailOrPhone, emailOrPhoneIssue)
  .transform(splitName)
  .meta({ id: "ContactCreate" });

/** PATCH /contacts/:id: every field optional; `metadata` is merged and `null` deletes a key. */
export const contactUpdateSchema = z
  .strictObject({ ...contactFields, metadata: metadataSchema(jsonValue.nullable()).optional() })
  .transform(splitName)
  .meta({ id: "ContactUpdate" });

export type ContactCreateInput = z.output<typeof contactCreateSchema>;
export type ContactUpdateInput = z.output<typeof contactUpdateSchema>;

export const batchSchema = z
  .strictObject({ contacts: z.array(z.unknown()).min(1).max(MAX_BATCH) })
  .meta({ id: "ContactBatch" });

export const contactSchema = z
  .object({
    id: z.string(),
    object: z.literal("contact"),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    name: z.string().nullable(),
    status: z.enum(CONTACT_STATUSES),
    suppressed: z.boolean(),
    suppressed_reason: z.string().nullable(),
    email_ok: z.boolean(),
    sms_ok: z.boolean(),
    whatsapp_ok: z.boolean(),
    voice_ok: z.boolean(),
    tags: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    source: z.string(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Contact" });

export type Contact = z.infer<typeof contactSchema>;

export const SORTS = ["created_at", "-created_at", "email", "-email", "updated_at", "-updated_at", "last_name", "-last_name"] as const;

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");
const oneParam = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), s);

/** The list filter grammar, shared by list, export and bulk selections. */
export const contactFilterSchema = z.strictObject({
  search: oneParam(z.string().trim().max(200)).optional(),
  email: oneParam(z.string().trim().max(320)).optional(),
  tag: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(MAX_TAG_LENGTH)).max(20)).optional(),
  status: oneParam(z.enum(CONTACT_STATUSES)).optional(),
  suppressed: oneParam(z.union([z.boolean(), boolParam])).optional(),
  created_after: oneParam(z.iso.datetime({ offset: true })).optional(),
  created_before: oneParam(z.iso.datetime({ offset: true })).optional(),
});
export type ContactFilter = z.output<typeof contactFilterSchema>;

export const listQuerySchema = contactFilterSchema
  .extend({
    limit: oneParam(z.coerce.number().int().min(1).max(200)).default(50),
    cursor: oneParam(z.string().max(1000)).optional(),
    offset: oneParam(z.coerce.number().int().min(0).max(10_000_000)).optional(),
    sort: oneParam(z.enum(SORTS)).default("-created_at"),
  })
  .meta({ id: "ListContactsQuery" });
export type ListQuery = z.output<typeof listQuerySchema>;

export const contactListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(contactSchema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
    total: z.number().int().optional(),
  })
  .meta({ id: "ContactList" });

export const batchResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
    results: z.array(
      z.object({
        index: z.number().int(),
        id: z.string().nullable(),
        status: z.enum(["created", "updated", "failed"]),
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
      }),
    ),
  })
  .meta({ id: "ContactBatchResult" });
export type BatchResult = z.infer<typeof batchResultSchema>;
