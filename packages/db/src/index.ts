export { createDb, type Db, type DbOptions, type DialectName } from './create-db.ts';
export { migrateToLatest, migrations, MigrationError } from './migrate.ts';
export { createCodec, type Codec } from './codec.ts';
export { codecs } from './codecs.ts';
export { columnKinds, type Row, type Column, type ColumnKind } from './row.ts';
export { tables, TokenTable, SessionTable, CasbinRuleTable, ObjectCountTable, type TableName } from './tables.ts';
export { containsText, escapeLike } from './dialect.ts';
export type { Database } from './database.ts';
export * from './repositories/index.ts';
