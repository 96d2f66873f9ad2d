// Walks CSV text the way csv-parse reads it, without parsing: bounds what one record may cost
// (size, columns) and counts records. Shared by the import (both passes) and the browser, which
// counts a file's rows for the preview.
import { formatBytes, ImportFileError, MAX_COLUMNS, maxRecordChars } from "./limits";

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

/**
 * Walks the text the way csv-parse will read it (quotes open a field only at its start) and fails
 * on a record over the size cap or the column cap before anything holds it. `records` counts the
 * non-blank records seen, which is what csv-parse yields with `skip_empty_lines`.
 */
export class RecordGuard {
  records = 0;
  private line = 1;
  private recordLine = 1;
  private chars = 0;
  private columns = 1;
  private blank = true;
  /** 0 field start, 1 unquoted field, 2 inside quotes, 3 a quote inside quotes (closing or doubled). */
  private state = 0;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxChars = maxRecordChars(),
    private readonly maxColumns = MAX_COLUMNS,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  check(text: string) {
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (++this.chars > this.maxChars) {
        throw new ImportFileError(`The record starting on line ${this.recordLine} is larger than ${formatBytes(this.maxChars)} (is a quote left open?)`);
      }
      if (c === NEWLINE) {
        this.line++;
        if (this.state !== 2) {
          this.endRecord();
          continue;
        }
      } else if (c !== RETURN) this.blank = false;
      switch (this.state) {
        case 0:
          if (c === QUOTE) this.state = 2;
          else if (c === d) this.column();
          else if (c !== RETURN) this.state = 1;
          break;
        case 1:
          if (c === d) this.column();
          break;
        case 2:
          if (c === QUOTE) this.state = 3;
          break;
        case 3:
          if (c === QUOTE) this.state = 2;
          else if (c === d) this.column();
          else if (c !== RETURN) this.state = 1;
          break;
      }
    }
  }

  /** End of text: a last record without a newline still counts. */
  end() {
    this.endRecord();
  }

  private column() {
    this.state = 0;
    if (++this.columns > this.maxColumns) throw new ImportFileError(`Line ${this.recordLine} has more than ${this.maxColumns.toLocaleString("en")} columns`);
  }

  private endRecord() {
    if (!this.blank) this.records++;
    this.state = 0;
    this.chars = 0;
    this.columns = 1;
    this.blank = true;
    this.recordLine = this.line;
  }
}
