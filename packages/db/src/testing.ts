/*
 * What tests need of the database and nothing in production uses: fresh test databases, rows read
 * back to check what was stored, fingerprints to tell whether anything was written, and a look into
 * the database of a server running in another process.
 */
export { openTestDb, testPostgresUrl, createPostgresDatabase, type TestDb } from './testing/test-db.ts';
export { storedRows, storedRow, countStoredRows, type StoredColumn, type StoredRowMatch } from './testing/stored-rows.ts';
export { tableFingerprints, type LeftOut } from './testing/fingerprints.ts';
export { rowsOfOrganization } from './testing/organization-rows.ts';
export { openServerDatabase, appliedMigrations, migrationTableExists, sqliteIntegrity, type ServerDatabaseLocation } from './testing/server-database.ts';
export { ACL_MODEL } from './testing/acl-model.ts';
