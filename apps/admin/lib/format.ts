import type { Language } from '@latchkey/i18n';

/** A Casdoor time (RFC 3339) in the reader's language, in UTC; '' stays ''. */
export function formatTime(language: Language, value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

/** When a token stops working: issued + lifetime in seconds (0 = revoked). */
export function tokenExpiry(
  createdTime: unknown,
  expiresIn: unknown,
): { state: 'revoked' | 'expired' | 'active'; at?: string } {
  const seconds = Number(expiresIn);
  if (!seconds || seconds <= 0) return { state: 'revoked' };
  const issued = new Date(String(createdTime ?? ''));
  if (Number.isNaN(issued.getTime())) return { state: 'active' };
  const at = new Date(issued.getTime() + seconds * 1000);
  return { state: at.getTime() < Date.now() ? 'expired' : 'active', at: at.toISOString() };
}

/**
 * Who made a recorded call: the signed-in caller, or, for a sign-in (which nobody is signed in for
 * yet), the account it named.
 */
export function recordCaller(record: object & { user?: unknown; action?: unknown; object?: unknown }): string {
  if (typeof record.user === 'string' && record.user) return record.user;
  if (record.action !== 'login' || typeof record.object !== 'string') return '';
  try {
    const body = JSON.parse(record.object) as { organization?: unknown; username?: unknown };
    return typeof body.username === 'string' && body.username
      ? `${typeof body.organization === 'string' ? body.organization : ''}/${body.username}`
      : '';
  } catch {
    return '';
  }
}

/**
 * How a recorded call ended, from the answer kept with it: Casdoor's envelope is HTTP 200 for a
 * refusal too (a wrong password), so the status code alone does not say.
 */
export function recordOutcome(record: object & { response?: unknown; statusCode?: unknown }): {
  ok: boolean;
  message: string;
} {
  try {
    const answer = JSON.parse(String(record.response ?? '')) as { status?: unknown; msg?: unknown };
    if (answer.status === 'ok' || answer.status === 'error')
      return { ok: answer.status === 'ok', message: typeof answer.msg === 'string' ? answer.msg : '' };
  } catch {
    // not an envelope: the status code says what there is to say
  }
  return { ok: Number(record.statusCode) < 400, message: '' };
}

/** Names of fields whose values are credentials (the server records none; this masks any older record's). */
const secretField =
  /secret|password|passcode|token|privatekey|^code$|(email|phone|recovery|verification|invitation)code$/i;

function masked(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      secretField.test(key) && typeof item === 'string' && item !== '' ? '[REDACTED]' : masked(item, depth + 1),
    ]),
  );
}

/** A recorded body or answer for reading: JSON laid out, with the values of secret fields masked. */
export function maskSecrets(text: string): string {
  try {
    return JSON.stringify(masked(JSON.parse(text), 0), null, 2);
  } catch {
    return text;
  }
}
