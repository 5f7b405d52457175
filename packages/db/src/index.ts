export {
  ANY_TABLE,
  type ChangedTable,
  ChangeFeed,
  changedTable,
  concerns,
  POLICY_TABLES,
  WATCHED_TABLES,
  type WatchedTable,
} from './change-feed.ts';
export { changeFeedOf, createDb, type Db, type DbOptions, type DialectName } from './create-db.ts';
export type { Database } from './database.ts';
export { containsText, escapeLike } from './dialect.ts';
export {
  columnsOfMapping,
  isPlainIdentifier,
  isTableName,
  quoteIdentifier,
  quoteTable,
} from './external/identifiers.ts';
export { readMysqlSource } from './external/mysql-source.ts';
export {
  readPostgresSource,
  SourceError,
  type SourceLimits,
  type SourceProblem,
  type SourceRead,
  type SourceRequest,
  type SourceServer,
} from './external/postgres-source.ts';
export { type GroupedInsert, groupedInsert, type RowValues } from './grouped-insert.ts';
export { pingDatabase } from './health.ts';
export {
  MigrationError,
  type MigrationHooks,
  migrateToLatest,
  migrations,
  migrationsWith,
  pendingMigrations,
} from './migrate.ts';
export { executePrepared, selectPrepared } from './prepared.ts';
export * from './repositories/index.ts';
export { type Column, type ColumnKind, columnKinds, type Row } from './row.ts';
export { type Codec, createCodec } from './row-codec.ts';
export { codecs } from './table-codecs.ts';
export { CasbinRuleTable, ObjectCountTable, SessionTable, type TableName, TokenTable, tables } from './tables.ts';
export {
  BACKSTOP_PAGES,
  type CheckpointResult,
  startWalCheckpointer,
  type WalCheckpointer,
  type WalCheckpointerOptions,
} from './wal-checkpointer.ts';
