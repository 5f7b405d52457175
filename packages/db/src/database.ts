import type { Row } from './row.ts';
import type { tables } from './tables.ts';

/** The typed database: each table's row type comes from its schema. */
export type Database = { [K in keyof typeof tables]: Row<(typeof tables)[K]> };

export type Rows = Database;
