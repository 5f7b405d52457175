import { ApiError } from '../../../core/errors/api-error.ts';
import { parseCsv } from './csv.ts';
import { readFormulaCell } from './formula-cells.ts';
import { zipInflatedSize } from './zip-limits.ts';

const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Plain text: valid UTF-8 without NUL bytes. */
function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const size = zipInflatedSize(bytes);
  if (!size) throw new ApiError('object.upload_unreadable');
  if (size.inflatedBytes > MAX_INFLATED_BYTES || size.entries > MAX_ZIP_ENTRIES)
    throw new ApiError('object.upload_too_large');
  // Loaded on first use: exceljs is large and only uploads need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new ApiError('object.upload_unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ApiError('object.upload_empty');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) cells.push(row.getCell(column).text ?? '');
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** The rows of a table, and where each starts: its line in a CSV file, its row in a sheet. */
export interface TableRows {
  rows: string[][];
  lines: number[];
}

/**
 * The rows of an uploaded table: an XLSX workbook (its first sheet) or CSV text, recognised by
 * content rather than by name. Anything else is refused with a clear message. A CSV cell that an
 * export defused against formulas (a leading `'`) reads as the value it stands for.
 */
export async function readTableFile(bytes: Uint8Array): Promise<TableRows> {
  if (bytes.length === 0) throw new ApiError('object.upload_empty');
  if (isZip(bytes)) {
    const rows = await readXlsx(bytes);
    return { rows, lines: rows.map((_, index) => index + 1) };
  }
  const text = asText(bytes);
  if (text === undefined) throw new ApiError('object.upload_unsupported_format');
  const lines: number[] = [];
  const rows = parseCsv(text, lines);
  if (!rows) throw new ApiError('object.upload_unreadable');
  return { rows: rows.map((cells) => cells.map(readFormulaCell)), lines };
}
