// After a write that queued webhook messages (and committed), a worker should send them soon
// rather than at the next sweep. Kicks within a short window share one queue job, and a failed
// kick only delays the messages until the sweep: it never fails the write.
import { db } from "@/lib/db/client";

const WINDOW_MS = 100;
let pending: Promise<void> | null = null;

export function kickWebhookDrain(): Promise<void> {
  return (pending ??= new Promise<void>((resolve) => setTimeout(resolve, WINDOW_MS))
    .then(async () => {
      pending = null; // kicks from now on need a job of their own: this one may already be running
      // Imported when called: the queue imports the import and bulk processors, which kick.
      const { enqueueWebhookDrain } = await import("@/lib/jobs/queue");
      await enqueueWebhookDrain();
    })
    .catch((error) => console.error("[webhooks] could not queue a drain:", (error as Error).message)));
}

/**
 * After an API write: kicks only when the workspace has an enabled endpoint (one primary-key
 * range probe), as writes elsewhere queue nothing.
 */
export async function kickIfSubscribed(workspaceId: string): Promise<void> {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { workspaceId, enabled: true }, select: { id: true } });
  if (endpoint) await kickWebhookDrain();
}
