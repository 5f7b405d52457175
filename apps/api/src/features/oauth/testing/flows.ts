import { createHash, randomBytes } from 'node:crypto';
import { findApplicationByClientId, findUser } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import type { Application } from '@latchkey/types';
import { TOTP_PERIOD_SECONDS, totpCodeAt, totpStepAt } from '../../../core/mfa/totp.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, basic } from '../../../test/fixtures.ts';

/** A PKCE pair (RFC 7636): a random verifier and its S256 challenge. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export type TestClient = Application & { plainClientSecret: string };

export const REDIRECT_URI = 'https://app.example.com/callback';

/** Organization acme with user alice and a confidential application using every grant. */
export async function seedAcme(t: TestApp, applicationFields: Partial<Application> = {}) {
  await addOrganization(t, 'acme');
  const alice = await addUser(t, 'acme', 'alice', 'alice-password', {
    email: 'alice@example.com',
    emailVerified: true,
    displayName: 'Alice Liddell',
    phone: '+15551234567',
  });
  const client = await addApplication(t, 'acme-app', 'acme', {
    redirectUris: [REDIRECT_URI, 'http://127.0.0.1/native-callback', 'com.example.app:/oauth2redirect'],
    grantTypes: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
    ...applicationFields,
  });
  return { alice, client };
}

/** A test app seeded with seedAcme. */
export async function startAcmeTest(applicationFields: Partial<Application> = {}) {
  const t = await createTestApp();
  return { t, ...(await seedAcme(t, applicationFields)) };
}

const cookieValue = (setCookie: string | null, name: string) =>
  new RegExp(`(?:^|, )${name}=([^;]*)`).exec(setCookie ?? '')?.[1];

/** The hidden inputs of the first form of a page, by name. */
export function hiddenInputs(html: string, formIndex = 0): Map<string, string> {
  const form = html.split('<form').slice(1)[formIndex] ?? '';
  const fields = new Map<string, string>();
  for (const match of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.set(decodeEntities(match[1]!), decodeEntities(match[2]!));
  }
  return fields;
}

function decodeEntities(value: string): string {
  return value.replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code)));
}

export interface AuthorizeOptions {
  clientId: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  extra?: Record<string, string>;
  username?: string;
  password?: string;
  organization?: string;
  /** Cookie header to send (a sign-in session). */
  cookie?: string;
  /** More headers for both requests of the sign-in page (X-Forwarded-For, Accept-Language …). */
  headers?: Record<string, string>;
}

export function authorizeQuery(options: AuthorizeOptions): string {
  const query = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
  });
  if (options.scope !== undefined) query.set('scope', options.scope);
  if (options.state !== undefined) query.set('state', options.state);
  if (options.nonce !== undefined) query.set('nonce', options.nonce);
  if (options.codeChallenge !== undefined) {
    query.set('code_challenge', options.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(options.extra ?? {})) query.set(name, value);
  return query.toString();
}

/**
 * Goes through the sign-in page as a browser would: GET the authorization endpoint, POST the form
 * with the password (and the code of the user's authenticator app, when the page asks for one), and
 * answers the 303's Location, its parameters and the session cookie.
 */
export async function signInThroughPage(t: TestApp, options: AuthorizeOptions) {
  const page = await t.request(`/login/oauth/authorize?${authorizeQuery(options)}`, {
    headers: { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) },
  });
  if (page.status !== 200)
    throw new Error(`authorization page answered ${page.status}: ${page.headers.get('location') ?? page.text}`);
  const csrf = cookieValue(page.headers.get('set-cookie'), 'latchkey_authorize_csrf');
  const form = new URLSearchParams(
    Object.fromEntries(hiddenInputs(page.text, page.text.includes('value="continue"') ? 1 : 0)),
  );
  form.set('username', options.username ?? 'alice');
  form.set('password', options.password ?? 'alice-password');
  if (options.organization) form.set('organization', options.organization);
  const cookies = [`latchkey_authorize_csrf=${csrf}`, ...(options.cookie ? [options.cookie] : [])].join('; ');
  let response = await t.request('/login/oauth/authorize', {
    method: 'POST',
    body: form,
    headers: { ...options.headers, cookie: cookies },
  });
  if (response.status === 200 && response.text.includes('name="passcode"')) {
    response = await passSecondStep(t, response, cookies, options);
  }
  const location = response.headers.get('location') ?? '';
  const session = cookieValue(response.headers.get('set-cookie'), 'casdoor_session_id');
  return {
    response,
    location,
    parameters: location ? new URL(location).searchParams : new URLSearchParams(),
    sessionCookie: session ? `casdoor_session_id=${session}` : undefined,
  };
}

