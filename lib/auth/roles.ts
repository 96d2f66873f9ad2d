import type { Permission } from "@/lib/api/principal";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** owner/admin: everything incl. API keys, webhooks and erasure; member: contacts, imports, bulk; viewer: read. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(["read", "write", "manage_keys", "manage_webhooks", "erase"]),
  admin: new Set(["read", "write", "manage_keys", "manage_webhooks", "erase"]),
  member: new Set(["read", "write"]),
  viewer: new Set(["read"]),
};
