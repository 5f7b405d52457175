import { findRow } from '@latchkey/db';
import type { MessageKey, MessageParams } from '@latchkey/i18n';
import { User } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import type { PasswordHasher } from '../../../core/passwords/hasher.ts';
import { pause } from '../../../jobs/pause.ts';
import type { Caller } from '../../objects/kind.ts';
import { insertPrepared, type PreparedObject, prepareNewObject } from '../../objects/write-service.ts';
import { userKind } from '../kind.ts';

export const MAX_UPLOAD_ROWS = 5000;

export interface RowProblem {
  /** Where the row starts in the file: its line in a CSV file, its row in a sheet (the header is 1). */
  row: number;
  name: string;
  code: MessageKey;
  params?: MessageParams;
}

export interface UploadOutcome {
  added: string[];
  /** Users that exist already, left as they are. */
  skipped: string[];
  /** Rows that were fine (when others were not, nothing is written). */
  accepted: { row: number; name: string }[];
  problems: RowProblem[];
  /** Header cells that name no user field. */
  ignoredColumns: string[];
}

type Property = { type?: string };
const properties = User.properties as Record<string, Property>;
const fieldNames = Object.keys(properties);

/** A header cell → the field it names: Casdoor's templates write "Label#field"; case is forgiven. */
function fieldOf(header: string): string | undefined {
  const name = (header.includes('#') ? header.slice(header.lastIndexOf('#') + 1) : header).trim();
  return (
    fieldNames.find((field) => field === name) ?? fieldNames.find((field) => field.toLowerCase() === name.toLowerCase())
  );
}

class CellError extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

function cellValue(field: string, text: string): unknown {
  const value = text.trim();
  switch (properties[field]?.type) {
    case 'boolean': {
      const flag = (
        { '': false, '0': false, false: false, no: false, '1': true, true: true, yes: true } as Record<string, boolean>
      )[value.toLowerCase()];
      if (flag === undefined) throw new CellError(field);
      return flag;
    }
    case 'integer':
      if (value === '') return 0;
      if (!/^-?\d{1,15}$/.test(value)) throw new CellError(field);
      return Number(value);
    case 'number': {
      const number = value === '' ? 0 : Number(value);
      if (!Number.isFinite(number)) throw new CellError(field);
      return number;
    }
    case 'array':
      return value
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean);
    case 'object': {
      if (value === '') return {};
      try {
        const parsed = JSON.parse(value) as unknown;
        if (
          parsed &&
          typeof parsed === 'object' &&
          !Array.isArray(parsed) &&
          Object.values(parsed).every((item) => typeof item === 'string')
        )
          return parsed;
      } catch {
        // reported below
      }
      throw new CellError(field);
    }
    default:
      return text;
  }
}

/** A hasher for the checking pass: the same checks run around it, and no password is hashed. */
function checkingOnly(hasher: PasswordHasher): PasswordHasher {
  return { ...hasher, hash: async () => ({ password: '', passwordType: 'argon2id', passwordSalt: '' }) };
}

/** The longest a run of rows may hold the event loop before it lets other requests in, in milliseconds. */
const SLICE_MS = 2;

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  // One slice for all runners: when it is used up, every runner waits for the same pause, so the
  // event loop gets its turn after SLICE_MS, not after each runner's own slice in turn.
  let sliceStart = performance.now();
  let pausing: Promise<void> | undefined;
  const pauseWhenDue = async () => {
    if (!pausing && performance.now() - sliceStart > SLICE_MS) {
      pausing = pause().then(() => {
        pausing = undefined;
        sliceStart = performance.now();
      });
    }
    if (pausing) await pausing;
  };
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      await work(items[next++]!);
      await pauseWhenDue();
    }
  });
  await Promise.all(runners);
}

/**
 * Adds users from table rows (a header row of field names, then one user per row) to an
 * organization, each checked exactly as add-user checks it (passwords hashed with argon2id, names,
 * groups, the caller's rights). Users that exist are skipped. When any row is bad, nothing is
 * written and every bad row is reported with its reason, and the good ones too.
 */
export async function uploadUsers(
  context: AppContext,
  caller: Caller,
  organization: string,
  rows: string[][],
  /** The line (or sheet row) each of `rows` starts on; by default its position, counting from 1. */
  lines: readonly number[] = rows.map((_, index) => index + 1),
): Promise<UploadOutcome> {
  const [header = [], ...body] = rows;
  const columns = header.map((cell) => fieldOf(cell));
  const ignoredColumns = header.filter((cell, index) => cell.trim() !== '' && columns[index] === undefined);
  if (!columns.includes('name')) throw new ApiError('object.upload_needs_name_column');
  const records = body
    .map((cells, index) => ({ row: lines[index + 1] ?? index + 2, cells }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (records.length === 0) throw new ApiError('object.upload_empty');
  if (records.length > MAX_UPLOAD_ROWS) throw new ApiError('object.upload_too_many_rows', { max: MAX_UPLOAD_ROWS });

  const prepareRows = async (
    rowContext: AppContext,
  ): Promise<{ outcome: UploadOutcome; prepared: { row: number; user: PreparedObject<User> }[] }> => {
    const outcome: UploadOutcome = { added: [], skipped: [], accepted: [], problems: [], ignoredColumns };
    const prepared: { row: number; user: PreparedObject<User> }[] = [];
    const seen = new Set<string>();
    await eachLimited(records, 4, async ({ row, cells }) => {
      const object: Record<string, unknown> = {};
      const name = cells[columns.indexOf('name')]?.trim() ?? '';
      try {
        columns.forEach((field, index) => {
          if (field) object[field] = cellValue(field, cells[index] ?? '');
        });
        if (object.owner && object.owner !== organization)
          throw new ApiError('object.upload_wrong_organization', { organization });
        object.owner = organization;
        // A group named without its organization is one of the organization the users go to (as an export writes them).
        if (Array.isArray(object.groups))
          object.groups = object.groups.map((group) =>
            String(group).includes('/') ? group : `${organization}/${group}`,
          );
        if (seen.has(name)) throw new ApiError('object.upload_duplicate_name', { name });
        seen.add(name);
        if (name && (await findRow(rowContext.db, 'user', { owner: organization, name }))) {
          outcome.skipped.push(name);
          return;
        }
        prepared.push({ row, user: await prepareNewObject(rowContext, userKind, caller, object) });
        outcome.accepted.push({ row, name });
      } catch (error) {
        if (error instanceof CellError)
          outcome.problems.push({ row, name, code: 'object.upload_invalid_value', params: { field: error.field } });
        else if (error instanceof ApiError)
          outcome.problems.push({ row, name, code: error.code, params: error.params });
        else throw error;
      }
    });
    // Rows are prepared side by side; report and write them in the file's order.
    for (const list of [outcome.problems, outcome.accepted, prepared]) list.sort((a, b) => a.row - b.row);
    return { outcome, prepared };
  };

  // Every row is checked before any password is hashed, so a file with one bad row costs no hashing.
  const checked = await prepareRows({ ...context, passwords: checkingOnly(context.passwords) });
  if (checked.outcome.problems.length > 0 || checked.prepared.length === 0) return checked.outcome;
  const { outcome, prepared } = await prepareRows(context);
  if (outcome.problems.length > 0 || prepared.length === 0) return outcome;
  await insertPrepared(
    context,
    userKind,
    prepared.map(({ user }) => user),
  );
  outcome.added = prepared.map(({ user }) => user.object.name);
  return outcome;
}
