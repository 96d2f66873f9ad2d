// One zod schema per contact shape, shared by the API, the dashboard forms and the OpenAPI document.
import { z } from "zod";
import { MAX_METADATA_BYTES, measureMetadata } from "./metadata";
import { DEFAULT_COUNTRY, normalizePhone } from "./phone";
import { countConditions, metadataFilterSchema } from "./metadata-filter";
import { foldMetadataParams } from "./metadata-params";

export const CONTACT_STATUSES = ["subscribed", "unsubscribed"] as const;
export const MAX_TAGS = 100;
export const MAX_TAG_LENGTH = 64;
export const MAX_BATCH = 1000;

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
/** Any written form libphonenumber reads, stored as E.164; national forms are read in `country`. */
export const phoneSchemaIn = (country: string) =>
  z
    .string()
    .meta({ description: "E.164 (+14155551234), or a national number read in the workspace's default country" })
    .transform((v, ctx) => {
      const result = normalizePhone(v, country);
      if ("phone" in result) return result.phone;
      ctx.addIssue({ code: "custom", message: `Must be a valid phone number: ${result.error}` });
      return z.NEVER;
    });
export const phoneSchema = phoneSchemaIn(DEFAULT_COUNTRY);

/** Trimmed, de-duplicated case-insensitively (first spelling wins), ≤ 100 tags of ≤ 64 chars. */
export const tagsSchema = z
  .array(z.string().trim().min(1, { error: "Tags cannot be empty" }).max(MAX_TAG_LENGTH))
  .max(MAX_TAGS)
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  });

