/*
 * What tests need of the database and nothing in production uses: fresh test databases, rows read
 * back to check what was stored, the queries a call runs, fingerprints to tell whether anything was written, and a look into
 * the database of a server running in another process.
 */

export { ACL_MODEL } from './testing/acl-model.ts';
export { countingSelects } from './testing/counted-selects.ts';
export { type LeftOut, tableFingerprints } from './testing/fingerprints.ts';
export { rowsOfOrganization } from './testing/organization-rows.ts';
export {
  appliedMigrations,
  migrationTableExists,
  openServerDatabase,
  type ServerDatabaseLocation,
  sqliteIntegrity,
} from './testing/server-database.ts';
export {
  countStoredRows,
  type StoredColumn,
  type StoredRowMatch,
  storedRow,
  storedRows,
} from './testing/stored-rows.ts';
export {
  createMysqlSource,
  createPostgresSource,
  mysqlAvailable,
  type SourceColumnType,
  type SourceTables,
  type SourceValue,
} from './testing/syncer-sources.ts';
export {
  createPostgresDatabase,
  type DropOptions,
  openTestDb,
  type TestDb,
  testPostgresUrl,
} from './testing/test-db.ts';
export { type WalProgress, walProgress } from './testing/wal-progress.ts';
