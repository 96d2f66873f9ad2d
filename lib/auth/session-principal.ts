// The dashboard's calls to /api/v1 carry the next-auth session cookie instead of an API key.
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/principal";
import { requestOrigin } from "@/lib/http/forwarded";
import { ROLE_PERMISSIONS, type Role } from "./roles";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(req: Request, name: string) {
  const header = req.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/**
 * Cookie-authenticated writes must come from our own pages (CSRF): the Origin must equal ours in
 * scheme, host and port (forwarded headers count only behind a trusted proxy, see requestOrigin).
 */
function sameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  if (!origin) return fetchSite === "same-origin";
  const ours = requestOrigin(req.headers);
  try {
    return ours !== null && new URL(origin).origin === new URL(ours).origin;
  } catch {
    return false;
  }
}

export async function sessionPrincipal(req: Request): Promise<Principal | null> {
  const raw = SESSION_COOKIES.map((name) => readCookie(req, name)).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: process.env.NEXTAUTH_SECRET ?? "" }).catch(() => null);
  const userId = token?.sub;
  const workspaceId = typeof token?.workspaceId === "string" ? token.workspaceId : undefined;
  if (!userId || !workspaceId) return null;
  if (!["GET", "HEAD"].includes(req.method) && !sameOrigin(req)) {
    throw new ApiError("forbidden", "Cross-site requests with a session cookie are refused");
  }
  // One query by primary keys answers both: still a member, and the session not revoked since.
  const [membership] = await db.$queryRaw<{ role: Role; session_version: number; email: string }[]>`
    SELECT m.role::text AS role, u.session_version, u.email::text AS email FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = ${workspaceId} AND m.user_id = ${userId}`;
  if (!membership || membership.session_version !== (token?.sessionVersion ?? 0)) return null;
  return {
    workspaceId,
    ownerId: userId,
    kind: "user",
    permissions: ROLE_PERMISSIONS[membership.role],
    source: "dashboard",
    name: membership.email,
  };
}
