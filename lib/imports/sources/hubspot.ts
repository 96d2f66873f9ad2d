// HubSpot contact exports ("Export view"): consent comes from "Unsubscribed from all email" and
// "Marketing contact status".
import type { SourceTable } from "./types";

export const hubspot: SourceTable = {
  id: "hubspot",
  label: "HubSpot export",
  signature: ["Record ID", "First Name", "Last Name", "Email"],
  columns: [
    ["Email", "email"],
    ["First Name", "first_name"],
    ["Last Name", "last_name"],
    ["Phone Number", "phone"],
    ["Mobile Phone Number", "phone"],
    ["Record ID", "metadata.hubspot_record_id"],
  ],
  status: [
    { when: { column: "Unsubscribed from all email", is: ["true", "yes"] }, set: { status: "unsubscribed" } },
    { when: { column: "Marketing contact status", is: ["marketing contact"] }, set: { status: "subscribed" } },
  ],
};