const metadataSchema = (values: z.ZodType) =>
  z.record(z.string().min(1).max(200), values).check((ctx) => {
    const measured = measureMetadata(ctx.value);
    if ("error" in measured) ctx.issues.push({ code: "custom", message: measured.error, input: ctx.value });
    else if (measured.bytes > MAX_METADATA_BYTES) {
      ctx.issues.push({ code: "custom", message: `Metadata must be at most ${MAX_METADATA_BYTES / 1024} KB`, input: ctx.value });
    }
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
  // `source` is not here: the server records who created a contact (api, dashboard, import), and
  // strict objects refuse it like any other unknown field.
};

function splitName<T extends { name?: string; first_name?: string | null; last_name?: string | null }>(input: T) {
  const { name, ...rest } = input;
  if (name === undefined || rest.first_name !== undefined || rest.last_name !== undefined) return rest;
  const [first, ...last] = name.split(/\s+/).filter(Boolean);
  return { ...rest, first_name: first ?? null, last_name: last.join(" ") || null };
}

/** Not a contact field: the write may bring back the email or phone of an erased contact (lib/erasure). */
const allowErased = z
  .boolean()
  .optional()
  .meta({ description: "`true` lets this write use the email or phone of a contact that was erased (the person asked to be added again); otherwise it answers 409 `erased`." });

const requireEmailOrPhone = (c: { email?: string | null; phone?: string | null }) => Boolean(c.email || c.phone);
const emailOrPhoneIssue = { error: "Either email or phone is required", path: ["email"] };

// `properties` is the name one of the original APIs gives `metadata`: accepted on input as a synonym.
const metadataFields = <M extends z.ZodType>(metadata: M) => ({
  metadata: metadata.optional(),
  properties: metadata.optional().meta({ description: "Synonym of `metadata` (one original API's name); send one or the other." }),
});
const notBothMetadataAndProperties = (c: { metadata?: unknown; properties?: unknown }) => c.metadata === undefined || c.properties === undefined;
const metadataAndPropertiesIssue = { error: "Send metadata or properties (its synonym), not both", path: ["properties"] };
function propertiesAsMetadata<T extends { metadata?: unknown; properties?: unknown }>({ properties, ...rest }: T) {
  return properties === undefined ? rest : { ...rest, metadata: properties as T["metadata"] };
}

/** POST /contacts, PUT /contacts and each item of POST /contacts/batch. */
const contactCreate = (phone = phoneSchema) =>
  z
    .strictObject({ ...contactFields, phone: phone.nullish(), ...metadataFields(metadataSchema(jsonValue)), allow_erased: allowErased })
    .refine(requireEmailOrPhone, emailOrPhoneIssue)
    .refine(notBothMetadataAndProperties, metadataAndPropertiesIssue)
    .transform((c) => splitName(propertiesAsMetadata(c)));
export const contactCreateSchema = contactCreate().meta({ id: "ContactCreate" });

/** PATCH /contacts/:id: every field optional; `metadata` is merged and `null` deletes a key. */
const contactUpdate = (phone = phoneSchema) =>
  z
    .strictObject({ ...contactFields, phone: phone.nullish(), ...metadataFields(metadataSchema(jsonValue.nullable())), allow_erased: allowErased })
    .refine(notBothMetadataAndProperties, metadataAndPropertiesIssue)
    .transform((c) => splitName(propertiesAsMetadata(c)));
export const contactUpdateSchema = contactUpdate().meta({ id: "ContactUpdate" });

const schemasByCountry = new Map<string, { create: typeof contactCreateSchema; update: typeof contactUpdateSchema }>();
/** The same two shapes with national phone numbers read in `country` (a workspace's default). */
export function contactSchemasIn(country: string) {
  if (country === DEFAULT_COUNTRY) return { create: contactCreateSchema, update: contactUpdateSchema };
  let schemas = schemasByCountry.get(country);
  if (!schemas) schemasByCountry.set(country, (schemas = { create: contactCreate(phoneSchemaIn(country)), update: contactUpdate(phoneSchemaIn(country)) }));
  return schemas;
}

export type ContactCreateInput = z.output<typeof contactCreateSchema>;
export type ContactUpdateInput = z.output<typeof contactUpdateSchema>;

export const batchSchema = z
  // Items are parsed one by one (a bad item fails alone), so the array takes anything here; the
  // OpenAPI document still types each item as the component that "x-schema" names.
  .strictObject({
    contacts: z.array(z.unknown().meta({ "x-schema": "ContactCreate" })).min(1).max(MAX_BATCH),
    allow_erased: allowErased.meta({ description: "`true` lets every item use the email or phone of a contact that was erased; otherwise such items fail with `erased`. An item may also say it alone." }),
  })
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
    updated_at: z.iso.datetime().meta({ description: "When the contact last changed. A write that changes nothing leaves it as it was." }),
  })
  .meta({ id: "Contact" });

export type Contact = z.infer<typeof contactSchema>;

export const SORTS = ["created_at", "-created_at", "email", "-email", "updated_at", "-updated_at", "last_name", "-last_name"] as const;

/** An ISO 8601 instant on a real calendar day between the years 1 and 9999 (what PostgreSQL stores), as UTC ISO. */
export const timestampParam = z.iso
  .datetime({ offset: true })
  .transform((value, ctx) => {
    const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
    const date = new Date(value);
    const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    const real = calendar.getUTCDate() === Number(day) && calendar.getUTCMonth() === Number(month) - 1;
    if (!real || Number(year) < 1 || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 1) {
      ctx.addIssue({ code: "custom", message: "Must be a real date between the years 0001 and 9999" });
      return z.NEVER;
    }
    return date.toISOString();
  });

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");
/** A query parameter sent once (the last one wins when repeated). */
export const oneParam = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), s);

const boolFilter = oneParam(z.union([z.boolean(), boolParam]));

