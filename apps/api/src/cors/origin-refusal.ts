import { translate } from '@latchkey/i18n';
import { requestInfo } from '../http/request-info.ts';
import type { CorsDecision } from './cors-policy.ts';

/** The 403 of a refused origin: the Casdoor envelope, in the caller's language, without CORS headers. */
export function originRefusal(request: Request, reason: 'malformed' | 'not_allowed'): Response {
  const info = requestInfo(request);
  const code = reason === 'malformed' ? 'auth.origin_malformed' : 'auth.origin_not_allowed';
  const body = { status: 'error', msg: translate(info.language, code), data: null, data2: null };
  return new Response(JSON.stringify(body), {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', vary: 'Origin', 'x-request-id': info.id },
  });
}

export type AskIdentity = Extract<CorsDecision, { kind: 'ask_identity' }>;

const awaiting = new WeakMap<Request, AskIdentity>();

/** Notes that a request's CORS treatment waits for its caller (the origin step hands it to the caller step). */
export function awaitCaller(request: Request, pending: AskIdentity): void {
  awaiting.set(request, pending);
}

/** The pending decision of a request, once: the caller step takes it. */
export function takeAwaitingCaller(request: Request): AskIdentity | undefined {
  const pending = awaiting.get(request);
  if (pending) awaiting.delete(request);
  return pending;
}
