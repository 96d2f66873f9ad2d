// POST /api/v1/contacts/:id/erase: deletes the contact for good, keeping only keyed hashes of its
// email and phone so the address is refused later. Any body is ignored.
import { apiRoute } from "@/lib/api/handler";
import { eraseContact } from "@/lib/erasure/erase-contact";

type Params = { id: string };

export const POST = apiRoute<Params>({ permission: "erase" }, async ({ principal, params }) => ({
  data: await eraseContact({ workspaceId: principal.workspaceId, id: params.id }),
}));

export * from "@/lib/api/other-methods";
