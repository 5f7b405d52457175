import { createHash } from 'node:crypto';
import { codecs, findOrganization, type SourceRead, selectRows, updateUserFields } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { Syncer, User } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { userIdentity } from '../../core/identity/identity.ts';
import { pause } from '../../jobs/pause.ts';
import type { Caller } from '../objects/kind.ts';
import { insertPrepared, prepareNewObject, updateObject } from '../objects/write-service.ts';
import { terminateUserAccess } from '../sso-logout/service.ts';
import { userKind } from '../users/kind.ts';
import { keyColumnOf } from './check.ts';
import { syncedPassword } from './passwords.ts';
import { fieldValue, PASSWORD_FIELDS, syncableField } from './user-fields.ts';

/** What one run did. */
export interface SyncReport {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Rows that were not synced, each with why (also added to the syncer's errorText). */
  rejected: { row: number; key: string; reason: string }[];
}

interface Entry {
  field: string;
  /** The columns whose values make the field's (joined by a space). */
  columns: string[];
  hashed: boolean;
}

export interface Mapping {
  /** Every column to read, once each, in order. */
  columns: string[];
  entries: Entry[];
  keyField: string;
}

/** Which columns fill which user fields, from the syncer's tableColumns (checked before). */
export function mappingOf(syncer: Syncer): Mapping {
  const anyHashed = syncer.tableColumns.some((column) => column.isHashed);
  const entries = syncer.tableColumns.map((column) => ({
    field: syncableField(column.casdoorName)!,
    columns: column.name.split('+').map((part) => part.trim()),
    hashed: anyHashed ? column.isHashed : true,
  }));
  return {
    columns: [...new Set(entries.flatMap((entry) => entry.columns))],
    entries,
    keyField: syncableField(keyColumnOf(syncer)!.casdoorName)!,
  };
}

/**
 * The syncer acts as an administrator of its own organization and of nothing else, so that every
 * user it writes goes through add-user's and update-user's checks and stays in that organization.
 */
function syncerCaller(syncer: Syncer): Caller {
  const user = {
    ...codecs.user.defaults(),
    owner: syncer.organization,
    name: `syncer:${syncer.name}`,
    isAdmin: true,
  } as User;
  const identity = { ...userIdentity(user, 'password'), isGlobalAdmin: false, isOrgAdmin: true };
  return { identity, id: `${syncer.organization}/${syncer.name}` };
}

const digest = (values: unknown) => createHash('sha256').update(JSON.stringify(values)).digest('base64url');

interface Digests {
  row: string;
  password: string;
}

/** What a user's preHash says about the row it was last synced from; sealed, since it digests the password too. */
function lastSynced(context: AppContext, user: User): Digests | undefined {
  if (!user.preHash) return undefined;
  try {
    const parsed = JSON.parse(context.secrets.open(user.preHash)) as Digests;
    return typeof parsed.row === 'string' && typeof parsed.password === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

class RowProblem extends Error {}

interface SourceRow {
  number: number;
  key: string;
  fields: Record<string, unknown>;
  password: { value: string; type: string; salt: string };
  digests: Digests;
}

function readRow(
  syncer: Syncer,
  mapping: Mapping,
  read: SourceRead,
  values: (string | null)[],
  maxValueLength: number,
): Omit<SourceRow, 'number'> {
  const text = (column: string) => values[mapping.columns.indexOf(column)] ?? '';
  const raw: Record<string, string> = {};
  for (const entry of mapping.entries) {
    const value = entry.columns.map(text).join(' ');
    if (value.length > maxValueLength)
      throw new RowProblem(`its ${entry.field} is longer than ${maxValueLength} characters`);
    raw[entry.field] = value;
  }
  const fields: Record<string, unknown> = {};
  const passwordFields = Object.values(PASSWORD_FIELDS) as string[];
  for (const [field, value] of Object.entries(raw))
    if (!passwordFields.includes(field)) fields[field] = fieldValue(field, value);
  if (!fields.name && fields.id) fields.name = fields.id;
  if (typeof fields.avatar === 'string' && fields.avatar && syncer.avatarBaseUrl && !fields.avatar.startsWith('http'))
    fields.avatar = syncer.avatarBaseUrl + fields.avatar;
  if (read.affiliations && typeof fields.score === 'number' && fields.score !== 0) {
    const affiliation = read.affiliations.get(String(fields.score));
    if (affiliation !== undefined) fields.affiliation = affiliation;
  }
  const key = String(fields[mapping.keyField] ?? '');
  if (!key) throw new RowProblem(`its ${mapping.keyField} is empty`);
  const password = { value: raw.password ?? '', type: raw.passwordType ?? '', salt: raw.passwordSalt ?? '' };
  const hashed = mapping.entries
    .filter((entry) => entry.hashed && !passwordFields.includes(entry.field))
    .map((entry) => raw[entry.field]);
  return {
    key,
    fields,
    password,
    digests: { row: digest(hashed), password: digest([password.value, password.type, password.salt]) },
  };
}

const reasonOf = (error: unknown) =>
  error instanceof ApiError
    ? translate('en', error.code, error.params)
    : error instanceof RowProblem
      ? error.message
      : undefined;

/** Rows written per look-up of existing users, with a turn for other work in between. */
const BATCH = 200;

/**
 * Brings the organization's users in line with the rows read: a row whose key no user has becomes
 * a new user (checked as add-user checks one); a user whose row changed since the last sync takes
 * the row's fields (as update-user takes them: renames, forbidding and new passwords end sessions
 * and tokens); the others are left alone, and so are users no row names. A row that cannot be
 * synced is reported and skipped; the others go on.
 */
export async function syncUsers(
  context: AppContext,
  syncer: Syncer,
  read: SourceRead,
  options: { signal?: AbortSignal; maxValueLength: number },
): Promise<SyncReport> {
  const mapping = mappingOf(syncer);
  const organization = await findOrganization(context.db, syncer.organization);
  if (!organization) throw new ApiError('object.organization_not_found', { name: syncer.organization });
  const caller = syncerCaller(syncer);
  const report: SyncReport = { read: read.rows.length, added: 0, updated: 0, unchanged: 0, rejected: [] };
  const seen = new Set<string>();
  const rows: SourceRow[] = [];
  read.rows.forEach((values, index) => {
    try {
      const row = readRow(syncer, mapping, read, values, options.maxValueLength);
      if (seen.has(row.key)) throw new RowProblem(`another row has the same ${mapping.keyField}`);
      seen.add(row.key);
      rows.push({ number: index + 1, ...row });
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === undefined) throw error;
      report.rejected.push({ row: index + 1, key: String(values[0] ?? ''), reason });
    }
  });

  const now = () => formatTime(context.clock.now());
  const sealedDigests = (digests: Digests) => context.secrets.seal(JSON.stringify(digests));

  async function add(row: SourceRow): Promise<void> {
    const body = {
      ...row.fields,
      owner: syncer.organization,
      registerType: 'Add Users',
      registerSource: `${syncer.organization}/${syncer.name}`,
    };
    const prepared = await prepareNewObject(context, userKind, caller, body);
    const password = await syncedPassword(
      context,
      row.password.value,
      row.password.type,
      row.password.salt,
      organization!.passwordType,
    );
    if (!password.ok) throw new RowProblem(password.problem);
    const sealed = sealedDigests(row.digests);
    prepared.object = {
      ...prepared.object,
      ...password.stored,
      hash: sealed,
      preHash: sealed,
      lastChangePasswordTime: password.stored.password ? now() : '',
    };
    await insertPrepared(context, userKind, [prepared]);
  }

  async function update(row: SourceRow, user: User, last: Digests | undefined): Promise<void> {
    const fields = Object.keys(row.fields);
    await updateObject(context, userKind, caller, {
      id: `${user.owner}/${user.name}`,
      body: row.fields,
      columns: fields.join(','),
    });
    const name = typeof row.fields.name === 'string' && row.fields.name ? row.fields.name : user.name;
    if (
      last?.password !== row.digests.password &&
      Object.values(PASSWORD_FIELDS).some((field) => mapping.entries.some((entry) => entry.field === field))
    ) {
      const password = await syncedPassword(
        context,
        row.password.value,
        row.password.type,
        row.password.salt,
        organization!.passwordType,
      );
      if (!password.ok) throw new RowProblem(password.problem);
      const time = now();
      const ended = await context.db.transaction().execute(async (trx) => {
        await updateUserFields(trx, user.owner, name, {
          ...password.stored,
          lastChangePasswordTime: password.stored.password ? time : '',
          updatedTime: time,
        });
        return terminateUserAccess(trx, user, { owner: user.owner, name });
      });
      ended(context);
    }
    const sealed = sealedDigests(row.digests);
    await updateUserFields(context.db, user.owner, name, { hash: sealed, preHash: sealed });
  }

  for (let start = 0; start < rows.length; start += BATCH) {
    if (options.signal?.aborted) throw new ApiError('syncer.failed', { detail: 'the server is stopping' });
    const batch = rows.slice(start, start + BATCH);
    const existing = await selectRows(context.db, context.dialect, {
      table: 'user',
      key: { owner: syncer.organization },
      oneOf: { column: mapping.keyField, values: batch.map((row) => row.key) },
    });
    const users = new Map(
      existing
        .map((stored) => codecs.user.decode(stored))
        .map((user) => [String(user[mapping.keyField as keyof User]), user]),
    );
    for (const row of batch) {
      try {
        const user = users.get(row.key);
        // The server's own administrator is never a synced user, whatever a table says.
        const named = `${syncer.organization}/${String(user?.name ?? row.fields.name ?? '')}`;
        if (userKind.builtIns?.includes(named)) throw new RowProblem(`${named} is built in and never synced`);
        if (!user) {
          await add(row);
          report.added += 1;
          continue;
        }
        const last = lastSynced(context, user);
        if (last?.row === row.digests.row && last.password === row.digests.password) {
          report.unchanged += 1;
          continue;
        }
        await update(row, user, last);
        report.updated += 1;
      } catch (error) {
        const reason = reasonOf(error);
        if (reason === undefined) throw error;
        report.rejected.push({ row: row.number, key: row.key, reason });
      }
    }
    await pause();
  }
  return report;
}
