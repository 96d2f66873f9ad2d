// rolo.contacts: /api/v1/contacts and its sub-resources. Wire names stay snake_case.
import { PagePromise, type CursorPage } from "../core/pagination.js";
import type { RequestOptions, Transport } from "../core/transport.js";
import { Bulk } from "./bulk.js";
import { Imports } from "./imports.js";

export type ContactStatus = "subscribed" | "unsubscribed";

export interface Contact {
  id: string;
  object: "contact";
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  status: ContactStatus;
  suppressed: boolean;
  suppressed_reason: string | null;
  email_ok: boolean;
  sms_ok: boolean;
  whatsapp_ok: boolean;
  voice_ok: boolean;
  tags: string[];
  metadata: Record<string, unknown>;
  source: string;
  created_at: string;
  updated_at: string;
}

interface ContactFields {
  email?: string | null;
  /** E.164, e.g. `+14155551234`. */
  phone?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  /** Input convenience: "Jane Doe" is split into first and last name. */
  name?: string;
  status?: ContactStatus;
  suppressed?: boolean;
  suppressed_reason?: string | null;
  email_ok?: boolean;
  sms_ok?: boolean;
  whatsapp_ok?: boolean;
  voice_ok?: boolean;
  /** Replaces the contact's tags. */
  tags?: string[];
  source?: string;
  /** Fields the API adds later are passed through as they are. */
  [key: string]: unknown;
}

/** Create, upsert and batch items: an email or a phone is required. */
export interface ContactCreateParams extends ContactFields {
  metadata?: Record<string, unknown>;
  /** Synonym of `metadata`, as some other APIs name it. */
  properties?: Record<string, unknown>;
}

export interface ContactUpdateParams extends ContactFields {
  /** Merged key by key; `null` deletes a key. */
  metadata?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** The list filters, shared by list, export and bulk selections. */
export interface ContactFilter {
  /** Substring of email, phone or name. */
  search?: string;
  email?: string;
  /** Contacts with every one of these tags. */
  tag?: string | string[];
  status?: ContactStatus;
  suppressed?: boolean;
  created_after?: string | Date;
  created_before?: string | Date;
  /** Filters the API adds later (e.g. `metadata: { plan: "pro" }` as `metadata[plan]=pro`). */
  [key: string]: unknown;
}

export type ContactSort =
  "created_at" | "-created_at" | "email" | "-email" | "updated_at" | "-updated_at" | "last_name" | "-last_name";

export interface ContactListParams extends ContactFilter {
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
  /** Rows to skip on the first page; ignored with a cursor. */
  offset?: number;
  sort?: ContactSort;
}

export type ContactList = CursorPage<Contact>;

export interface ContactExportParams extends ContactFilter {
  /** Starts the CSV with a byte-order mark, for Excel. */
  bom?: boolean;
}

export interface BatchUpsertParams {
  /** Up to 1,000; upserted by email, else phone. */
  contacts: ContactCreateParams[];
  [key: string]: unknown;
}

export interface BatchUpsertResult {
  created: number;
  updated: number;
  failed: number;
  results: Array<{
    index: number;
    id: string | null;
    status: "created" | "updated" | "failed";
    error?: { code: string; message: string; details?: unknown };
  }>;
}

const contactPath = (id: string) => `/contacts/${encodeURIComponent(id)}`;

export class Contacts {
  readonly imports: Imports;
  readonly bulk: Bulk;

  constructor(private readonly transport: Transport) {
    this.imports = new Imports(transport);
    this.bulk = new Bulk(transport);
  }

  /** POST /contacts → 201. A taken email or phone is a ConflictError. */
  create(body: ContactCreateParams, options?: RequestOptions): Promise<Contact> {
    return this.transport.request({ method: "POST", path: "/contacts", body, options });
  }

  get(id: string, options?: RequestOptions): Promise<Contact> {
    return this.transport.request({ method: "GET", path: contactPath(id), options });
  }

  /** PATCH /contacts/:id: only the fields sent change. */
  update(id: string, body: ContactUpdateParams, options?: RequestOptions): Promise<Contact> {
    return this.transport.request({ method: "PATCH", path: contactPath(id), body, options });
  }

  /** DELETE /contacts/:id → 204, permanently. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: contactPath(id), options });
  }

  /** PUT /contacts: creates the contact, or updates the one with this email (else phone). */
  upsert(body: ContactCreateParams, options?: RequestOptions): Promise<Contact> {
    return this.transport.request({ method: "PUT", path: "/contacts", body, options });
  }

  /** Await for one page; iterate with `for await` for every contact of every page. */
  list(params: ContactListParams = {}, options?: RequestOptions): PagePromise<Contact, ContactList> {
    return new PagePromise((cursor) =>
      this.transport.request<ContactList>({
        method: "GET",
        path: "/contacts",
        query: cursor ? { ...params, cursor, offset: undefined } : params,
        options,
      }),
    );
  }

  /** POST /contacts/batch: each item succeeds or fails on its own. */
  batchUpsert(body: BatchUpsertParams, options?: RequestOptions): Promise<BatchUpsertResult> {
    return this.transport.request({ method: "POST", path: "/contacts/batch", body, options });
  }

  /**
   * GET /contacts/export: the filtered contacts as a CSV stream (one `metadata.<key>` column per
   * key). Read it with `for await`, pipe it, or `await new Response(stream).text()`.
   */
  export(params: ContactExportParams = {}, options?: RequestOptions): Promise<ReadableStream<Uint8Array>> {
    return this.transport.request({ method: "GET", path: "/contacts/export", query: params, accept: "stream", options });
  }
}
