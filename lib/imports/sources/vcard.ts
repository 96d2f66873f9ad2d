// vCard files: every card is read into the fixed columns of lib/imports/vcard.ts, mapped here.
import { VCARD_HEADERS } from "../vcard";
import type { SourceTable } from "./types";

export const vcard: SourceTable = {
  id: "vcard",
  label: "vCard file",
  signature: VCARD_HEADERS,
  columns: [
    ["First Name", "first_name"],
    ["Last Name", "last_name"],
    ["Full Name", "name"],
    ["Email", "email"],
    ["Phone", "phone"],
    ["Categories", "tags"],
    ["Organization", "metadata.company"],
    ["Title", "metadata.job_title"],
    ["Note", "metadata.note"],
    ["Birthday", "metadata.birthday"],
    ["Address", "metadata.address"],
    ["Website", "metadata.website"],
  ],
  systemTags: ["myContacts", "starred"],
};
