// GET /api/v1/contacts/metadata-keys: the workspace's most common metadata keys (filter suggestions).
import { apiRoute } from "@/lib/api/handler";
import { listMetadataKeys } from "@/lib/contacts/metadata-keys";

export const GET = apiRoute({ permission: "read" }, async ({ principal }) => ({
  data: await listMetadataKeys({ workspaceId: principal.workspaceId }),
}));

export * from "@/lib/api/other-methods";
