/**
 * Requests of the fairness benchmark. Every one carries a deadline (AbortSignal.timeout), so a
 * server that stops answering costs the benchmark a timeout, never a hang. The server runs with
 * LATCHKEY_TRUST_PROXY=true, so `from` (sent as X-Forwarded-For) is the client address it sees:
 * the attacker, organization X's administrator and organization Y's users each get their own, as
 * they would behind a reverse proxy, while every connection stays on loopback.
 */
export interface CallOptions {
  /** The client address the server sees (X-Forwarded-For). */
  from: string;
  cookie?: string;
  /** A JSON value, form fields (URLSearchParams), multipart form or raw bytes; GET when absent. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface Answer {
  status: number;
  /** The parsed JSON answer, or undefined when the answer was not JSON. */
  json: any;
  headers: Headers;
}

function encodeBody(body: unknown): { body?: BodyInit; contentType?: string } {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams) return { body, contentType: 'application/x-www-form-urlencoded' };
  if (body instanceof FormData) return { body };
  if (body instanceof Uint8Array) return { body: body as Uint8Array<ArrayBuffer>, contentType: 'application/json' };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** One request with a deadline; throws on timeout or a network error. */
export async function call(url: string, path: string, options: CallOptions): Promise<Answer> {
  const { body, contentType } = encodeBody(options.body);
  const response = await fetch(`${url}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      'x-forwarded-for': options.from,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, headers: response.headers };
}

/** A Casdoor envelope call that must succeed; answers `data`. */
export async function api(url: string, path: string, options: CallOptions): Promise<any> {
  const answer = await call(url, path, options);
  if (answer.json?.status !== 'ok')
    throw new Error(`${path}: ${answer.status} ${answer.json?.msg ?? JSON.stringify(answer.json)}`);
  return answer.json.data;
}

/** Signs in with POST /api/login and answers the session cookie. */
export async function signIn(
  url: string,
  user: { organization: string; username: string; password: string },
  from: string,
): Promise<string> {
  const answer = await call(url, '/api/login', { from, body: { ...user, type: 'login' }, timeoutMs: 10_000 });
  const cookie = answer.headers.getSetCookie().find((header) => header.startsWith('casdoor_session_id='));
  if (answer.json?.status !== 'ok' || !cookie)
    throw new Error(`sign-in of ${user.organization}/${user.username}: ${answer.json?.msg}`);
  return cookie.split(';')[0]!;
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
