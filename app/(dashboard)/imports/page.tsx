import type { Metadata } from "next";
import { ImportWizard } from "@/components/imports/import-wizard";
import { requireStaffWith } from "@/lib/auth/current-user";
import { PHONE_COUNTRIES } from "@/lib/contacts/phone";
import { getWorkspace } from "@/lib/workspaces/settings";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportsPage() {
  const staff = await requireStaffWith("write");
  const workspace = await getWorkspace({ workspaceId: staff.workspace.id });
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">Import contacts</h1>
      {/* The country list is computed here so that the phone library's metadata stays out of the page's JavaScript. */}
      <ImportWizard countries={PHONE_COUNTRIES} defaultCountry={workspace.default_country} />
    </div>
  );
}
