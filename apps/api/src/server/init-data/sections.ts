import type { TableName } from '@latchkey/db';

/**
 * The sections of Casdoor's init_data.json that Latchkey imports and exports, in import order
 * (referenced objects first). `emptyOwner` is the owner an entry without one gets ("" when it must
 * name its organization).
 */
export const importedSections = [
  { section: 'organizations', table: 'organization', label: 'organization', emptyOwner: 'admin' },
  { section: 'certs', table: 'cert', label: 'cert', emptyOwner: 'admin' },
  { section: 'providers', table: 'provider', label: 'provider', emptyOwner: 'admin' },
  { section: 'applications', table: 'application', label: 'application', emptyOwner: 'admin' },
  { section: 'groups', table: 'group', label: 'group', emptyOwner: '' },
  { section: 'users', table: 'user', label: 'user', emptyOwner: '' },
  { section: 'models', table: 'model', label: 'model', emptyOwner: 'admin' },
  { section: 'adapters', table: 'adapter', label: 'adapter', emptyOwner: 'admin' },
  { section: 'enforcers', table: 'enforcer', label: 'enforcer', emptyOwner: 'admin' },
  { section: 'roles', table: 'role', label: 'role', emptyOwner: '' },
  { section: 'permissions', table: 'permission', label: 'permission', emptyOwner: '' },
  { section: 'webhooks', table: 'webhook', label: 'webhook', emptyOwner: 'admin' },
] as const satisfies readonly { section: string; table: TableName; label: string; emptyOwner: string }[];

export type ImportedSection = (typeof importedSections)[number]['section'];
export type ImportedTable = (typeof importedSections)[number]['table'];

/** Enforcer id (owner/name) → its policy lines, as Casdoor writes them next to the sections. */
export const ENFORCER_POLICIES = 'enforcerPolicies';

/**
 * Fields kept encrypted at rest (sealed with the secret key). Import seals them; export opens them
 * only when secrets are asked for and blanks them otherwise.
 */
export const sealedFields: Partial<Record<ImportedTable, readonly string[]>> = {
  application: ['clientSecret'],
  cert: ['privateKey'],
  user: ['accessSecret', 'totpSecret', 'originalToken', 'originalRefreshToken'],
  provider: ['clientSecret', 'clientSecret2'],
};

/**
 * Secret fields stored as they are (hashes, or values other parts read in plain); export blanks them
 * unless secrets are asked for. Recovery codes are stored as hashes (import hashes those in clear).
 */
export const plainSecretFields: Partial<Record<ImportedTable, readonly string[]>> = {
  user: ['password', 'passwordSalt', 'recoveryCodes'],
  adapter: ['password'],
};
