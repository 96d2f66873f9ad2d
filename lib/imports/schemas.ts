import { z } from "zod";
import { mappingSchema } from "./mapping";

/** 100 MB; IMPORT_MAX_BYTES lowers it (tests). */
export const maxImportBytes = () => Number(process.env.IMPORT_MAX_BYTES ?? 100 * 1024 * 1024);
export const IMPORT_STATUSES = ["queued", "running", "completed", "failed", "canceled"] as const;

/** The form fields that come with the file (multipart), as strings. */
export const importOptionsSchema = z
  .object({
    mapping: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text) return {};
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: "mapping must be a JSON object" });
          return z.NEVER;
        }
      })
      .pipe(mappingSchema),
    on_conflict: z.enum(["update", "skip"]).default("update"),
  })
  .meta({ id: "ImportOptions" });

export const importSchema = z
  .object({
    id: z.string(),
    object: z.literal("import"),
    status: z.enum(IMPORT_STATUSES),
    file_name: z.string(),
    file_size: z.number().int(),
    on_conflict: z.enum(["update", "skip"]),
    mapping: z.record(z.string(), z.string()),
    total_rows: z.number().int().nullable(),
    processed_rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    failed_rows: z.number().int(),
    error: z.string().nullable(),
    errors_url: z.string(),
    created_at: z.iso.datetime(),
    started_at: z.iso.datetime().nullable(),
    finished_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "Import" });
export type ImportView = z.infer<typeof importSchema>;
