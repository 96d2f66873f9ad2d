// Which CSV column feeds which contact field, guessed from common exports and editable by the user.
// Shared by the server (the import job) and the browser (the mapping preview).
import { z } from "zod";

export const MAPPABLE_FIELDS = ["email", "phone", "first_name", "last_name", "name", "status", "tags", "suppressed"] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** A column goes to a field, to `metadata.<key>`, or nowhere. */
export const mappingTargetSchema = z.union([
  z.enum(MAPPABLE_FIELDS),
  z.literal("ignore"),
  z.string().regex(/^metadata\.[^\s.][^.]{0,199}$/, { error: "Use a field name, metadata.<key> or ignore" }),
]);
export const mappingSchema = z.record(z.string().max(500), mappingTargetSchema).refine((m) => Object.keys(m).length <= 500);
export type Mapping = z.infer<typeof mappingSchema>;

export const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, " ");

const SYNONYMS: Record<MappableField, string[]> = {
  email: ["email", "e mail", "email address", "e mail address", "emailaddress", "mail", "email id", "work email"],
  phone: ["phone", "phone number", "mobile", "mobile phone", "mobile number", "cell", "cell phone", "telephone", "tel", "sms", "whatsapp"],
  first_name: ["first name", "firstname", "given name", "fname", "first"],
  last_name: ["last name", "lastname", "surname", "family name", "lname", "last"],
  name: ["name", "full name", "fullname", "contact name", "display name"],
  status: ["status", "subscription status", "email status", "member status", "subscribed"],
  tags: ["tags", "tag", "labels", "lists", "segments"],
  suppressed: ["suppressed", "unsubscribed", "opted out", "do not contact"],
};
const BY_SYNONYM = new Map(Object.entries(SYNONYMS).flatMap(([field, names]) => names.map((n) => [n, field as MappableField])));

const metadataKey = (header: string) => normalizeHeader(header).replace(/ /g, "_").slice(0, 200) || "column";

/** Guesses every header; unknown columns go to metadata, a field is claimed by its first column. */
export function guessMapping(headers: string[]): Mapping {
  const taken = new Set<string>();
  const mapping: Mapping = {};
  for (const header of headers) {
    const field = BY_SYNONYM.get(normalizeHeader(header));
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[header] = field;
    } else mapping[header] = `metadata.${metadataKey(header)}`;
  }
  return mapping;
}

/** The given mapping over the guess: columns the user did not map keep their guessed target. */
export function resolveMapping(headers: string[], given: Mapping = {}): Mapping {
  const guessed = guessMapping(headers);
  return Object.fromEntries(headers.map((h) => [h, given[h] ?? guessed[h]]));
}

export const hasContactColumn = (mapping: Mapping) => Object.values(mapping).some((t) => t === "email" || t === "phone");

const TRUE = new Set(["true", "yes", "y", "1", "x"]);
const STATUS: Record<string, "subscribed" | "unsubscribed"> = {
  subscribed: "subscribed",
  subscribe: "subscribed",
  active: "subscribed",
  yes: "subscribed",
  true: "subscribed",
  unsubscribed: "unsubscribed",
  unsubscribe: "unsubscribed",
  cleaned: "unsubscribed",
  inactive: "unsubscribed",
  no: "unsubscribed",
  false: "unsubscribed",
};

/** One CSV row → a contact input (empty cells leave the field alone; the contact schema validates). */
export function rowToContact(headers: string[], mapping: Mapping, cells: string[]) {
  const contact: Record<string, unknown> = {};
  const metadata: Record<string, string> = {};
  headers.forEach((header, i) => {
    const target = mapping[header];
    const value = (cells[i] ?? "").trim();
    if (!value || !target || target === "ignore") return;
    if (target.startsWith("metadata.")) metadata[target.slice(9)] = value;
    else if (target === "tags") contact.tags = value.split(/[,;|]/).map((t) => t.trim()).filter(Boolean);
    else if (target === "status") contact.status = STATUS[value.toLowerCase()] ?? value;
    else if (target === "suppressed") contact.suppressed = TRUE.has(value.toLowerCase());
    else contact[target] = value;
  });
  if (Object.keys(metadata).length) contact.metadata = metadata;
  return contact;
}
