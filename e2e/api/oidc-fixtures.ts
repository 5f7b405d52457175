import { randomBytes } from 'node:crypto';
import type { RunningLatchkey } from '../support/server.ts';

/**
 * Setup for the end-to-end OAuth tests, made through the API as an administrator would make it: an
 * organization, a user, a confidential web application and a single-page application.
 */
export interface OidcFixtures {
  organization: string;
  username: string;
  password: string;
  /** A confidential web application (server-side client). */
  web: { name: string; clientId: string; clientSecret: string; redirectUri: string };
  /** A single-page application (public client with PKCE). */
  spa: { name: string; clientId: string; redirectUri: string };
}

export async function seedOidcFixtures(server: RunningLatchkey): Promise<OidcFixtures> {
  const credentials = `username=built-in/admin&password=${encodeURIComponent(server.adminPassword)}`;
  const admin = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}${path.includes('?') ? '&' : '?'}${credentials}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as { status: string; msg: string; data: any };
    if (answer.status !== 'ok') throw new Error(`${path}: ${answer.msg}`);
    return answer.data;
  };
  const password = `alice-${randomBytes(6).toString('hex')}`;
  await admin('/api/add-organization', { owner: 'admin', name: 'acme', displayName: 'Acme' });
  await admin('/api/add-user', {
    owner: 'acme',
    name: 'alice',
    displayName: 'Alice Liddell',
    email: 'alice@example.com',
    emailVerified: true,
    password,
  });
  const application = async (name: string, displayName: string, redirectUri: string, grantTypes: string[]) => {
    await admin('/api/add-application', {
      owner: 'admin',
      name,
      displayName,
      organization: 'acme',
      cert: 'cert-built-in',
      enablePassword: true,
      expireInHours: 1,
      refreshExpireInHours: 24,
      tokenFormat: 'JWT',
      redirectUris: [redirectUri],
      grantTypes,
    });
    return admin(`/api/get-application?id=admin/${name}`);
  };
  const web = await application('acme-web', 'Acme Web', 'https://rp.example.com/callback', [
    'authorization_code',
    'refresh_token',
    'client_credentials',
  ]);
  const spa = await application('acme-spa', 'Acme SPA', 'http://localhost:5173/callback', [
    'authorization_code',
    'refresh_token',
  ]);
  return {
    organization: 'acme',
    username: 'alice',
    password,
    web: { name: web.name, clientId: web.clientId, clientSecret: web.clientSecret, redirectUri: web.redirectUris[0] },
    spa: { name: spa.name, clientId: spa.clientId, redirectUri: spa.redirectUris[0] },
  };
}

/** The value of a cookie in a response's Set-Cookie headers. */
function cookieFrom(response: Response, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair?.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return undefined;
}

/**
 * A headless browser for the sign-in page: opens the authorization URL, fills in the password form
 * the page renders (keeping its hidden fields and CSRF cookie), and answers the URL the 303 sends
 * the browser to, and the session cookie it set.
 */
export async function signInHeadless(
  authorizationUrl: string,
  username: string,
  password: string,
): Promise<{ callback: URL; sessionCookie: string }> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200)
    throw new Error(`the authorization endpoint answered ${page.status}: ${page.headers.get('location') ?? html}`);
  const csrf = cookieFrom(page, 'latchkey_authorize_csrf');
  const forms = html.split('<form').slice(1);
  const form = forms.find((candidate) => candidate.includes('name="action" value="signin"'));
  if (!form || !csrf) throw new Error('the sign-in page has no password form');
  const action = /action="([^"]+)"/.exec(form)![1]!;
  const fields = new URLSearchParams();
  for (const match of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.set(
      match[1]!,
      match[2]!.replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code))),
    );
  }
  fields.set('username', username);
  fields.set('password', password);
  const response = await fetch(new URL(action, authorizationUrl), {
    method: 'POST',
    body: fields,
    headers: { cookie: `latchkey_authorize_csrf=${csrf}`, origin: new URL(authorizationUrl).origin },
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status !== 303 || !location)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return {
    callback: new URL(location),
    sessionCookie: `casdoor_session_id=${cookieFrom(response, 'casdoor_session_id')}`,
  };
}

/** The PEM of a certificate from a JWKS `x5c` entry (what an administrator copies from the Certs page). */
export const certificatePem = (x5c: string) =>
  `-----BEGIN CERTIFICATE-----\n${x5c.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
