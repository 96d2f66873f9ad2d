// Consent evidence a file carries about each person (Mailchimp exports: when and from which
// address they opted in and confirmed). The import maps those columns to metadata keys
// (lib/imports/sources/mailchimp.ts); the chunk hands them to the triggers, keyed by address, so
// each contact's consent record keeps its own evidence.
import type { ContactRecord } from "@/lib/contacts/sql";

export const EVIDENCE_KEYS = ["optin_time", "optin_ip", "confirm_time", "confirm_ip"] as const;

export function evidenceOf(records: ContactRecord[]): Record<string, Record<string, string>> | undefined {
  let evidence: Record<string, Record<string, string>> | undefined;
  for (const record of records) {
    const metadata = record.metadata as Record<string, unknown> | undefined;
    if (!metadata) continue;
    const found: Record<string, string> = {};
    for (const key of EVIDENCE_KEYS) {
      if (typeof metadata[key] === "string" && metadata[key]) found[key] = metadata[key];
    }
    const address = typeof record.email === "string" ? record.email.toLowerCase() : typeof record.phone === "string" ? record.phone : null;
    if (address && Object.keys(found).length) (evidence ??= Object.create(null) as Record<string, Record<string, string>>)[address] = found;
  }
  return evidence;
}
