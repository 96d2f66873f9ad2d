// Mailchimp audience exports: one file per status, told apart by their columns. Opt-in evidence
// (OPTIN_TIME, OPTIN_IP, CONFIRM_TIME, CONFIRM_IP) and the unsubscribe reason stay in metadata.
import type { SourceTable } from "./types";

const signature = ["Email Address", "MEMBER_RATING", "OPTIN_TIME", "LEID", "EUID"];
const columns: SourceTable["columns"] = [
  ["Email Address", "email"],
  ["First Name", "first_name"],
  ["Last Name", "last_name"],
  ["Phone Number", "phone"],
  ["TAGS", "tags"],
  ["OPTIN_TIME", "metadata.optin_time"],
  ["OPTIN_IP", "metadata.optin_ip"],
  ["CONFIRM_TIME", "metadata.confirm_time"],
  ["CONFIRM_IP", "metadata.confirm_ip"],
];

export const mailchimpSubscribed: SourceTable = {
  id: "mailchimp_subscribed",
  label: "Mailchimp export of subscribed contacts",
  signature,
  without: ["UNSUB_TIME", "CLEAN_TIME"],
  columns,
  status: [{ set: { status: "subscribed" } }],
};

export const mailchimpUnsubscribed: SourceTable = {
  id: "mailchimp_unsubscribed",
  label: "Mailchimp export of unsubscribed contacts",
  signature: [...signature, "UNSUB_TIME"],
  columns: [...columns, ["UNSUB_REASON", "metadata.unsub_reason"], ["UNSUB_TIME", "metadata.unsub_time"]],
  status: [{ set: { status: "unsubscribed" } }],
};

export const mailchimpCleaned: SourceTable = {
  id: "mailchimp_cleaned",
  label: "Mailchimp export of cleaned contacts",
  signature: [...signature, "CLEAN_TIME"],
  columns: [...columns, ["CLEAN_TIME", "metadata.clean_time"]],
  status: [{ set: { suppressed: true, suppressed_reason: "bounced" } }],
};
