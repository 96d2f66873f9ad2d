import type { Metadata } from "next";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { requireStaffWith } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const staff = await requireStaffWith("manage_webhooks");
  return (
    <div className="max-w-5xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-sm text-slate-500">
          Rolo POSTs a signed message (Standard Webhooks) to these endpoints when contacts of {staff.workspace.name} change and when imports and
          bulk actions complete. Failed deliveries are retried for about a day.
        </p>
      </div>
      <WebhooksManager />
    </div>
  );
}
