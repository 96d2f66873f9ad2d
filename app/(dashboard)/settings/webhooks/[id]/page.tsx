import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { requireStaffWith } from "@/lib/auth/current-user";
import { ApiError } from "@/lib/api/errors";
import { getWebhook } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaffWith("manage_webhooks");
  const endpoint = await getWebhook({ workspaceId: staff.workspace.id, id }).catch((error) => {
    if (error instanceof ApiError && error.code === "not_found") return null;
    throw error;
  });
  if (!endpoint) notFound();
  return (
    <div className="max-w-6xl space-y-4">
      <div>
        <Link href="/settings/webhooks" className="text-sm text-indigo-700 hover:underline">
          ← Webhooks
        </Link>
        <h1 className="text-2xl font-semibold">Webhook deliveries</h1>
      </div>
      <DeliveryLog endpoint={endpoint} />
    </div>
  );
}
