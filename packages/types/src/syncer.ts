import { type Static, Type as T } from '@sinclair/typebox';
import { flag, list, text, texts, whole } from './fields.ts';

/** One column of a syncer's table and the user field it fills (Casdoor's `TableColumn`). */
export const SyncerTableColumn = T.Object({
  name: text('The column in the outside table; "first+last" joins several with a space'),
  type: text('string, integer or boolean'),
  casdoorName: text('The user field, as Casdoor names it: Name, Email, DisplayName, Password …'),
  isKey: flag('The column that finds the user again (else the one named "id", else the first)'),
  isHashed: flag('A change of this column updates the user'),
  values: texts(),
});

export type SyncerTableColumn = Static<typeof SyncerTableColumn>;

/** Casdoor's syncer: users copied from an outside database table into an organization, on a schedule. */
export const Syncer = T.Object({
  owner: text('"admin", or the organization itself (as Casdoor\'s SDKs write it)'),
  name: text(),
  createdTime: text(),
  organization: text('The organization the users are synced into'),
  type: text('Database (the only type Latchkey runs)'),
  databaseType: text('postgres or mysql'),
  sslMode: text('disable (the default), require or verify-full'),
  sshType: text(),
  host: text(),
  port: whole(),
  user: text(),
  password: text('Sealed at rest; "***" in responses'),
  sshHost: text(),
  sshPort: whole(),
  sshUser: text(),
  sshPassword: text('Sealed at rest; "***" in responses'),
  cert: text(),
  database: text(),
  table: text('The table (or schema.table) the users are read from'),
  tableColumns: list(SyncerTableColumn),
  affiliationTable: text('A table of (id, name) whose name becomes the affiliation of users whose Score is its id'),
  avatarBaseUrl: text(),
  errorText: text('What went wrong in the last runs (kept by the server)'),
  syncInterval: whole(0, 'Seconds between runs'),
  isReadOnly: flag(),
  isEnabled: flag(),
});

export type Syncer = Static<typeof Syncer>;
