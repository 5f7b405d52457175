import { codecs, groupedInsert } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { AuditRecord } from '@latchkey/types';
import { Elysia } from 'elysia';
import { type AppContext, formatTime } from '../../core/context.ts';
import { apiErrorOf } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { redactObject, redactPathAndQuery } from '../../core/logging/redact.ts';
import { isApiPath, isRecordedRead, pathAndQueryOf } from '../../http/paths.ts';
import { type AuditNote, requestStateOf } from '../../http/request-state.ts';
import { sendWebhooks } from '../integrations/webhook-deliver.ts';
import { maskUser } from '../users/mask.ts';

const MAX_URI = 1000;
const MAX_OBJECT = 8000;
/** The action of the record that describes a user who signed up (Casdoor's name for it). */
export const NEW_USER_ACTION = 'new-user';

/** The data of an answer a record keeps: what a write changed. */
const keptAnswers = new Set(['Affected', 'Unaffected']);

const pendingWrites = new WeakMap<AppContext, Set<Promise<void>>>();

/** Records are stored grouped with the others of this turn of the event loop (one INSERT, one commit). */
const records = groupedInsert<AuditRecord>('record', codecs.record);

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A body for the record: secrets redacted, files named but not kept. */
function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  const shown =
    body && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(
          Object.entries(body).map(([key, value]) => [
            key,
            value instanceof Blob ? `(file ${(value as File).name ?? ''}, ${value.size} bytes)` : value,
          ]),
        )
      : body;
  return clip(JSON.stringify(redactObject(shown)), MAX_OBJECT);
}

function describeResponse(note: AuditNote, value: unknown, statusCode: number): string {
  const noted = note.failure;
  const failure =
    note.answeredFailure ?? (noted && { status: 'error', msg: translate('en', noted.code, noted.params) });
  if (failure) return JSON.stringify(failure);
  if (value && typeof value === 'object' && typeof (value as { status?: unknown }).status === 'string') {
    const { status, msg, data } = value as { status: string; msg?: string; data?: unknown };
    return JSON.stringify({
      status,
      msg: msg ?? '',
      // Only the answers of writes that say what changed: any other data may be a credential (the
      // authorization code of a sign-in, say), which has no place in a log its administrators read.
      ...(typeof data === 'string' && keptAnswers.has(data) ? { data } : {}),
    });
  }
  return JSON.stringify({ status: statusCode < 400 ? 'ok' : 'error', msg: '' });
}

/**
 * The audit log: every write to /api/* (and logout), and every sign-in through the OAuth
 * endpoints, becomes a record of who did it (user or application, and its organization), what
 * (method, path with secrets redacted, body with secrets redacted, outcome), when and from which
 * address. Written after the answer has gone out;
 * each record is then sent to the webhooks that listen for its action (webhooks/deliver.ts).
 */
export function auditLog(context: AppContext) {
  const pending = new Set<Promise<void>>();
  pendingWrites.set(context, pending);
  const record = ({ request, set, responseValue, body, identity }: AnsweredRequest) => {
    // The route's one spelling: `/api/login/` is recorded as the action `login`, as `/api/login` is.
    const state = requestStateOf(request);
    const { audit } = state;
    const path = state.routePath;
    const notedAction = audit.action;
    if (
      !notedAction &&
      (!isApiPath(path) ||
        audit.unrouted ||
        (['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !isRecordedRead(path)))
    )
      return;
    // A route that answers with a Response of its own (a page, a redirect) sets its status there.
    const statusCode =
      responseValue instanceof Response
        ? responseValue.status
        : typeof set.status === 'number'
          ? set.status
          : Number(set.status) || 200;
    // Refused by the rate limit before anything ran: recording each one would let a flood write the log.
    if (statusCode === 429) return;
    // A sign-in or sign-up arrives anonymous; its record names the user it signed in.
    const signedIn = audit.signIn;
    const callerOrganization = signedIn
      ? signedIn.user.owner
      : identity && identity.kind !== 'anonymous'
        ? identity.organization
        : '';
    const named =
      body && typeof body === 'object' && typeof (body as { organization?: unknown }).organization === 'string'
        ? (body as { organization: string }).organization
        : '';
    const entry: AuditRecord = {
      owner: audit.organization ?? (callerOrganization || named),
      // Time-ordered, so that records of the same second still sort in the order they happened.
      name: Bun.randomUUIDv7(),
      createdTime: formatTime(context.clock.now()),
      organization: callerOrganization,
      clientIp: state.clientIp,
      user: signedIn
        ? `${signedIn.user.owner}/${signedIn.user.name}`
        : identity && identity.kind !== 'anonymous'
          ? identity.id
          : '',
      method: request.method,
      requestUri: clip(redactPathAndQuery(pathAndQueryOf(request)), MAX_URI),
      action: notedAction ?? path.slice('/api/'.length),
      language: state.language,
      object: describeBody(body),
      response: describeResponse(audit, responseValue, statusCode),
      statusCode,
      isTriggered: false,
    };
    const entries = [entry];
    // Casdoor's second record of a sign-up, describing the new user (secrets left out).
    if (signedIn?.isNew) {
      const user = maskUser(signedIn.user, { revealAccessSecret: false, secrets: context.secrets });
      entries.push({ ...entry, name: Bun.randomUUIDv7(), action: NEW_USER_ACTION, object: describeBody(user) });
    }
    for (const also of audit.alsoRecorded ?? [])
      entries.push({ ...entry, name: Bun.randomUUIDv7(), action: also.action, object: describeBody(also.object) });
    for (const each of entries) {
      const write = records
        .write(context, each)
        // Webhooks are sent once the record they carry exists (it is marked when one is delivered).
        .then(() => sendWebhooks(context, each))
        .catch((error: unknown) =>
          context.log.error('audit record not written', { requestId: state.id, error: errorMessage(error) }),
        )
        .finally(() => pending.delete(write));
      pending.add(write);
    }
  };
  return new Elysia({ name: 'audit-log' })
    .onError({ as: 'global' }, ({ request, error, code }) => {
      const { audit } = requestStateOf(request);
      if (code === 'NOT_FOUND') audit.unrouted = true;
      const apiError = apiErrorOf(error);
      const msg = apiError
        ? translate('en', apiError.code, apiError.params)
        : error instanceof OAuthError
          ? translate('en', error.description, error.params)
          : 'internal error';
      audit.answeredFailure = { status: 'error', msg };
    })
    .onAfterResponse({ as: 'global' }, record as never);
}

/**
 * The parts of a request's context the record is made of. Named in the hook's parameter (rather
 * than read from the whole context) so that the framework sees what the hook uses and does not
 * prepare the rest for every request.
 */
interface AnsweredRequest {
  request: Request;
  set: { status?: number | string };
  responseValue?: unknown;
  body?: unknown;
  identity?: Identity;
}

/** Waits until every audit record of the requests answered so far is written (tests, shutdown). */
export async function flushAuditLog(context: AppContext): Promise<void> {
  // The hooks run just after each answer has gone out; let those still queued start first.
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...(pendingWrites.get(context) ?? [])]);
  }
}
