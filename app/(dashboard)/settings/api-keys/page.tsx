import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { requireStaff } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const staff = await requireStaff();
  if (!staff.permissions.includes("manage_keys")) redirect("/contacts");
  return (
    <div className="max-w-4xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-500">Keys let integrations call the Rolo API for {staff.workspace.name}. Send them as <code>Authorization: Bearer sk_live_…</code>.</p>
      </div>
      <ApiKeysManager />
    </div>
  );
}
