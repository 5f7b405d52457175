/**
 * Cells a spreadsheet program would run as a formula (or that hide one behind a tab or carriage
 * return) start with one of these; a quote in front makes them text (OWASP's "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as an export writes it: a value that would start a formula gets a leading `'`, and so does
 * a value that already starts with `'` followed by such a character, so that reading it back
 * (readFormulaCell) gives exactly the value written.
 */
export function defuseFormulaCell(value: string): string {
  return FORMULA_START.test(value) || /^'+[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The value of a cell an export defused: the one `'` it put in front of a formula character is taken off again. */
export function readFormulaCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
