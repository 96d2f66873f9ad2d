// One CSV cell, safe to open in a spreadsheet.

/**
 * Spreadsheets run a cell as a formula when it starts with = + - @ (also after leading blanks,
 * and in their full-width or small forms), or with a tab or CR: such cells get a leading '.
 * `\s` covers spaces, NBSP, tabs, newlines and the other Unicode spaces; U+200B is added by hand.
 */
const FORMULA = /^[\t\r]|^[\s\u200B]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : Array.isArray(value) ? value.join(",") : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
