import { listUsersAfter } from '@latchkey/db';
import { User } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { isProviderTokenProperty } from '../provider-tokens.ts';
import { defuseFormulaCell } from '../upload/formula-cells.ts';

/**
 * Fields an export leaves out: where the user is and when it was written (an import gives those
 * anew), what the server keeps about sign-ins and second factors, and every secret. An access key
 * is unique across organizations, so it could not be imported next to its original either.
 */
const LEFT_OUT = new Set<string>([
  'owner',
  'id',
  'createdTime',
  'updatedTime',
  'deletedTime',
  'password',
  'passwordSalt',
  'passwordType',
  'hash',
  'preHash',
  'accessKey',
  'accessSecret',
  'originalToken',
  'originalRefreshToken',
  'totpSecret',
  'recoveryCodes',
  'preferredMfaType',
  'mfaPhoneEnabled',
  'mfaEmailEnabled',
  'webauthnCredentials',
  'ldap',
  'isOnline',
  'isDeleted',
  'signupApplication',
  'registerType',
  'registerSource',
  'createdIp',
  'lastSigninTime',
  'lastSigninIp',
  'lastSigninWrongTime',
  'signinWrongTimes',
  'lastChangePasswordTime',
]);

/** The columns of an export, in the order of the User schema: the fields an import reads back. */
export const EXPORT_COLUMNS = Object.keys(User.properties).filter((field) => !LEFT_OUT.has(field));

/**
 * The secret columns a global administrator may ask for: the stored password (a hash, under a name
 * of its own so that an import never takes it for a password to hash) and the access key pair.
 */
export const SECRET_COLUMNS = ['passwordHash', 'passwordType', 'passwordSalt', 'accessKey', 'accessSecret'] as const;

const PAGE = 500;

function csvCell(value: string): string {
  const defused = defuseFormulaCell(value);
  return /[",;\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** A field's value as text, as the import reads it back: flags 1/0, lists joined by `;`, objects as JSON. */
function fieldText(user: User, field: string): string {
  const value = (user as Record<string, unknown>)[field];
  if (field === 'groups' && Array.isArray(value)) {
    // A group of the user's own organization by its name alone, so that the file imports into another organization.
    return value
      .map((group) => {
        const text = String(group);
        return text.startsWith(`${user.owner}/`) ? text.slice(user.owner.length + 1) : text;
      })
      .join(';');
  }
  if (field === 'properties' && value && typeof value === 'object') {
    // The providers' tokens are secrets, and sealed: they stay behind.
    const kept = Object.entries(value).filter(([key]) => !isProviderTokenProperty(key));
    return kept.length > 0 ? JSON.stringify(Object.fromEntries(kept)) : '';
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (value && typeof value === 'object') return Object.keys(value).length > 0 ? JSON.stringify(value) : '';
  return value === undefined || value === null ? '' : String(value);
}

function secretText(context: AppContext, user: User, column: (typeof SECRET_COLUMNS)[number]): string {
  switch (column) {
    case 'passwordHash':
      return user.password;
    case 'accessSecret':
      return user.accessSecret ? context.secrets.open(user.accessSecret) : '';
    default:
      return user[column];
  }
}

/**
 * An organization's users as CSV (RFC 4180, CR LF, a byte-order mark for spreadsheet programs),
 * read page by page as the stream is consumed. Every cell that a spreadsheet would take for a
 * formula is written as text. Secrets only when `withSecrets` (the route allows it to global
 * administrators alone).
 */
export function exportUsersCsv(
  context: AppContext,
  organization: string,
  withSecrets: boolean,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const columns = [...EXPORT_COLUMNS, ...(withSecrets ? SECRET_COLUMNS : [])];
  let after = '';
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\ufeff${columns.join(',')}\r\n`));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const users = await listUsersAfter(context.db, organization, after, PAGE);
      if (users.length < PAGE) done = true;
      if (users.length === 0) {
        controller.close();
        return;
      }
      after = users.at(-1)!.name;
      const lines = users
        .filter((user) => !user.isDeleted)
        .map((user) => {
          const cells = EXPORT_COLUMNS.map((field) => fieldText(user, field));
          if (withSecrets) for (const column of SECRET_COLUMNS) cells.push(secretText(context, user, column));
          return `${cells.map(csvCell).join(',')}\r\n`;
        });
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}
