/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CR LF or LF line ends) into rows of
 * cells. A comma or a semicolon separates cells, whichever the first line uses more of (spreadsheet
 * programs in many locales write semicolons). Answers undefined when quotes are left open. When
 * `lines` is given, it receives the line each row starts on (a quoted cell may span lines).
 */
export function parseCsv(text: string, lines?: number[]): string[][] | undefined {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n' || (char === '\r' && source[i + 1] !== '\n')) line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      lines?.push(rowLine);
      line++;
      rowLine = line;
      row = [];
      cell = '';
    } else cell += char;
  }
  if (quoted) return undefined;
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
    lines?.push(rowLine);
  }
  return rows;
}
