// POST /contacts/import: streams the multipart upload into the database (never whole in
// memory), checks it is a non-empty CSV, and queues the job. Nothing is kept if anything fails.
import { Readable } from "node:stream";
import busboy from "busboy";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError, zodIssues } from "@/lib/api/errors";
import { importOptionsSchema, maxImportBytes } from "./schemas";
import { detectEncoding, isGzip, looksBinary } from "./sniff";
import { storeMapping, storePieces } from "./storage";
import { enqueue } from "@/lib/jobs/queue";
import { serializeImport } from "./view";
import { workspaceDefaultCountry } from "@/lib/workspaces/settings";
import type { ClaimIdempotency } from "@/lib/api/idempotency";

const CSV_NAME = /\.(csv|tsv|txt|vcf|vcard)(\.gz)?$|\.gz$/i;

/** `claimIdempotency` is called once the upload is stored: an Idempotency-Key covers the file's content. */
export async function createImport({ workspaceId, req, claimIdempotency }: { workspaceId: string; req: Request; claimIdempotency?: ClaimIdempotency }) {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new ApiError("unsupported_media_type", "Upload the CSV as multipart/form-data in a field named file");
  }
  if (!/;\s*boundary=/i.test(contentType)) {
    throw new ApiError("invalid_request", "The Content-Type multipart/form-data needs its boundary parameter; let your HTTP client build the form");
  }
  if (Number(req.headers.get("content-length") ?? 0) > maxImportBytes() + 1024 * 1024) throw tooLarge();
  if (!req.body) throw new ApiError("invalid_request", "The request has no body");
  const importId = newId("imp");
  const ref = { workspaceId, importId };

  const row = await db.$transaction(
    async (tx) => {
      await tx.import.create({ data: { workspaceId, id: importId, fileName: "", fileSize: 0 } });
      const fields: Record<string, string> = {};
      let file: { name: string; size: number; head: Buffer; truncated: boolean; sha256: string } | null = null;
      await new Promise<void>((resolve, reject) => {
        let stored: Promise<void> = Promise.resolve();
        const parser = busboy({
          headers: { "content-type": contentType },
          limits: { fileSize: maxImportBytes(), files: 1, fields: 20, fieldSize: 1024 * 1024 },
        });
        parser.on("field", (name, value) => (fields[name] = value));
        parser.on("file", (name, stream, info) => {
          if (name !== "file" || file) return void stream.resume();
          const entry = { name: info.filename ?? "upload.csv", size: 0, head: Buffer.alloc(0), truncated: false, sha256: "" };
          file = entry;
          stream.on("limit", () => (entry.truncated = true));
          stored = storePieces(tx, ref, stream).then((piece) => void Object.assign(entry, piece));
          stored.catch(() => stream.resume());
        });
        parser.on("close", () => stored.then(resolve, reject));
        parser.on("error", (e) => reject(new ApiError("invalid_request", `The upload is not valid multipart data: ${(e as Error).message}`)));
        Readable.fromWeb(req.body as import("node:stream/web").ReadableStream).on("error", reject).pipe(parser);
      });

      const upload = file as { name: string; size: number; head: Buffer; truncated: boolean; sha256: string } | null;
      if (!upload) throw new ApiError("validation_error", "Send the CSV file in a form field named file", [{ path: "file", message: "Required" }]);
      if (upload.truncated) throw tooLarge();
      if (upload.size === 0) throw new ApiError("validation_error", "The file is empty", [{ path: "file", message: "The file is empty" }]);
      if (!CSV_NAME.test(upload.name) && !isGzip(upload.head)) {
        throw new ApiError("unsupported_media_type", `"${upload.name}" is not a CSV or vCard file (.csv, .tsv, .txt or .vcf, optionally .gz)`);
      }
      if (!isGzip(upload.head) && looksBinary(upload.head, detectEncoding(upload.head).encoding)) {
        throw new ApiError("unsupported_media_type", `"${upload.name}" is a binary file, not a CSV`);
      }
      const options = importOptionsSchema.safeParse(fields);
      if (!options.success) throw new ApiError("validation_error", "The import options are invalid", zodIssues(options.error));
      // The same file content, name and options make the same request; a replay rolls this one back.
      await claimIdempotency?.(JSON.stringify({ sha256: upload.sha256, name: upload.name, fields: Object.entries(fields).sort() }));
      const row = await tx.import.update({
        where: { workspaceId_id: { workspaceId, id: importId } },
        data: {
          fileName: upload.name.slice(0, 255),
          fileSize: upload.size,
          onConflict: options.data.on_conflict,
          defaultCountry: options.data.default_country ?? (await workspaceDefaultCountry(workspaceId)),
          resubscribe: options.data.resubscribe,
          allowErased: options.data.allow_erased,
        },
      });
      await storeMapping(tx, { workspaceId, id: importId }, options.data.mapping);
      return { ...row, mapping: options.data.mapping };
    },
    { timeout: 15 * 60_000, maxWait: 30_000 },
  );
  await enqueue("import", { workspaceId, id: importId });
  return serializeImport(row);
}

const tooLarge = () => new ApiError("payload_too_large", `The file must be at most ${maxImportBytes() / 1024 / 1024} MB`);
