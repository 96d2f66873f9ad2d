// What POST /contacts/:id/erase answers, read by the handler and the OpenAPI document.
import { z } from "zod";

export const erasureSchema = z
  .object({
    object: z.literal("erasure"),
    contact_id: z.string(),
    erased: z.literal(true),
    tombstones: z
      .array(z.enum(["email", "phone"]))
      .meta({ description: "What is kept of the contact: a keyed hash (never the value) of each of these fields it had." }),
    erased_at: z.iso.datetime(),
  })
  .meta({ id: "Erasure" });
export type ErasureView = z.infer<typeof erasureSchema>;
