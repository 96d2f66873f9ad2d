import { z } from "zod";
import { countrySchema } from "@/lib/contacts/phone";
import { mappingSchema } from "./mapping";
import { SOURCE_IDS } from "./sources";
import { MAX_COLUMNS } from "./limits";

/** 100 MB; IMPORT_MAX_BYTES lowers it (tests). */
export const maxImportBytes = () => Number(process.env.IMPORT_MAX_BYTES ?? 100 * 1024 * 1024);
export const IMPORT_STATUSES = ["queued", "running", "completed", "failed", "canceled"] as const;

/** The form fields that come with the file (multipart), as strings. */
export const importOptionsSchema = z
  .object({
    mapping: z
      .string()
      .meta({ description: "A JSON object: CSV header → a field name, `metadata.<key>` or `ignore`. Headers left out are guessed; unknown ones go to metadata." })
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
    on_conflict: z
      .enum(["update", "skip"])
      .meta({ description: "What happens to a row whose email (else phone) is already a contact: update it, or leave it as it is." })
      .default("update"),
    default_country: countrySchema
      .optional()
      .meta({ description: "Country national phone numbers in the file are read in (ISO 3166-1 alpha-2); default: the workspace's." }),
    resubscribe: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => v === "true")
      .meta({ description: "`true` lets the file subscribe people who unsubscribed or were suppressed. Otherwise they stay as they are and are counted in `kept_unsubscribed`." }),
    allow_erased: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => v === "true")
      .meta({ description: "`true` lets the file bring back the email or phone of contacts that were erased (the people asked to be added again). Otherwise such rows fail as erased and are listed in the error report." }),
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
    kept_unsubscribed: z.number().int().meta({ description: "Rows that asked to subscribe someone who had unsubscribed or was suppressed; they were kept as they were (listed in the error report)." }),
    detected_source: z.enum(SOURCE_IDS).nullable().meta({ description: "The layout recognised from the header row (known once the job has started), or null." }),
    default_country: z.string(),
    resubscribe: z.boolean(),
    allow_erased: z.boolean().meta({ description: "Whether the file may bring back the email or phone of erased contacts." }),
    error: z.string().nullable(),
    errors_url: z.string(),
    created_at: z.iso.datetime(),
    started_at: z.iso.datetime().nullable(),
    finished_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "Import" });
export type ImportView = z.infer<typeof importSchema>;

/** POST /contacts/import/mapping: a file's header row, to hear what the import would do with it. */
export const importMappingRequestSchema = z
  .strictObject({ headers: z.array(z.string().max(500)).min(1).max(MAX_COLUMNS) })
  .meta({ id: "ImportMappingRequest" });

export const importMappingSchema = z
  .object({
    object: z.literal("import_mapping"),
    detected_source: z.enum(SOURCE_IDS).nullable(),
    description: z.string().nullable().meta({ description: "What was recognised, in one sentence." }),
    mapping: z.record(z.string(), z.string()).meta({ description: "Header → field, `metadata.<key>` or `ignore`: the saved mapping for this header row, else the proposal." }),
    saved: z.boolean().meta({ description: "true when the mapping is one this workspace confirmed for the same header row before." }),
  })
  .meta({ id: "ImportMapping" });
export type ImportMappingView = z.infer<typeof importMappingSchema>;
