import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../../../core/mfa/totp.ts';
import type { TestApp } from '../../../test/create-test-app.ts';

/** The value of a cookie in a response's Set-Cookie headers. */
export function setCookieValue(response: { headers: Headers }, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const equals = pair!.indexOf('=');
    if (pair!.slice(0, equals).trim() === name) return pair!.slice(equals + 1);
  }
  return undefined;
}

/** The Cookie header of a pending sign-in, from the answer that began it. */
export function pendingCookie(response: { headers: Headers }): string {
  const value = setCookieValue(response, 'latchkey_mfa');
  if (!value) throw new Error('the answer set no pending sign-in cookie');
  return `latchkey_mfa=${value}`;
}

/** The session Cookie header an answer set, if any. */
export function sessionCookie(response: { headers: Headers }): string | undefined {
  const value = setCookieValue(response, 'casdoor_session_id');
  return value ? `casdoor_session_id=${value}` : undefined;
}

/** The code an authenticator app shows now (by the test clock). */
export const codeNow = (t: TestApp, secret: string) => totpCodeAt(secret, t.clock.now().getTime());

/** Moves the test clock to the next TOTP step, so that a new code is due. */
export const nextStep = (t: TestApp) => t.clock.advance(TOTP_PERIOD_SECONDS * 1000);

/** A code that is not the one of now, nor of a step either side. */
export function wrongCode(t: TestApp, secret: string): string {
  const taken = new Set(
    [-1, 0, 1].map((step) => totpCodeAt(secret, t.clock.now().getTime() + step * TOTP_PERIOD_SECONDS * 1000)),
  );
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

/** Sets up TOTP for a user through the MFA routes (as `headers` allow: the user's session, or an administrator); answers the secret and recovery codes. */
export async function enrolTotp(t: TestApp, headers: Record<string, string>, owner: string, name: string) {
  const started = await t.request('/api/mfa/setup/initiate', { headers, body: { owner, name, mfaType: 'app' } });
  if (started.json?.status !== 'ok') throw new Error(`initiate failed: ${started.text}`);
  const { secret, recoveryCodes, url, qrCode } = started.json.data as {
    secret: string;
    recoveryCodes: string[];
    url: string;
    qrCode: string;
  };
  const verified = await t.request('/api/mfa/setup/verify', {
    headers,
    body: { owner, name, mfaType: 'app', passcode: codeNow(t, secret) },
  });
  if (verified.json?.status !== 'ok') throw new Error(`verify failed: ${verified.text}`);
  const enabled = await t.request('/api/mfa/setup/enable', { headers, body: { owner, name, mfaType: 'app' } });
  if (enabled.json?.status !== 'ok') throw new Error(`enable failed: ${enabled.text}`);
  // The code that proved the secret is used up; sign-ins take the next one.
  nextStep(t);
  return { secret, recoveryCodes, url, qrCode };
}

/** The first step of POST /api/login. */
export function passwordStep(
  t: TestApp,
  fields: { organization: string; username: string; password: string; application?: string; type?: string },
  query = '',
  headers: Record<string, string> = {},
) {
  return t.request(`/api/login${query}`, { headers, body: { type: 'login', ...fields } });
}

/** The second step of POST /api/login, with the pending sign-in's cookie. */
export function codeStep(
  t: TestApp,
  cookie: string,
  fields: { passcode?: string; recoveryCode?: string; mfaType?: string; type?: string; application?: string },
  query = '',
  headers: Record<string, string> = {},
) {
  return t.request(`/api/login${query}`, {
    headers: { ...headers, cookie },
    body: { type: 'login', username: '', password: '', mfaType: 'app', ...fields },
  });
}
