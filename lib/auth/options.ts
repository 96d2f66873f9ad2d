// next-auth: email + password (argon2id) → a JWT session that names the active workspace.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { verifyLogin } from "@/lib/users/users";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await verifyLogin(credentials.email, credentials.password);
        const first = user?.memberships[0];
        if (!user || !first) return null;
        return { id: user.id, email: user.email, name: user.name, workspaceId: first.workspaceId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) token.workspaceId = (user as { workspaceId?: string }).workspaceId;
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
      return { ...session, userId: token.sub, workspaceId: token.workspaceId };
    },
  },
};
