/**
 * CSV (RFC 4180) for spreadsheets: each cell quoted when it holds a comma, a quote or a line break,
 * quotes doubled, rows ended by CRLF. A cell a spreadsheet would read as a formula (starting with
 * =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so that text recorded
 * from a request cannot run as a formula on the auditor's machine.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (values: readonly unknown[]) => `${values.map(csvCell).join(',')}\r\n`;
