import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    workspaceId?: string;
    /** The user's session_version at sign-in; a newer one in the database revokes this session. */
    sessionVersion?: number;
  }
}
