// rolo.contacts: /api/v1/contacts and its sub-resources. Wire names stay snake_case.
import { RoloError } from "../core/errors.js";
import { PagePromise, type CursorPage } from "../core/pagination.js";
import type { RequestOptions, Transport } from "../core/transport.js";
import type { ActivityListParams, Consent, Erasure, Event, EventList } from "./activity.js";
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
  /** Who created the contact (`api`, `dashboard`, `import`, …); set by the server, never sent. */
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
  /** Set by the server (`api`, `dashboard`, `import`): the API refuses it with a 400, so the type does too. */
  source?: never;
  /**
   * `true` writes an email or phone of an erased contact anyway; without it such a write is a
   * ConflictError with code `erased`. Only when the person came back on their own.
   */
  allow_erased?: boolean;
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

export type MetadataScalar = string | number | boolean;

/** Operators on one metadata key; several of them must all hold. */
export interface MetadataOperators {
  /** Equal; scalars compare by their text (`10` matches 10 and "10"). */
  eq?: MetadataScalar;
  /** Ranges: numbers compare as numbers, ISO dates (or a `Date`) as instants, other text as text. */
  gt?: string | number | Date;
  gte?: string | number | Date;
  lt?: string | number | Date;
  lte?: string | number | Date;
  /** Equal to any of these. */
  in?: MetadataScalar[];
  /** `true`: the key is present; `false`: it is absent. */
  exists?: boolean;
}

/** A bare value means equality: `{ plan: "pro" }` is `{ plan: { eq: "pro" } }`. */
export type MetadataCondition = MetadataScalar | MetadataOperators;

/**
 * Conditions on top-level metadata keys, all of which must hold:
 * `{ plan: "pro", score: { gte: 10 }, tier: { in: ["gold", "silver"] }, vip: { exists: true } }`.
 * Lists and exports send it as `metadata[plan]=pro&metadata[score][gte]=10&…`.
 */
export type MetadataFilter = Record<string, MetadataCondition>;

/** The one filter: list, export, bulk selections and saved segments. Every criterion must hold. */
export interface ContactFilter {
  /** Substring of email, phone or name. */
  search?: string;
  email?: string;
  /** Contacts with every one of these tags. */
  tag?: string | string[];
  status?: ContactStatus;
  suppressed?: boolean;
  /** `true`: contacts with an email; `false`: without one. */
  has_email?: boolean;
  /** `true`: contacts with a phone; `false`: without one. */
  has_phone?: boolean;
  created_after?: string | Date;
  created_before?: string | Date;
  updated_after?: string | Date;
  updated_before?: string | Date;
  metadata?: MetadataFilter;
  /** Filters the API adds later are passed through as they are. */
  [key: string]: unknown;
}

/** What `contacts.count` takes: the list's filter (and segment) without paging. */
export interface ContactCountParams extends ContactFilter {
  /** Only the contacts of this saved segment (`seg_…`), combined with the other filters. */
  segment?: string;
}

/** The exact number of contacts a filter matches. */
export interface ContactCount {
  object: "count";
  total: number;
}

export type ContactSort =
  "created_at" | "-created_at" | "email" | "-email" | "updated_at" | "-updated_at" | "last_name" | "-last_name";

export interface ContactListParams extends ContactCountParams {
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
  /** Rows to skip on the first page; ignored with a cursor. */
  offset?: number;
  sort?: ContactSort;
}

/**
 * A page of contacts. The first page says how many match: `total` (exact) when counting is quick,
 * else `total_estimate` (the database's estimate; `contacts.count` counts exactly). Later pages
 * carry neither.
 */
export interface ContactList extends CursorPage<Contact> {
  total_estimate?: number;
}

export interface ContactExportParams extends ContactFilter {
  /** Only the contacts of this saved segment (`seg_…`). */
  segment?: string;
  /** Starts the CSV with a byte-order mark, for Excel. */
  bom?: boolean;
}

