import type { SourceTables } from '@latchkey/db/testing';

/** A full TableColumn, as Casdoor's console sends them: a column of the syncer's table and the user field it fills. */
export const syncerColumn = (name: string, casdoorName: string, { isKey = false } = {}) => ({
  name,
  type: 'string',
  casdoorName,
  isKey,
  isHashed: true,
  values: [],
});

/** A Database syncer of acme that reads `source` (its address, user and database; the rest from the test). */
export const sourceSyncer = (source: SourceTables, databaseType: 'postgres' | 'mysql', name: string) => ({
  owner: 'admin',
  name,
  organization: 'acme',
  type: 'Database',
  databaseType,
  host: source.host,
  port: source.port,
  user: source.user,
  database: source.database,
});
