// Test data made through the real domain functions (never through mocks).
import { randomBase62 } from "@/lib/ids";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { createApiKey } from "@/lib/api-keys/api-keys";

export async function createTestWorkspace() {
  const slug = `t-${randomBase62(10).toLowerCase()}`;
  const workspace = await createWorkspace({ name: `Test ${slug}`, slug });
  const full = await createApiKey({ workspaceId: workspace.id, input: { name: "full", scope: "full" } });
  const readOnly = await createApiKey({ workspaceId: workspace.id, input: { name: "read", scope: "read_only" } });
  return { workspace, key: full.secret, readOnlyKey: readOnly.secret };
}
