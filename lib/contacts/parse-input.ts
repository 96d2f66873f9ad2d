// Contact input parsed with the workspace's phone country: a national number ("(415) 555-0101")
// is read in the workspace's default country. The lookup happens only when a phone needs it.
import { workspaceDefaultCountry } from "@/lib/workspaces/settings";
import { DEFAULT_COUNTRY } from "./phone";
import { contactSchemasIn } from "./schemas";

const isNational = (item: unknown) => {
  const phone = item !== null && typeof item === "object" ? (item as { phone?: unknown }).phone : undefined;
  return typeof phone === "string" && !phone.trim().startsWith("+");
};

/** The country to read `items`' phone numbers in: the workspace's when any of them is national. */
export async function phoneCountryFor(workspaceId: string, items: unknown[]) {
  return items.some(isNational) ? workspaceDefaultCountry(workspaceId) : DEFAULT_COUNTRY;
}

/** POST /contacts. */
export async function parseContactCreate(workspaceId: string, body: unknown) {
  return contactSchemasIn(await phoneCountryFor(workspaceId, [body])).create.parse(body);
}

/** PATCH and PUT /contacts/:id. */
export async function parseContactUpdate(workspaceId: string, body: unknown) {
  return contactSchemasIn(await phoneCountryFor(workspaceId, [body])).update.parse(body);
}
