// next-auth's own endpoints (sign-in, sign-out, session, CSRF token). A throttled credentials
// sign-in is answered here with 429 and Retry-After before next-auth (or a password hash) runs;
// next-auth's cookies are marked Secure whenever the request came over https.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { throttledSignInResponse } from "@/lib/auth/sign-in";
import { secureCookies } from "@/lib/http/security-headers";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions);

export async function GET(req: Request, ctx: Context) {
  return secureCookies(req, await handler(req, ctx));
}

export async function POST(req: Request, ctx: Context) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const throttled = await throttledSignInResponse(req);
    if (throttled) return throttled;
  }
  return secureCookies(req, await handler(req, ctx));
}
