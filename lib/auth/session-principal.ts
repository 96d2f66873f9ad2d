// The dashboard's calls to /api/v1 carry the next-auth session cookie instead of an API key.
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/principal";
import { ROLE_PERMISSIONS } from "./roles";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(req: Request, name: string) {
  const header = req.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** Cookie-authenticated writes must come from our own pages (CSRF). */
function sameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  if (!origin) return fetchSite === "same-origin";
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
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
  const membership = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  if (!membership) return null;
  return {
    workspaceId,
    ownerId: userId,
    kind: "user",
    permissions: ROLE_PERMISSIONS[membership.role],
    source: "dashboard",
  };
}
