// next-auth: email + password (argon2id) → a JWT session that names the active workspace and the
// user's session version (bumped to revoke every session of the user).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { clientAddress } from "@/lib/http/forwarded";
import { revokeSessions } from "@/lib/users/users";
import { safeRedirectPath } from "./redirect";
import { signInWithPassword } from "./sign-in";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login" },
  // Secure cookies when the public URL is https (next-auth's own default, stated here on purpose).
  useSecureCookies: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const ip = clientAddress(new Headers((req?.headers ?? {}) as Record<string, string>));
        return signInWithPassword({ email: credentials.email.slice(0, 320), password: credentials.password, ip });
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        const signedIn = user as { workspaceId?: string; sessionVersion?: number };
        token.workspaceId = signedIn.workspaceId;
        token.sessionVersion = signedIn.sessionVersion ?? 0;
      }
      // Workspace switcher: only to a workspace the user belongs to.
      if (trigger === "update" && typeof session?.workspaceId === "string" && token.sub) {
        const member = await db.membership.findUnique({
          where: { workspaceId_userId: { workspaceId: session.workspaceId, userId: token.sub } },
        });
        if (member) token.workspaceId = session.workspaceId;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, workspaceId: token.workspaceId, sessionVersion: token.sessionVersion ?? 0 };
    },
    // After sign-in (or sign-out) only to a path of our own origin, whatever callbackUrl said.
    async redirect({ url, baseUrl }) {
      return `${new URL(baseUrl).origin}${safeRedirectPath(url, baseUrl, "/contacts")}`;
    },
  },
  events: {
    // Signing out ends the session server-side: the cookie stops working even if it was copied.
    async signOut({ token }) {
      if (token?.sub) await revokeSessions(token.sub);
    },
  },
};
