import 'server-only';
import type { Language } from '@latchkey/i18n';
import { cookies, headers } from 'next/headers';
import { SESSION_COOKIE } from './cookie-names';
import { apiUrl, portalSecret } from './env';

export type Query = Record<string, string | number | boolean | null | undefined>;

/** One answer of the API in Casdoor's envelope. */
export interface ApiResult<D = unknown, D2 = unknown> {
  ok: boolean;
  msg: string;
  data: D;
  data2: D2;
  /** The API refused because nobody is signed in. */
  signedOut: boolean;
  /** Set-Cookie headers of the answer (sign-in and sign-out). */
  setCookies: string[];
}

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (set-password, as Casdoor's clients do). */
  form?: Record<string, string>;
  /** The language of messages. */
  language: Language;
  /** Send no session cookie (sign-in). */
  anonymous?: boolean;
  /** A Cookie header to send instead of the session's (the second step of a sign-in). */
  cookie?: string;
}

function urlOf(path: string, query: Query | undefined): string {
  const url = new URL(`${apiUrl}${path}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

async function requestHeaders(options: RequestOptions): Promise<Headers> {
  const incoming = await headers();
  const outgoing = new Headers({ accept: 'application/json' });
  if (options.cookie) outgoing.set('cookie', options.cookie);
  else if (!options.anonymous) {
    const session = (await cookies()).get(SESSION_COOKIE)?.value;
    if (session) outgoing.set('cookie', `${SESSION_COOKIE}=${session}`);
  }
  outgoing.set('accept-language', options.language);
  const userAgent = incoming.get('user-agent');
  if (userAgent) outgoing.set('user-agent', userAgent);
  const clientIp = incoming.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (clientIp && portalSecret) {
    outgoing.set('x-forwarded-for', clientIp);
    outgoing.set('x-latchkey-portal', portalSecret);
  }
  return outgoing;
}

/**
 * Calls the public API with this request's session cookie, in the language given. The bottom layer
 * of the console's API access: it knows nothing of accounts or of the user's language, so that
 * session.ts can ask who is signed in through it; everything else calls lib/api.ts.
 */
export async function requestApi<D = unknown, D2 = unknown>(
  method: 'GET' | 'POST',
  path: string,
  options: RequestOptions,
): Promise<ApiResult<D, D2>> {
  const requestHeaders_ = await requestHeaders(options);
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    requestHeaders_.set('content-type', 'application/json');
  } else if (options.form) {
    body = new URLSearchParams(options.form).toString();
    requestHeaders_.set('content-type', 'application/x-www-form-urlencoded');
  }
  const response = await fetch(urlOf(path, options.query), {
    method,
    headers: requestHeaders_,
    body,
    cache: 'no-store',
    redirect: 'manual',
  });
  const text = await response.text();
  let envelope: { status?: string; msg?: string; data?: unknown; data2?: unknown } = {};
  try {
    envelope = text ? JSON.parse(text) : {};
  } catch {
    envelope = { status: 'error', msg: text.slice(0, 200) || `HTTP ${response.status}` };
  }
  const ok = envelope.status === 'ok';
  return {
    ok,
    msg: envelope.msg ?? '',
    data: envelope.data as D,
    data2: envelope.data2 as D2,
    signedOut: !ok && envelope.data === 'Please login first',
    setCookies: response.headers.getSetCookie(),
  };
}
