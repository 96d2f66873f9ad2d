// Google Contacts CSV ("Export → Google CSV"), the current layout and the legacy one. Multi-value
// cells are joined with " ::: "; labels such as "* myContacts" are Google's own.
import type { SourceTable } from "./types";

const shared = {
  systemTags: ["myContacts", "starred"],
  labelPrefix: "* ",
} satisfies Partial<SourceTable>;

export const google: SourceTable = {
  id: "google",
  label: "Google Contacts export",
  signature: ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "File As", "Labels"],
  columns: [
    ["First Name", "first_name"],
    ["Last Name", "last_name"],
    [/^e mail \d+ value$/, "email"],
    [/^phone \d+ value$/, "phone"],
    ["Labels", "tags"],
    ["Organization Name", "metadata.company"],
    ["Organization Title", "metadata.job_title"],
    ["Photo", "ignore"],
  ],
  ...shared,
};

export const googleLegacy: SourceTable = {
  id: "google_legacy",
  label: "Google Contacts export (legacy layout)",
  signature: ["Name", "Given Name", "Additional Name", "Family Name", "Group Membership"],
  columns: [
    ["Given Name", "first_name"],
    ["Family Name", "last_name"],
    ["Name", "name"],
    [/^e mail \d+ value$/, "email"],
    [/^phone \d+ value$/, "phone"],
    ["Group Membership", "tags"],
    ["Organization 1 - Name", "metadata.company"],
    ["Organization 1 - Title", "metadata.job_title"],
    ["Photo", "ignore"],
  ],
  ...shared,
};
