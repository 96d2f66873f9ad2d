// Rolo's own CSV export (lib/contacts/export-contacts.ts): every field by its API name and one
// `metadata.<key>` column per key, so that export → import gives back the same contacts.
import type { SourceTable } from "./types";

export const rolo: SourceTable = {
  id: "rolo",
  label: "Rolo export",
  signature: ["id", "email", "phone", "first_name", "last_name", "status", "suppressed", "suppressed_reason", "tags", "source", "created_at", "updated_at"],
  columns: [
    ["email", "email"],
    ["phone", "phone"],
    ["first_name", "first_name"],
    ["last_name", "last_name"],
    ["status", "status"],
    ["suppressed", "suppressed"],
    ["suppressed_reason", "suppressed_reason"],
    ["email_ok", "email_ok"],
    ["sms_ok", "sms_ok"],
    ["whatsapp_ok", "whatsapp_ok"],
    ["voice_ok", "voice_ok"],
    ["tags", "tags"],
    // Server-owned: a new workspace gives new ids and times, and records the import as the source.
    ["id", "ignore"],
    ["source", "ignore"],
    ["created_at", "ignore"],
    ["updated_at", "ignore"],
    // The consent record stays with the workspace that kept it; the import records its own.
    ["consent_source", "ignore"],
    ["consent_at", "ignore"],
  ],
  formulaGuard: true,
};
