// rolo.contacts.imports: CSV or vCard upload (multipart, field `file`), status, cancel, rejected rows.
import { pollUntilDone, type WaitOptions } from "../core/poll.js";
import type { RawBody, RequestOptions, Transport } from "../core/transport.js";

export type ImportStatus = "queued" | "running" | "completed" | "failed" | "canceled";

/** The layout recognised from a file's header row (more may be added). */
export type ImportSource =
  | "google"
  | "google_legacy"
  | "outlook"
  | "outlook_com"
  | "outlook_de"
  | "mailchimp_subscribed"
  | "mailchimp_unsubscribed"
  | "mailchimp_cleaned"
  | "hubspot"
  | "rolo"
  | "vcard"
  | (string & {});

export interface Import {
  id: string;
  object: "import";
  status: ImportStatus;
  file_name: string;
  file_size: number;
  on_conflict: "update" | "skip";
  /** CSV header → `email`, `first_name`, …, `metadata.<key>` or `ignore`. */
  mapping: Record<string, string>;
  total_rows: number | null;
  processed_rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed_rows: number;
  /**
   * Rows that would have re-subscribed someone who unsubscribed or was suppressed, kept as they
   * were because `resubscribe` was not true (each is listed in `errors()`).
   */
  kept_unsubscribed: number;
  /** The layout recognised from the header row (known once the job has started), or null. */
  detected_source: ImportSource | null;
  /** The country national phone numbers were read in (ISO 3166-1 alpha-2). */
  default_country: string;
  /** Whether the file could re-subscribe people who opted out. */
  resubscribe: boolean;
  /** Whether the file could bring back emails and phones of erased contacts. */
  allow_erased: boolean;
  error: string | null;
  errors_url: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportList {
  object: "list";
  /** The most recent imports, newest first. */
  data: Import[];
}

/**
 * A Blob (or File), Buffer/Uint8Array or ArrayBuffer can be re-sent, so the upload is retried like
 * any write. A stream (web ReadableStream, Node Readable, any async iterable) is read once and
 * never retried.
 */
export type Uploadable = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export interface ImportCreateParams {
  /** The CSV or vCard file (≤ 100 MB, may be gzipped). */
  file: Uploadable;
  /** Default: the File's name, else `contacts.csv`. */
  filename?: string;
  /** CSV header → `email`, `first_name`, …, `metadata.<key>` or `ignore`; unmapped columns go to metadata. */
  mapping?: Record<string, string>;
  /** What happens to contacts that already exist (default `update`). */
  on_conflict?: "update" | "skip";
  /**
   * `true` lets the file subscribe people who unsubscribed or were suppressed; otherwise
   * (default) they stay as they are and are counted in `kept_unsubscribed`.
   */
  resubscribe?: boolean;
  /** The country national phone numbers in the file are read in (ISO 3166-1 alpha-2, e.g. `"GB"`); default: the workspace's. */
  default_country?: string;
  /** `true` imports rows with the email or phone of an erased contact; otherwise they fail with reason `erased`. */
  allow_erased?: boolean;
  /** Other form fields the API accepts later are sent as they are. */
  [field: string]: unknown;
}

const importPath = (id: string) => `/contacts/import/${encodeURIComponent(id)}`;

export class Imports {
  constructor(private readonly transport: Transport) {}

  /** POST /contacts/import → 202 with the queued import; follow it with `wait(id)`. */
  create(params: ImportCreateParams, options?: RequestOptions): Promise<Import> {
    const { file, filename, ...fields } = params;
    const name = filename ?? (file as { name?: unknown }).name;
    const raw = multipart(fields, file, typeof name === "string" && name ? name : "contacts.csv");
    return this.transport.request({ method: "POST", path: "/contacts/import", raw, options });
  }

  get(id: string, options?: RequestOptions): Promise<Import> {
    return this.transport.request({ method: "GET", path: importPath(id), options });
  }

  /** GET /contacts/import: the last 50 imports. */
  list(options?: RequestOptions): Promise<ImportList> {
    return this.transport.request({ method: "GET", path: "/contacts/import", options });
  }

  /** Stops a queued or running import; a finished one is a ConflictError. */
  cancel(id: string, options?: RequestOptions): Promise<Import> {
    return this.transport.request({ method: "POST", path: `${importPath(id)}/cancel`, options });
  }

  /** The rejected rows as CSV text: `line,row,reason`. */
  errors(id: string, options?: RequestOptions): Promise<string> {
    return this.transport.request({ method: "GET", path: `${importPath(id)}/errors`, accept: "text", options });
  }

  /** Polls until the import is completed, failed or canceled, and returns it. */
  wait(id: string, options?: WaitOptions): Promise<Import> {
    return pollUntilDone(() => this.get(id, options), options);
  }
}

const encoder = new TextEncoder();

/** multipart/form-data by hand, so that a stream can be uploaded without reading it into memory. */
function multipart(fields: Record<string, unknown>, file: Uploadable, filename: string): RawBody {
  const boundary = `----RoloFormBoundary${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${text}\r\n`;
  }
  // Non-ASCII names also go in RFC 5987 form, which servers read as UTF-8 whatever their default.
  const extended = /^[\x20-\x7e]*$/.test(filename) ? "" : `; filename*=UTF-8''${encodeURIComponent(filename)}`;
  const type = /\.gz$/i.test(filename) ? "application/gzip" : /\.(vcf|vcard)$/i.test(filename) ? "text/vcard" : "text/csv";
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(filename)}"${extended}\r\nContent-Type: ${type}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const contentType = `multipart/form-data; boundary=${boundary}`;

  if (file instanceof Blob || file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
    return { body: new Blob([head, file as BlobPart, tail]), contentType, replayable: true };
  }
  const chunks = (async function* () {
    yield encoder.encode(head);
    for await (const chunk of iterate(file)) yield typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    yield encoder.encode(tail);
  })();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return { body, contentType, replayable: false };
}

async function* iterate(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  if (!(typeof ReadableStream !== "undefined" && source instanceof ReadableStream))
    return yield* source as AsyncIterable<Uint8Array | string>;
  // Not every runtime makes ReadableStream async-iterable, so read it with a reader.
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

// Like browsers: quotes and line breaks in a header parameter are percent-encoded.
const quote = (value: string) => value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
