// Which column feeds which contact field: a guess from common header names, under a recognised
// source's table, under a saved mapping, under the user's own. Shared by the server (the import
// job) and the browser (the mapping preview), so nothing here may import server code.
import { z } from "zod";

export const MAPPABLE_FIELDS = [
  "email",
  "phone",
  "first_name",
  "last_name",
  "name",
  "status",
  "tags",
  "suppressed",
  "suppressed_reason",
  "email_ok",
  "sms_ok",
  "whatsapp_ok",
  "voice_ok",
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

const METADATA_TARGET = /^metadata\.[^\s.][^.]{0,199}$/;
/** A column goes to a field, to `metadata.<key>`, or nowhere. */
export const mappingTargetSchema = z.union([
  z.enum(MAPPABLE_FIELDS),
  z.literal("ignore"),
  z.string().regex(METADATA_TARGET, { error: "Use a field name, metadata.<key> or ignore" }),
]);
export type MappingTarget = z.infer<typeof mappingTargetSchema>;

/** Header → target. Headers are user data: always a prototype-free object, read with `targetOf`. */
export type Mapping = Record<string, string>;

export const emptyMapping = (): Mapping => Object.create(null) as Mapping;
export const targetOf = (mapping: Mapping, header: string): string | undefined => (Object.hasOwn(mapping, header) ? mapping[header] : undefined);

/**
 * A JSON object of header → target. Validated entry by entry into a prototype-free object:
 * a column may be called `__proto__` or `constructor` like any other.
 */
export const mappingSchema = z
  .unknown()
  .transform((value, ctx) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: "mapping must be a JSON object of column header → field, metadata.<key> or ignore" });
      return z.NEVER;
    }
    const entries = Object.entries(value);
    if (entries.length > 1000) ctx.addIssue({ code: "custom", message: "mapping may name at most 1,000 columns" });
    const mapping = emptyMapping();
    for (const [header, target] of entries) {
      const parsed = mappingTargetSchema.safeParse(target);
      if (header.length > 500) ctx.addIssue({ code: "custom", path: [header.slice(0, 40)], message: "A header may be at most 500 characters" });
      else if (!parsed.success) ctx.addIssue({ code: "custom", path: [header], message: "Use a field name, metadata.<key> or ignore" });
      else mapping[header] = parsed.data;
    }
    return mapping;
  })
  .meta({ description: "Column header → a field name, `metadata.<key>` or `ignore`." });

export const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, " ")
    .trim();

/** The metadata key a column lands in when nothing maps it: its normalised header, snake_cased. */
export const metadataKey = (header: string) => normalizeHeader(header).replace(/ /g, "_").slice(0, 200) || "column";

const SYNONYMS: Record<MappableField, string[]> = {
  email: ["email", "e mail", "email address", "e mail address", "emailaddress", "mail", "email id", "work email"],
  phone: ["phone", "phone number", "mobile", "mobile phone", "mobile number", "cell", "cell phone", "telephone", "tel", "sms", "whatsapp"],
  first_name: ["first name", "firstname", "given name", "fname", "first"],
  last_name: ["last name", "lastname", "surname", "family name", "lname", "last"],
  name: ["name", "full name", "fullname", "contact name", "display name"],
  status: ["status", "subscription status", "email status", "member status", "subscribed"],
  tags: ["tags", "tag", "labels", "lists", "segments", "categories"],
  suppressed: ["suppressed", "unsubscribed", "opted out", "do not contact"],
  suppressed_reason: ["suppressed reason", "suppression reason"],
  email_ok: ["email ok"],
  sms_ok: ["sms ok"],
  whatsapp_ok: ["whatsapp ok"],
  voice_ok: ["voice ok"],
};
const BY_SYNONYM = new Map(Object.entries(SYNONYMS).flatMap(([field, names]) => names.map((n) => [n, field as MappableField])));

/** Guesses every header; unknown columns go to metadata, a field is claimed by its first column. */
export function guessMapping(headers: string[]): Mapping {
  const taken = new Set<string>();
  const mapping = emptyMapping();
  for (const header of headers) {
    if (Object.hasOwn(mapping, header)) continue;
    const field = BY_SYNONYM.get(normalizeHeader(header));
    // Rolo's own export (and anyone following it) names custom fields `metadata.<key>`.
    const ownKey = /^metadata\.(.+)$/.exec(header.trim())?.[1];
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[header] = field;
    } else mapping[header] = ownKey && METADATA_TARGET.test(`metadata.${ownKey}`) ? `metadata.${ownKey}` : `metadata.${metadataKey(header)}`;
  }
  return mapping;
}

/** Every header's target from the first layer that has one (the user's, saved, a source's), else the guess. */
export function resolveMapping(headers: string[], ...layers: (Mapping | null | undefined)[]): Mapping {
  const guessed = guessMapping(headers);
  const mapping = emptyMapping();
  for (const header of headers) {
    const layer = layers.find((l) => l && targetOf(l, header) !== undefined);
    mapping[header] = layer ? targetOf(layer, header)! : targetOf(guessed, header)!;
  }
  return mapping;
}

export const hasContactColumn = (mapping: Mapping) => Object.values(mapping).some((t) => t === "email" || t === "phone");

/**
 * A cell holding a list, as the tools write them: `a ::: b` (Google), `"VIP","Blog"` (Mailchimp),
 * `a;b` (Outlook), `a,b` or `a|b`. Items come back trimmed, without quotes, never empty.
 */
export function splitList(cell: string): string[] {
  const out: string[] = [];
  if (/^\s*"/.test(cell) && !cell.includes(":::")) {
    for (const m of cell.matchAll(/\s*"((?:[^"]|"")*)"|([^,;]+)/g)) {
      const item = (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]).trim();
      if (item) out.push(item);
    }
    return out;
  }
  for (const part of cell.includes(":::") ? cell.split(":::") : cell.split(/[;,|]/)) {
    let item = part.trim();
    if (item.includes('"') || item.includes("'")) item = item.replace(/^["']+|["']+$/g, "").trim();
    if (item) out.push(item);
  }
  return out;
}
