import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { requireStaffWith } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const staff = await requireStaffWith("manage_keys");
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
