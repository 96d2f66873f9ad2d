// rolo.contacts.bulk: one job over a selection (ids, or a filter and/or a segment, minus some ids).
import { pollUntilDone, type WaitOptions } from "../core/poll.js";
import type { RequestOptions, Transport } from "../core/transport.js";
import type { Contact, ContactFilter } from "./contacts.js";

export interface BulkSelection {
  /** Up to 1,000 contact ids; or send `filter` and/or `segment` instead. */
  ids?: string[];
  /** The list filters: every matching contact, fixed when the job is created. */
  filter?: ContactFilter;
  /** A saved segment's contacts (`seg_…`), combined with `filter` when both are sent. */
  segment?: string;
  /**
   * Required to select every contact of the workspace: a filter without criteria (or no filter)
   * is refused unless `all: true` says that is meant.
   */
  all?: boolean;
  exclude_ids?: string[];
  /** `true` answers the matched count and a sample instead of starting a job. */
  dry_run?: boolean;
  [key: string]: unknown;
}

export interface BulkStatusParams extends BulkSelection {
  /** Why (unsubscribe only), e.g. `requested`. */
  reason?: string;
}

export interface BulkTagParams extends BulkSelection {
  add?: string[];
  remove?: string[];
}

export type BulkDeleteParams = BulkSelection;

export interface BulkJob {
  id: string;
  object: "bulk_job";
  action: "subscribe" | "unsubscribe" | "tag" | "delete";
  status: "queued" | "running" | "completed" | "failed" | "canceled";
  matched: number;
  processed: number;
  /** 0–1. */
  progress: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface BulkPreview {
  object: "bulk_preview";
  dry_run: true;
  matched: number;
  sample: Contact[];
}

/** A dry run answers a preview (200), anything else a queued job (202). */
export type BulkResult<P> = P extends { dry_run: true } ? BulkPreview : BulkJob;

export class Bulk {
  constructor(private readonly transport: Transport) {}

  subscribe<P extends BulkStatusParams>(body: P, options?: RequestOptions): Promise<BulkResult<P>> {
    return this.run("subscribe", body, options);
  }

  unsubscribe<P extends BulkStatusParams>(body: P, options?: RequestOptions): Promise<BulkResult<P>> {
    return this.run("unsubscribe", body, options);
  }

  tag<P extends BulkTagParams>(body: P, options?: RequestOptions): Promise<BulkResult<P>> {
    return this.run("tag", body, options);
  }

  /** Deletes the selected contacts permanently. */
  delete<P extends BulkDeleteParams>(body: P, options?: RequestOptions): Promise<BulkResult<P>> {
    return this.run("delete", body, options);
  }

  /** GET /contacts/bulk/:jobId. */
  get(jobId: string, options?: RequestOptions): Promise<BulkJob> {
    return this.transport.request({ method: "GET", path: `/contacts/bulk/${encodeURIComponent(jobId)}`, options });
  }

  /** Polls until the job is completed, failed or canceled, and returns it. */
  wait(jobId: string, options?: WaitOptions): Promise<BulkJob> {
    return pollUntilDone(() => this.get(jobId, options), options);
  }

  private run<R>(action: string, body: BulkSelection, options?: RequestOptions): Promise<R> {
    return this.transport.request({ method: "POST", path: `/contacts/bulk-${action}`, body, options });
  }
}
