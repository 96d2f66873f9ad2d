import type { MappingTarget } from "../mapping";

export type SourceId =
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
  | "vcard";

/** What a row's subscription becomes. */
export interface ConsentSet {
  status?: "subscribed" | "unsubscribed";
  suppressed?: boolean;
  suppressed_reason?: string;
}

/** The first rule whose `when` matches (or that has none) sets the row's consent fields it names. */
export interface StatusRule {
  when?: { column: string; is: string[] };
  set: ConsentSet;
}

/**
 * One export layout, as data (STYLE rule 14): how to recognise it from the header row, where its
 * columns go, and what it says about consent. Headers are written as the tool writes them; they
 * are compared normalised (case, spaces, dashes and underscores do not matter).
 */
export interface SourceTable {
  id: SourceId;
  /** "Mailchimp export of unsubscribed contacts". */
  label: string;
  /** Headers that all appear in this layout's header row. */
  signature: string[];
  /** Headers that never appear in it (tells Mailchimp's three exports apart). */
  without?: string[];
  /**
   * Header (or a pattern on the normalised header) → target. When several columns feed one field,
   * the first in this list that has a value wins and the others go to metadata.
   */
  columns: [header: string | RegExp, target: MappingTarget][];
  status?: StatusRule[];
  /** Tool-made labels dropped from tags, compared case-insensitively after `labelPrefix`. */
  systemTags?: string[];
  /** Removed from the start of each tag ("* " marks Google's own groups). */
  labelPrefix?: string;
  /** Cells carry the export's formula guard (a ' before = + - @), which is removed. */
  formulaGuard?: boolean;
}
