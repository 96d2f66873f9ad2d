import { z } from "zod";
import { contactFilterSchema, contactSchema, filterHasCriteria, MAX_BATCH, segmentIdSchema, tagsSchema, type ContactFilter } from "@/lib/contacts/schemas";

const contactIds = z.array(z.string().max(100)).max(MAX_BATCH);

/**
 * A selection is explicit ids, or a list filter and/or a saved segment (minus some ids) for "all N
 * matching". A filter without criteria selects the whole workspace, so it takes `"all": true` to
 * say that is meant; a segment always has criteria.
 */
const selection = {
  ids: contactIds.min(1).optional(),
  filter: contactFilterSchema.optional(),
  segment: segmentIdSchema.optional(),
  all: z.boolean().optional().meta({ description: "Required to select every contact of the workspace (no filter, or a filter without criteria)." }),
  exclude_ids: contactIds.optional(),
  dry_run: z.boolean().default(false),
};
type Selection = { ids?: string[]; filter?: ContactFilter; segment?: string; all?: boolean };
const oneSelection = (b: Selection) => (b.ids ? !b.filter && !b.segment && !b.all : Boolean(b.filter || b.segment || b.all));
const oneSelectionIssue = { error: "Send either ids, or a filter and/or a segment", path: ["ids"] };
const deliberateSelection = (b: Selection) => Boolean(b.ids || b.all || b.segment || (b.filter && filterHasCriteria(b.filter)));
const deliberateSelectionIssue = {
  error: 'This filter has no criteria and would select every contact; send "all": true to mean that',
  path: ["filter"],
};

export const bulkStatusSchema = z
  .strictObject({ ...selection, reason: z.string().trim().min(1).max(100).optional() })
  .refine(oneSelection, oneSelectionIssue)
  .refine(deliberateSelection, deliberateSelectionIssue)
  .meta({ id: "BulkStatusRequest" });

export const bulkDeleteSchema = z
  .strictObject(selection)
  .refine(oneSelection, oneSelectionIssue)
  .refine(deliberateSelection, deliberateSelectionIssue)
  .meta({ id: "BulkDeleteRequest" });

export const bulkTagSchema = z
  .strictObject({ ...selection, add: tagsSchema.default([]), remove: tagsSchema.default([]) })
  .refine(oneSelection, oneSelectionIssue)
  .refine(deliberateSelection, deliberateSelectionIssue)
  .refine((b) => b.add.length + b.remove.length > 0, { error: "Send tags to add or remove", path: ["add"] })
  .meta({ id: "BulkTagRequest" });

/** A parsed bulk body; `segmentFilter` is its segment's filter once lib/segments resolved it. */
export type BulkRequest = z.output<typeof bulkStatusSchema> & Partial<z.output<typeof bulkTagSchema>> & { segmentFilter?: ContactFilter };
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

/** The answer to `dry_run: true`: what the selection matches now, without creating a job. */
export const bulkPreviewSchema = z
  .object({
    object: z.literal("bulk_preview"),
    dry_run: z.literal(true),
    matched: z.number().int(),
    sample: z.array(contactSchema).max(5).meta({ description: "Up to 5 of the matched contacts, newest first." }),
  })
  .meta({ id: "BulkPreview" });
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;
