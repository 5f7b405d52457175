import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, whole } from './fields.ts';

export const Adapter = T.Object({
  owner: text(),
  name: text(),
  createdTime: text(),
  type: text(),
  databaseType: text(),
  host: text(),
  port: whole(),
  user: text(),
  password: text('Masked in responses'),
  database: text(),
  table: text(),
  tableNamePrefix: text(),
  useSameDb: flag(),
  isEnabled: flag(),
});

export type Adapter = Static<typeof Adapter>;