export interface BatchUpsertParams {
  /** Up to 1,000; upserted by email, else phone. */
  contacts: ContactCreateParams[];
  /** For every item: `true` writes emails and phones of erased contacts (else those items fail with code `erased`). */
  allow_erased?: boolean;
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

export interface MetadataKey {
  key: string;
  /** Contacts having the key, among the 5,000 most recently updated. */
  count: number;
}

export interface MetadataKeyList {
  object: "list";
  /** The most common keys, most used first (at most 50). */
  data: MetadataKey[];
}

/**
 * A filter as query parameters: `metadata` becomes bracketed keys (`metadata[plan]=pro`,
 * `metadata[score][gte]=10`, `metadata[plan][in]=pro,team`); the transport encodes the rest.
 */
export function filterQuery(params: { metadata?: MetadataFilter; [key: string]: unknown }): Record<string, unknown> {
  const { metadata, ...query }: Record<string, unknown> & { metadata?: MetadataFilter } = params;
  for (const [key, condition] of Object.entries(metadata ?? {})) {
    // A "]" would end the key early and turn the rest into an operator: a different filter.
    if (key.includes("]")) throw new RoloError(`Metadata key "${key}" cannot be sent in a query string (it contains "]")`);
    if (condition === null || typeof condition !== "object" || condition instanceof Date) {
      query[`metadata[${key}]`] = condition;
      continue;
    }
    for (const [op, operand] of Object.entries(condition)) {
      if (operand === undefined) continue;
      if (op === "in" && Array.isArray(operand)) {
        // The API splits `in` on commas, so a value holding one would match something else.
        if (operand.some((v) => String(v).includes(","))) {
          throw new RoloError(`metadata[${key}][in] cannot hold a value with a comma in a query string`);
        }
        query[`metadata[${key}][in]`] = operand.join(",");
      } else query[`metadata[${key}][${op}]`] = operand;
    }
  }
  return query;
}

const contactPath = (id: string) => `/contacts/${encodeURIComponent(id)}`;

export class Contacts {
  readonly imports: Imports;
  readonly bulk: Bulk;

  constructor(private readonly transport: Transport) {
    this.imports = new Imports(transport);
    this.bulk = new Bulk(transport);
  }

  /** POST /contacts → 201. A taken email or phone is a ConflictError (code `conflict`; an erased one: code `erased`). */
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
    return new PagePromise(async (cursor) =>
      this.transport.request<ContactList>({
        method: "GET",
        path: "/contacts",
        query: filterQuery(cursor ? { ...params, cursor, offset: undefined } : params),
        options,
      }),
    );
  }

  /**
   * GET /contacts/count: how many contacts the filter (and segment) matches, counted exactly
   * however long that takes; what a first page with `total_estimate` instead of `total` leaves open.
   */
  async count(params: ContactCountParams = {}, options?: RequestOptions): Promise<ContactCount> {
    // async: a filter the query string cannot carry rejects, like every other failure, instead of throwing.
    return this.transport.request({ method: "GET", path: "/contacts/count", query: filterQuery(params), options });
  }

  /** GET /contacts/metadata-keys: the workspace's most used metadata keys, with how many contacts have each. */
  metadataKeys(options?: RequestOptions): Promise<MetadataKeyList> {
    return this.transport.request({ method: "GET", path: "/contacts/metadata-keys", options });
  }

  /** GET /contacts/:id/activity: await for one page of events (newest first); iterate with `for await` for all. */
  activity(id: string, params: ActivityListParams = {}, options?: RequestOptions): PagePromise<Event, EventList> {
    return new PagePromise(async (cursor) =>
      this.transport.request<EventList>({
        method: "GET",
        path: `${contactPath(id)}/activity`,
        query: cursor ? { ...params, cursor } : params,
        options,
      }),
    );
  }

  /** GET /contacts/:id/consent: the current consent with its provenance, and its history. */
  consent(id: string, options?: RequestOptions): Promise<Consent> {
    return this.transport.request({ method: "GET", path: `${contactPath(id)}/consent`, options });
  }

  /**
   * POST /contacts/:id/erase: deletes the contact with its activity and consent details and keeps
   * a keyed hash of its email and phone, so that later writes of them fail with code `erased`.
   */
  erase(id: string, options?: RequestOptions): Promise<Erasure> {
    return this.transport.request({ method: "POST", path: `${contactPath(id)}/erase`, options });
  }

  /** POST /contacts/batch: each item succeeds or fails on its own. */
  batchUpsert(body: BatchUpsertParams, options?: RequestOptions): Promise<BatchUpsertResult> {
    return this.transport.request({ method: "POST", path: "/contacts/batch", body, options });
  }

  /**
   * GET /contacts/export: the filtered contacts as a CSV stream (one `metadata.<key>` column per
   * key). Read it with `for await`, pipe it, or `await new Response(stream).text()`.
   */
  async export(params: ContactExportParams = {}, options?: RequestOptions): Promise<ReadableStream<Uint8Array>> {
    const query = filterQuery(params);
    return this.transport.request({ method: "GET", path: "/contacts/export", query, accept: "stream", options });
  }
}
