import type { Database } from '@latchkey/db';
import { findOrganization } from '@latchkey/db';
import type { Kysely, Transaction } from 'kysely';
import { type AppContext, formatTime } from '../../core/context.ts';
import type { ImportedTable } from './sections.ts';

export type Db = Kysely<Database> | Transaction<Database>;

/** One init_data entry, checked and turned into the row to insert. */
export interface PreparedEntry {
  table: ImportedTable;
  owner: string;
  name: string;
  row: Record<string, unknown>;
  /** Things the operator should know about this entry (a generated secret, a missing password). */
  notes: string[];
  /** A clash with other stored objects, checked inside the entry's transaction. */
  conflict?: (trx: Transaction<Database>) => Promise<string | undefined>;
  /** More rows that belong to this entry, written in the same transaction. */
  writeRelated?: (trx: Transaction<Database>) => Promise<void>;
}

export type Prepared = { ok: true; entry: PreparedEntry } | { ok: false; problem: string };

export interface PrepareInput {
  context: AppContext;
  raw: Record<string, unknown>;
  /** The whole file, for entries that refer to other parts of it (enforcer policies). */
  file: Record<string, unknown>;
  options: ImportOptions;
}

export interface ImportOptions {
  /**
   * Import users of organization `built-in`. They are global administrators, so the operator must
   * ask for them by name (`--allow-built-in-users`); the report lists each one either way.
   */
  allowBuiltInUsers?: boolean;
}

export type Prepare = (input: PrepareInput) => Promise<Prepared>;

export const rejected = (problem: string): Prepared => ({ ok: false, problem });
export const accepted = (entry: PreparedEntry): Prepared => ({ ok: true, entry });

/** The owner of an object that belongs to "admin": empty means "admin", anything else is a mistake. */
export function adminOwner(owner: string): { owner: string } | { problem: string } {
  if (owner === '' || owner === 'admin') return { owner: 'admin' };
  return { problem: `its owner must be "admin", not "${owner}"` };
}

export async function organizationProblem(db: Db, name: string, role = 'organization'): Promise<string | undefined> {
  if (!name) return `it names no ${role}`;
  return (await findOrganization(db, name)) ? undefined : `its ${role} "${name}" does not exist`;
}

/** An owner that is "admin" (global) or an organization that exists. */
export async function globalOrOrganizationOwner(
  db: Db,
  owner: string,
): Promise<{ owner: string } | { problem: string }> {
  if (owner === '' || owner === 'admin') return { owner: 'admin' };
  const problem = await organizationProblem(db, owner, 'owner organization');
  return problem ? { problem } : { owner };
}

/** `owner/name` for a reference that may leave out its owner. */
export function qualifiedId(reference: string, owner: string): string {
  return reference.includes('/') ? reference : `${owner}/${reference}`;
}

/**
 * The entry's own creation time in UTC (Casdoor writes local times with an offset), or now when it
 * has none. A time that does not parse is kept as it is.
 */
export function creationTime(context: AppContext, given: string): string {
  if (!given) return formatTime(context.clock.now());
  const parsed = Date.parse(given);
  return Number.isFinite(parsed) ? formatTime(new Date(parsed)) : given;
}
