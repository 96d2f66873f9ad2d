// Webhook endpoints of a workspace: create (with its signing secret), list, get, update, delete.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError, notFound } from "@/lib/api/errors";
import { targetProblem } from "./ssrf";
import { isEndpointId, MAX_ENDPOINTS, type WebhookCreateInput, type WebhookUpdateInput } from "./schemas";
import { serializeEndpoint } from "./view";

type Client = Pick<typeof db, "webhookEndpoint">;
type Ref = { workspaceId: string; id: string };

/** Standard Webhooks secret: `whsec_` and 24 random bytes in base64 (the HMAC key). */
export const generateWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/** Refuses (400 on `url`) a target that is or resolves to a non-public address. */
async function assertTarget(url: string) {
  const problem = await targetProblem(url);
  if (problem) throw new ApiError("validation_error", "The URL is not a public address", [{ path: "url", message: problem }]);
}

/** The workspace's endpoint with this id; other workspaces' ids answer 404 like missing ones. */
export async function findEndpoint({ workspaceId, id }: Ref, client: Client = db) {
  const endpoint = isEndpointId(id) ? await client.webhookEndpoint.findUnique({ where: { workspaceId_id: { workspaceId, id } } }) : null;
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

/** Creates the endpoint and answers its secret, the only time the API shows it. */
export async function createWebhook({ workspaceId, input }: { workspaceId: string; input: WebhookCreateInput }) {
  await assertTarget(input.url);
  const endpoint = await db.$transaction(async (tx) => {
    // Serialises concurrent creates of one workspace, so the limit holds.
    await tx.$executeRaw`SELECT 1 FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`;
    if ((await tx.webhookEndpoint.count({ where: { workspaceId } })) >= MAX_ENDPOINTS) {
      throw new ApiError("conflict", `A workspace holds at most ${MAX_ENDPOINTS} webhook endpoints; delete one first`);
    }
    return tx.webhookEndpoint.create({
      data: {
        workspaceId,
        id: newId("whk"),
        url: input.url,
        description: input.description ?? null,
        events: input.events,
        enabled: input.enabled,
        secret: generateWebhookSecret(),
      },
    });
  });
  return { ...serializeEndpoint(endpoint), secret: endpoint.secret };
}

/**
 * What an Idempotency-Key replay of a creation answers: the secret is not copied into the stored
 * response, so the replay cannot show it again.
 */
export const secretShownOnce = () =>
  new ApiError(
    "conflict",
    "This Idempotency-Key already created a webhook endpoint. Its secret is shown only once; if it was lost, delete that endpoint and create a new one.",
  );

export async function listWebhooks({ workspaceId }: { workspaceId: string }) {
  const endpoints = await db.webhookEndpoint.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { object: "list" as const, data: endpoints.map(serializeEndpoint), has_more: false, next_cursor: null };
}

export async function getWebhook(ref: Ref) {
  return serializeEndpoint(await findEndpoint(ref));
}

/** Changes the endpoint; disabling it also gives up its pending messages (marked failed, replayable). */
export async function updateWebhook({ workspaceId, id, input }: Ref & { input: WebhookUpdateInput }) {
  await findEndpoint({ workspaceId, id });
  if (input.url !== undefined) await assertTarget(input.url);
  const endpoint = await db.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { workspaceId_id: { workspaceId, id } },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        updatedAt: new Date(),
      },
    });
    if (input.enabled === false) {
      await tx.webhookDelivery.updateMany({
        where: { workspaceId, endpointId: id, status: "pending" },
        data: { status: "failed", nextAttemptAt: null, lastError: "The endpoint was disabled" },
      });
    }
    return updated;
  });
  return serializeEndpoint(endpoint);
}

/** Deletes the endpoint with its delivery log. */
export async function deleteWebhook({ workspaceId, id }: Ref) {
  const { count } = isEndpointId(id) ? await db.webhookEndpoint.deleteMany({ where: { workspaceId, id } }) : { count: 0 };
  if (!count) throw notFound("Webhook endpoint");
}
