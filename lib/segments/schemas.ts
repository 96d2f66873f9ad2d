// One zod schema per segment shape, shared by the API, the dashboard and the OpenAPI document.
import { z } from "zod";
import { contactFilterSchema, filterHasCriteria, type ContactFilter } from "@/lib/contacts/schemas";

/** Keeps GET /segments (one count per segment) bounded. */
export const MAX_SEGMENTS = 100;

const name = z.string().trim().min(1).max(100);
const hasCriteria = (s: { filter?: ContactFilter }) => !s.filter || filterHasCriteria(s.filter);
const criteriaIssue = { error: "A segment needs at least one criterion", path: ["filter"] };

export const segmentCreateSchema = z
  .strictObject({ name, filter: contactFilterSchema })
  .refine(hasCriteria, criteriaIssue)
  .meta({ id: "SegmentCreate" });
export type SegmentCreateInput = z.output<typeof segmentCreateSchema>;

/** PATCH /segments/:id: a new name, a new filter (replacing the old one), or both. */
export const segmentUpdateSchema = z
  .strictObject({ name: name.optional(), filter: contactFilterSchema.optional() })
  .refine((s) => s.name !== undefined || s.filter !== undefined, { error: "Send a name or a filter", path: ["name"] })
  .refine(hasCriteria, criteriaIssue)
  .meta({ id: "SegmentUpdate" });
export type SegmentUpdateInput = z.output<typeof segmentUpdateSchema>;

export const segmentSchema = z
  .object({
    id: z.string(),
    object: z.literal("segment"),
    name: z.string(),
    filter: contactFilterSchema,
    count: z
      .number()
      .int()
      .optional()
      .meta({ description: "How many contacts match the filter now (exact). Always present on a single segment; in the list, present when it could be counted at once (else see `count_estimate`)." }),
    count_estimate: z
      .number()
      .int()
      .optional()
      .meta({ description: "In the list, instead of `count` when counting would hold up the page: the database's estimate. `GET /contacts/count?segment=` counts exactly." }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Segment" });
export type SegmentView = z.infer<typeof segmentSchema>;

/** Ids as the API hands them out; anything else cannot exist, so it is answered 404 without a query. */
export const isSegmentId = (id: string) => /^seg_[0-9A-Za-z]{1,64}$/.test(id);
