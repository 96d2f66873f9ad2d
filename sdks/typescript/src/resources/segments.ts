// rolo.segments: saved filters, each answered with the count of contacts it matches now.
import type { RequestOptions, Transport } from "../core/transport.js";
import type { ContactFilter } from "./contacts.js";

export interface Segment {
  id: string;
  object: "segment";
  name: string;
  /** As the API stores it: metadata conditions in operator form (`{ plan: { eq: "pro" } }`), dates as ISO strings. */
  filter: ContactFilter;
  /** How many contacts match the filter now (exact): always there on a single segment. */
  count: number;
  created_at: string;
  updated_at: string;
}

/**
 * A segment in the list: `count` (exact) when it could be counted at once, else `count_estimate`
 * (the database's estimate; `contacts.count({ segment: id })` counts exactly).
 */
export interface SegmentListItem extends Omit<Segment, "count"> {
  count?: number;
  count_estimate?: number;
}

export interface SegmentList {
  object: "list";
  /** Every segment of the workspace, by name. */
  data: SegmentListItem[];
}

export interface SegmentCreateParams {
  /** 1–100 characters, unique in the workspace (a taken name is a ConflictError). */
  name: string;
  /** Needs at least one criterion. */
  filter: ContactFilter;
}

export interface SegmentUpdateParams {
  name?: string;
  /** Replaces the whole filter (it is not merged). */
  filter?: ContactFilter;
}

const segmentPath = (id: string) => `/segments/${encodeURIComponent(id)}`;

export class Segments {
  constructor(private readonly transport: Transport) {}

  /** GET /segments: every segment with its count (or `count_estimate` where counting would hold up the list). */
  list(options?: RequestOptions): Promise<SegmentList> {
    return this.transport.request({ method: "GET", path: "/segments", options });
  }

  /** POST /segments → 201. A taken name is a ConflictError. */
  create(body: SegmentCreateParams, options?: RequestOptions): Promise<Segment> {
    return this.transport.request({ method: "POST", path: "/segments", body, options });
  }

  get(id: string, options?: RequestOptions): Promise<Segment> {
    return this.transport.request({ method: "GET", path: segmentPath(id), options });
  }

  /** PATCH /segments/:id: a new name, a new filter (replacing the old one), or both. */
  update(id: string, body: SegmentUpdateParams, options?: RequestOptions): Promise<Segment> {
    return this.transport.request({ method: "PATCH", path: segmentPath(id), body, options });
  }

  /** DELETE /segments/:id → 204; its contacts are untouched. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: segmentPath(id), options });
  }
}
