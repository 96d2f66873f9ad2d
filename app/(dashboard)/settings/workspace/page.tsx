import type { Metadata } from "next";
import { DefaultCountryForm } from "@/components/settings/default-country-form";
import { requireStaffWith } from "@/lib/auth/current-user";
import { PHONE_COUNTRIES } from "@/lib/contacts/phone";
import { getWorkspace } from "@/lib/workspaces/settings";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage() {
  const staff = await requireStaffWith("manage_keys");
  const workspace = await getWorkspace({ workspaceId: staff.workspace.id });
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Workspace settings</h1>
      <DefaultCountryForm countries={PHONE_COUNTRIES} current={workspace.default_country} />
    </div>
  );
}