/**
 * The second step of the sign-in page, for a user with an authenticator app: the code of a TOTP
 * step after the last one the user used (the test clock moves on to it), as the user's app would show.
 */
async function passSecondStep(
  t: TestApp,
  page: { text: string; headers: Headers },
  cookies: string,
  options: AuthorizeOptions,
) {
  const organization =
    options.organization ?? (await findApplicationByClientId(t.context.db, options.clientId))?.organization ?? '';
  const user = await findUser(t.context.db, organization, options.username ?? 'alice');
  if (!user?.totpSecret) throw new Error('the sign-in page asks for a second factor the user has not set up');
  const [used] = await storedRows(t.context.db, 'mfa_totp_use', { userId: user.id });
  while (totpStepAt(t.clock.now().getTime()) <= Number(used?.lastStep ?? -1))
    t.clock.advance(TOTP_PERIOD_SECONDS * 1000);
  const forms = page.text.split('<form').slice(1);
  const form = new URLSearchParams(
    Object.fromEntries(
      hiddenInputs(
        page.text,
        forms.findIndex((each) => each.includes('name="passcode"')),
      ),
    ),
  );
  form.set('passcode', totpCodeAt(t.context.secrets.open(user.totpSecret), t.clock.now().getTime()));
  const pending = cookieValue(page.headers.get('set-cookie'), 'latchkey_mfa');
  return t.request('/login/oauth/authorize', {
    method: 'POST',
    body: form,
    headers: { ...options.headers, cookie: `${cookies}; latchkey_mfa=${pending}` },
  });
}

/**
 * The authorization page for `query`, then its password form posted with `fields` and the page's
 * CSRF cookie; answers the page, the form's answer and that cookie.
 */
export async function postPasswordForm(t: TestApp, query: string, fields: Record<string, string>) {
  const page = await t.request(`/login/oauth/authorize?${query}`);
  const cookie = `latchkey_authorize_csrf=${cookieValue(page.headers.get('set-cookie'), 'latchkey_authorize_csrf')}`;
  const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text)));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await t.request('/login/oauth/authorize', { method: 'POST', body: form, headers: { cookie } });
  return { page, response, cookie };
}

/** An authorization code for alice (or the given user), through the sign-in page. */
export async function codeFor(t: TestApp, options: AuthorizeOptions): Promise<string> {
  const { parameters, response } = await signInThroughPage(t, options);
  const code = parameters.get('code');
  if (!code) throw new Error(`no code: ${response.status} ${response.headers.get('location') ?? response.text}`);
  return code;
}

/** POSTs a form to the token endpoint (or another OAuth endpoint), optionally with HTTP Basic. */
export function postForm(
  t: TestApp,
  path: string,
  fields: Record<string, string | undefined>,
  client?: { clientId: string; plainClientSecret: string },
) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
  return t.request(path, {
    method: 'POST',
    body: form,
    headers: client ? { authorization: basic(client.clientId, client.plainClientSecret) } : {},
  });
}

export const tokenRequest = (
  t: TestApp,
  fields: Record<string, string | undefined>,
  client?: { clientId: string; plainClientSecret: string },
) => postForm(t, '/api/login/oauth/access_token', fields, client);

/** A code and the tokens it was exchanged for, by a confidential client with PKCE. */
export async function tokensFor(t: TestApp, client: TestClient, options: Partial<AuthorizeOptions> = {}) {
  const pkce = pkcePair();
  const code = await codeFor(t, {
    clientId: client.clientId,
    codeChallenge: pkce.challenge,
    scope: 'openid profile email',
    ...options,
  });
  const response = await tokenRequest(
    t,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri ?? REDIRECT_URI,
      code_verifier: pkce.verifier,
    },
    client,
  );
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.status} ${response.text}`);
  return {
    code,
    verifier: pkce.verifier,
    tokens: response.json as {
      access_token: string;
      id_token: string;
      refresh_token: string;
      expires_in: number;
      scope: string;
      token_type: string;
    },
  };
}