/** The list filter grammar, shared by list, export, bulk selections and segments. */
const contactFilterFields = {
  search: oneParam(z.string().trim().max(200)).optional(),
  email: oneParam(z.string().trim().max(320)).optional(),
  tag: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(MAX_TAG_LENGTH)).max(20)).optional(),
  status: oneParam(z.enum(CONTACT_STATUSES)).optional(),
  suppressed: boolFilter.optional(),
  has_email: boolFilter.optional().meta({ description: "true: contacts with an email; false: without one." }),
  has_phone: boolFilter.optional().meta({ description: "true: contacts with a phone; false: without one." }),
  created_after: oneParam(timestampParam).optional(),
  created_before: oneParam(timestampParam).optional(),
  updated_after: oneParam(timestampParam).optional(),
  updated_before: oneParam(timestampParam).optional(),
  metadata: metadataFilterSchema.optional(),
};
/** Query strings send metadata conditions as `metadata[key][op]` parameters: folded before validation. */
const withMetadataParams = <T extends z.ZodType>(schema: T) => z.preprocess(foldMetadataParams, schema);

export const contactFilterSchema = withMetadataParams(z.strictObject(contactFilterFields)).meta({ id: "ContactFilter" });
export type ContactFilter = z.output<typeof contactFilterSchema>;

/** Does the filter narrow anything? (Empty values select everything, as in filterSql.) */
export const filterHasCriteria = (f: ContactFilter) =>
  Boolean(
    f.search ||
      f.email ||
      f.tag?.length ||
      f.status ||
      f.suppressed !== undefined ||
      f.has_email !== undefined ||
      f.has_phone !== undefined ||
      f.created_after ||
      f.created_before ||
      f.updated_after ||
      f.updated_before ||
      countConditions(f.metadata),
  );

/** `segment=seg_…` (lists, export, bulk): only the contacts of this saved segment, and of any other filter sent with it. */
export const segmentIdSchema = z
  .string()
  .regex(/^seg_[0-9A-Za-z]{1,64}$/, { error: "Must be a segment id (seg_…)" })
  .meta({ description: "A saved segment's id: only its contacts (combined with any other filter sent)." });
const segmentParam = oneParam(segmentIdSchema);

export const listQuerySchema = withMetadataParams(
  z.strictObject({
    ...contactFilterFields,
    segment: segmentParam.optional(),
    limit: oneParam(z.coerce.number().int().min(1).max(200)).default(50),
    cursor: oneParam(z.string().max(1000)).optional(),
    offset: oneParam(z.coerce.number().int().min(0).max(10_000_000)).optional(),
    sort: oneParam(z.enum(SORTS)).default("-created_at"),
  }),
);
export type ListQuery = z.output<typeof listQuerySchema>;

/** GET /contacts/count: the list filter alone. */
export const countQuerySchema = withMetadataParams(z.strictObject({ ...contactFilterFields, segment: segmentParam.optional() }));

export const contactCountSchema = z
  .object({ object: z.literal("count"), total: z.number().int().meta({ description: "How many contacts match, counted exactly now." }) })
  .meta({ id: "ContactCount" });

/** GET /contacts/export: the list filter, and a byte order mark for Excel. */
export const exportQuerySchema = withMetadataParams(
  z.strictObject({ ...contactFilterFields, segment: segmentParam.optional(), bom: z.enum(["true", "false"]).optional() }),
);

export const contactListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(contactSchema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
    total: z.number().int().optional().meta({ description: "First page only: how many contacts match, exact. Omitted when counting would hold up the page; see `total_estimate`." }),
    total_estimate: z
      .number()
      .int()
      .optional()
      .meta({ description: "First page only, instead of `total` when counting would hold up the page: the database's estimate. `GET /contacts/count` with the same filter counts exactly." }),
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

/**
 * GET /contacts/metadata-keys: the keys the filter builder suggests, counted over this many most
 * recently updated contacts. 10,000 took 41-54 ms of database time alone at 1M contacts (random
 * heap reads), 5,000 took 22 ms, and still shows the keys a workspace writes.
 */
export const METADATA_KEYS_SAMPLE = 5_000;
export const metadataKeySchema = z
  .object({
    key: z.string(),
    count: z.number().int().meta({ description: `Contacts having the key, among the ${METADATA_KEYS_SAMPLE.toLocaleString("en")} most recently updated.` }),
  })
  .meta({ id: "MetadataKey" });
export type MetadataKeyView = z.infer<typeof metadataKeySchema>;
