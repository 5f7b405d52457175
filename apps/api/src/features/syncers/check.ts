import { isIP } from 'node:net';
import { columnsOfMapping, isPlainIdentifier, isTableName } from '@latchkey/db';
import type { Syncer } from '@latchkey/types';
import { ApiError } from '../../core/errors/api-error.ts';
import { KEY_FIELDS, syncableField } from './user-fields.ts';

/** The one syncer type Latchkey runs, and the databases it reads. */
export const DATABASE_TYPE = 'Database';
export const DATABASE_TYPES = ['postgres', 'mysql'] as const;
export const SSL_MODES = ['', 'disable', 'require', 'verify-full'] as const;

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function isHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIP(bare) !== 0 || HOST_NAME.test(host);
}

/**
 * What a syncer may never hold, enabled or not: table and column names that are not plain
 * identifiers (they end up in SQL), user fields a syncer may not fill, and malformed numbers. The
 * host is free text until the syncer is enabled or run (see runProblem), as in Casdoor.
 */
export function checkSyncerShape(syncer: Syncer): void {
  if (!Number.isInteger(syncer.port) || syncer.port < 0 || syncer.port > 65535)
    throw new ApiError('syncer.port_invalid');
  if (syncer.syncInterval < 0) throw new ApiError('syncer.interval_invalid');
  for (const table of [syncer.table, syncer.affiliationTable]) {
    if (table && !isTableName(table)) throw new ApiError('syncer.table_invalid', { name: table });
  }
  for (const column of syncer.tableColumns) {
    if (!columnsOfMapping(column.name).every(isPlainIdentifier))
      throw new ApiError('syncer.column_invalid', { name: column.name });
    if (!syncableField(column.casdoorName))
      throw new ApiError('syncer.field_not_syncable', { field: column.casdoorName });
  }
}

/** The column whose value finds a row's user again: the key column, else the one named "id", else the first (as Casdoor). */
export function keyColumnOf(syncer: Syncer) {
  return (
    syncer.tableColumns.find((column) => column.isKey) ??
    syncer.tableColumns.find((column) => column.name === 'id') ??
    syncer.tableColumns[0]
  );
}

/**
 * Why a syncer cannot run, or undefined: a type or database Latchkey does not run, an SSH tunnel,
 * a missing or malformed connection setting, a missing mapping. Checked when a syncer is enabled and before each run.
 */
export function runProblem(syncer: Syncer): ApiError | undefined {
  if ((syncer.type || DATABASE_TYPE) !== DATABASE_TYPE)
    return new ApiError('syncer.type_not_supported', { type: syncer.type });
  if (!(DATABASE_TYPES as readonly string[]).includes(syncer.databaseType))
    return new ApiError('syncer.database_type_not_supported', { databaseType: syncer.databaseType });
  if (syncer.sshType) return new ApiError('syncer.ssh_not_supported');
  if (!(SSL_MODES as readonly string[]).includes(syncer.sslMode))
    return new ApiError('syncer.ssl_mode_invalid', { sslMode: syncer.sslMode });
  for (const field of ['host', 'user', 'database', 'table'] as const) {
    if (!syncer[field]) return new ApiError('syncer.connection_incomplete', { field });
  }
  if (!isHost(syncer.host)) return new ApiError('syncer.host_invalid');
  if (syncer.tableColumns.length === 0) return new ApiError('syncer.columns_required');
  const fields = syncer.tableColumns.map((column) => syncableField(column.casdoorName));
  if (!fields.includes('name') && !fields.includes('id')) return new ApiError('syncer.name_column_required');
  const key = syncableField(keyColumnOf(syncer)!.casdoorName)!;
  if (!(KEY_FIELDS as readonly string[]).includes(key))
    return new ApiError('syncer.field_not_syncable', { field: keyColumnOf(syncer)!.casdoorName });
  return undefined;
}
