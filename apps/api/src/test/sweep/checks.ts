import { type TableName, tables } from '@latchkey/db';
import { tableFingerprints } from '@latchkey/db/testing';
import type { TestApp } from '../create-test-app.ts';

/**
 * Tables a refused request may still write to: the audit log records refusals, and the rate
 * limiter counts every request. The outbox and its delivery log are written by the background
 * delivery of webhooks (the audit log's records, refusals included, are events webhooks hear),
 * whenever a delivery is due, not by the request.
 */
const WRITTEN_BY_REFUSALS = new Set(['record', 'rate_limit', 'outbound_delivery', 'outbound_delivery_log']);

const fingerprinted = (Object.keys(tables) as TableName[]).filter((table) => !WRITTEN_BY_REFUSALS.has(table));
/** Columns a refusal writes on purpose: a wrong password counts towards the user's lockout. */
const LOCKOUT_COLUMNS = { user: ['signinWrongTimes', 'lastSigninWrongTime'] };
/** The audit log's own row count moves with every refusal it records. */
const AUDIT_LOG_COUNT = { object_count: { tableName: 'record' } };

/** Row count and a hash of every row of each table (the test database is small). */
export function tableFingerprint(t: TestApp): Promise<Record<string, string>> {
  return tableFingerprints(t.context.db, t.context.dialect, fingerprinted, {
    columns: LOCKOUT_COLUMNS,
    rows: AUDIT_LOG_COUNT,
  });
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((table) => before[table] !== after[table]);
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

const STACK_OR_SQL = [
  /\bat [\w$.<>[\] ]+ \(?[^()\s]*\.[cm]?[jt]sx?:\d+/, // a stack frame
  /node_modules\//,
  /\bSQLITE_[A-Z]+|sqlite3?_/i,
  /syntax error at or near|relation "[^"]*"|violates (?:not-null|unique|foreign key|check) constraint|invalid byte sequence/i,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /,
];

/** Why an answer breaks the rule (nothing when it keeps it): status below 500, the envelope or OAuth JSON, no stack. */
export function ruleBroken(answer: Answer, method: string): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  // An answer to HEAD has no body to judge.
  if (method === 'HEAD') return undefined;
  const type = answer.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  if (isJson || type.includes('html')) {
    for (const pattern of STACK_OR_SQL)
      if (pattern.test(answer.text)) return `internal detail ${pattern}: ${answer.text.slice(0, 300)}`;
  }
  if (answer.status >= 300 && answer.status < 400)
    return answer.headers.get('location') ? undefined : `redirect without Location`;
  if (!isJson) {
    if (answer.status >= 400 && !type.includes('html'))
      return `HTTP ${answer.status} with ${type || 'no content type'}: ${answer.text.slice(0, 200)}`;
    return undefined;
  }
  if (answer.json === undefined) return `not JSON: ${answer.text.slice(0, 200)}`;
  const body = answer.json;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    if ('error' in body && !('status' in body)) {
      if (typeof body.error !== 'string' || !/^[a-z_]+$/.test(body.error))
        return `OAuth error code ${JSON.stringify(body.error)}`;
      if (typeof body.error_description !== 'string' || !body.error_description)
        return `OAuth error without a description: ${answer.text.slice(0, 200)}`;
      return untranslated(body.error_description);
    }
    if (body.status === 'error') {
      if (!('data' in body) || !('data2' in body)) return `envelope without data/data2: ${answer.text.slice(0, 200)}`;
      if (typeof body.msg !== 'string' || !body.msg)
        return `error envelope without a message: ${answer.text.slice(0, 200)}`;
      return untranslated(body.msg);
    }
    if (body.status === 'ok') return 'data' in body ? undefined : `envelope without data: ${answer.text.slice(0, 200)}`;
  }
  // Documents that are not envelopes (discovery, JWKS, UserInfo, OpenAPI) are fine when the request succeeded.
  return answer.status >= 400
    ? `HTTP ${answer.status} body is neither the envelope nor OAuth JSON: ${answer.text.slice(0, 200)}`
    : undefined;
}

/** A message that is still its message id (`object.not_found`) was never translated. */
function untranslated(message: string): string | undefined {
  return /^[a-z_]+\.[a-z_]+$/.test(message) ? `untranslated message ${message}` : undefined;
}

/** Whether the server refused the request: an error envelope or an OAuth error. */
export function wasRefused(answer: Answer): boolean {
  const body = answer.json;
  if (!body || typeof body !== 'object') return answer.status >= 400;
  return body.status === 'error' || (typeof body.error === 'string' && !('status' in body));
}
