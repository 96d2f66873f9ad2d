// What one import may cost, whatever the upload: memory stays bounded and a file that cannot be
// read fails its import once, with the reason, instead of being retried.

const fromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** A gzip upload may inflate to at most 1 GiB (IMPORT_MAX_INFLATED_BYTES lowers it in tests). */
export const maxInflatedBytes = () => fromEnv("IMPORT_MAX_INFLATED_BYTES", 1024 ** 3);
/** One record (a CSV row with its quoted newlines, or one vCard) may be at most 1 MB of text. */
export const maxRecordChars = () => fromEnv("IMPORT_MAX_RECORD_BYTES", 1024 * 1024);
/** A row may have at most 1,000 columns. */
export const MAX_COLUMNS = 1000;
/** A worker may start an import at most 5 times; then it fails with the last error. */
export const maxAttempts = () => fromEnv("IMPORT_MAX_ATTEMPTS", 5);

/** The file itself is the problem (unreadable, over a limit): no retry can succeed. */
export class ImportFileError extends Error {}

export const formatBytes = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GiB` : bytes >= 1024 ** 2 ? `${+(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
