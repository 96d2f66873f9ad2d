// npm run rolo -- <command>: the admin CLI. Works beside a running `npm start` (it reuses the
// embedded PostgreSQL that is already up) or alone (it starts and stops it).
import { parseArgs } from "node:util";
import { prepareDatabase } from "@/lib/db/resolve";

const USAGE = `Usage: npm run rolo -- <command> [options]

  create-workspace --name NAME --slug SLUG
  create-user      --email EMAIL --password PASSWORD --workspace SLUG [--role owner|admin|member|viewer] [--name NAME]
  create-api-key   --workspace SLUG [--name NAME] [--scope full|read_only]   (prints the secret alone)
  migrate`;

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    name: { type: "string" },
    slug: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    workspace: { type: "string" },
    role: { type: "string" },
    scope: { type: "string" },
  },
  strict: true,
});

function required(name: keyof typeof values) {
  const value = values[name];
  if (!value) throw new Error(`--${name} is required\n\n${USAGE}`);
  return value;
}

const database = await prepareDatabase((line) => console.error(`[db] ${line}`));
let exitCode = 0;
try {
  const { createWorkspace, findWorkspaceBySlug } = await import("@/lib/workspaces/workspaces");
  switch (command) {
    case "create-workspace": {
      const ws = await createWorkspace({ name: required("name"), slug: required("slug") });
      console.log(`Created workspace ${ws.slug} (${ws.id})`);
      break;
    }
    case "create-user": {
      const { addUserToWorkspace } = await import("@/lib/users/users");
      const ws = await findWorkspaceBySlug(required("workspace"));
      const user = await addUserToWorkspace(ws.id, {
        email: required("email"),
        password: required("password"),
        name: values.name,
        role: (values.role ?? "member") as "member",
      });
      console.log(`User ${user.email} is ${values.role ?? "member"} of ${ws.slug}`);
      break;
    }
    case "create-api-key": {
      const { createApiKey } = await import("@/lib/api-keys/api-keys");
      const { apiKeyCreateSchema } = await import("@/lib/api-keys/schemas");
      const ws = await findWorkspaceBySlug(required("workspace"));
      const input = apiKeyCreateSchema.parse({ name: values.name, scope: values.scope });
      const key = await createApiKey({ workspaceId: ws.id, input });
      console.log(key.secret);
      break;
    }
    case "migrate":
      console.error("Migrations are up to date.");
      break;
    default:
      console.error(USAGE);
      exitCode = command ? 1 : 0;
  }
} catch (error) {
  const e = error as { message: string; details?: unknown };
  console.error(`Error: ${e.message}${e.details ? `\n${JSON.stringify(e.details, null, 2)}` : ""}`);
  exitCode = 1;
} finally {
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();
  await database.stop();
}
process.exit(exitCode);
