// Who is calling: an API key (integrations) or a signed-in staff member (the dashboard).
import { authenticateKey } from "@/lib/api-keys/authenticate";
import { sessionPrincipal } from "@/lib/auth/session-principal";
import { ApiError } from "./errors";

/** manage_webhooks and erase belong to owners, admins and full-scope keys (which only they can mint). */
export type Permission = "read" | "write" | "manage_keys" | "manage_webhooks" | "erase";

export interface Principal {
  workspaceId: string;
  /** Rate-limit and idempotency owner: the key id or the user id. */
  ownerId: string;
  kind: "api_key" | "user";
  permissions: ReadonlySet<Permission>;
  /** `source` recorded on contacts this principal creates. */
  source: "api" | "dashboard";
  /** Shown as the actor of the changes this principal makes: the key's name or the user's email. */
  name: string | null;
}

/** What each API key scope may do (read by the OpenAPI document to say who gets a 403). */
export const KEY_PERMISSIONS = {
  full: new Set<Permission>(["read", "write", "manage_webhooks", "erase"]),
  read_only: new Set<Permission>(["read"]),
};

export async function authenticate(req: Request): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const identity = match ? await authenticateKey(match[1]) : null;
    if (!identity) throw new ApiError("unauthorized", "The API key is missing, malformed or revoked");
    return {
      workspaceId: identity.workspaceId,
      ownerId: identity.keyId,
      kind: "api_key",
      permissions: KEY_PERMISSIONS[identity.scope],
      source: "api",
      name: identity.name,
    };
  }
  const principal = await sessionPrincipal(req);
  if (!principal) throw new ApiError("unauthorized", "Send an API key as Authorization: Bearer sk_live_…");
  return principal;
}

export function authorize(principal: Principal, permission: Permission) {
  if (!principal.permissions.has(permission)) {
    const why = principal.kind === "api_key" ? "This API key is read-only" : "Your role does not allow this action";
    throw new ApiError("forbidden", why);
  }
}
