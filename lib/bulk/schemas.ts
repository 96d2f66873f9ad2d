import { z } from "zod";
import { contactFilterSchema, MAX_BATCH, tagsSchema } from "@/lib/contacts/schemas";

const contactIds = z.array(z.string().max(100)).max(MAX_BATCH);

/** A selection is explicit ids, or a list filter (minus some ids) for "all N matching". */
const selection = {
  ids: contactIds.min(1).optional(),
  filter: contactFilterSchema.optional(),
  exclude_ids: contactIds.optional(),
  dry_run: z.boolean().default(false),
};
const oneSelection = (b: { ids?: string[]; filter?: unknown }) => (b.ids ? !b.filter : Boolean(b.filter));
const oneSelectionIssue = { error: "Send either ids or filter", path: ["ids"] };

export const bulkStatusSchema = z
  .strictObject({ ...selection, reason: z.string().trim().min(1).max(100).optional() })
  .refine(oneSelection, oneSelectionIssue)
  .meta({ id: "BulkStatusRequest" });

export const bulkDeleteSchema = z.strictObject(selection).refine(oneSelection, oneSelectionIssue).meta({ id: "BulkDeleteRequest" });

export const bulkTagSchema = z
  .strictObject({ ...selection, add: tagsSchema.default([]), remove: tagsSchema.default([]) })
  .refine(oneSelection, oneSelectionIssue)
  .refine((b) => b.add.length + b.remove.length > 0, { error: "Send tags to add or remove", path: ["add"] })
  .meta({ id: "BulkTagRequest" });

export type BulkRequest = z.output<typeof bulkStatusSchema> & Partial<z.output<typeof bulkTagSchema>>;
export type BulkActionName = "subscribe" | "unsubscribe" | "tag" | "delete";

export const bulkJobSchema = z
  .object({
    id: z.string(),
    object: z.literal("bulk_job"),
    action: z.enum(["subscribe", "unsubscribe", "tag", "delete"]),
    status: z.enum(["queued", "running", "completed", "failed", "canceled"]),
    matched: z.number().int(),
    processed: z.number().int(),
    progress: z.number(),
    error: z.string().nullable(),
    created_at: z.iso.datetime(),
    finished_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "BulkJob" });
export type BulkJobView = z.infer<typeof bulkJobSchema>;
