import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { codecs, createDb } from '@latchkey/db';
import type { RunningLatchkey } from '../support/server.ts';

/**
 * Setup for the end-to-end OAuth tests: an organization, a user and applications written into the
 * running server's own database (SQLite file or Postgres), as an administrator would create them.
 * The user's password is stored as Casdoor's "plain" import format and the client secrets unsealed,
 * both of which Latchkey reads (and the password is rehashed at the first sign-in).
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

export async function seedOidcFixtures(server: RunningLatchkey, databaseUrl: string | undefined): Promise<OidcFixtures> {
  const database = databaseUrl ? createDb({ dialect: 'postgres', url: databaseUrl }) : createDb({ dialect: 'sqlite', file: join(server.dataDir, 'latchkey.db') });
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const fixtures: OidcFixtures = {
    organization: 'acme',
    username: 'alice',
    password: `alice-${randomBytes(6).toString('hex')}`,
    web: { name: 'acme-web', clientId: randomBytes(10).toString('hex'), clientSecret: randomBytes(20).toString('hex'), redirectUri: 'https://rp.example.com/callback' },
    spa: { name: 'acme-spa', clientId: randomBytes(10).toString('hex'), redirectUri: 'http://localhost:5173/callback' },
  };
  try {
    const { db } = database;
    await db.insertInto('organization').values(codecs.organization.encode({ owner: 'admin', name: 'acme', createdTime: now, displayName: 'Acme', passwordType: 'argon2id' })).execute();
    await db
      .insertInto('user')
      .values(
        codecs.user.encode({
          owner: 'acme',
          name: 'alice',
          id: randomUUID(),
          createdTime: now,
          updatedTime: now,
          type: 'normal-user',
          displayName: 'Alice Liddell',
          email: 'alice@example.com',
          emailVerified: true,
          password: fixtures.password,
          passwordType: 'plain',
        }),
      )
      .execute();
    const application = (fields: Record<string, unknown>) =>
      codecs.application.encode({
        owner: 'admin',
        createdTime: now,
        organization: 'acme',
        cert: 'cert-built-in',
        enablePassword: true,
        expireInHours: 1,
        refreshExpireInHours: 24,
        tokenFormat: 'JWT',
        ...fields,
      });
    await db
      .insertInto('application')
      .values(
        application({
          name: fixtures.web.name,
          displayName: 'Acme Web',
          clientId: fixtures.web.clientId,
          clientSecret: fixtures.web.clientSecret,
          redirectUris: [fixtures.web.redirectUri],
          grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        }),
      )
      .execute();
    await db
      .insertInto('application')
      .values(
        application({
          name: fixtures.spa.name,
          displayName: 'Acme SPA',
          clientId: fixtures.spa.clientId,
          clientSecret: randomBytes(20).toString('hex'),
          redirectUris: [fixtures.spa.redirectUri],
          grantTypes: ['authorization_code', 'refresh_token'],
        }),
      )
      .execute();
  } finally {
    await database.close();
  }
  return fixtures;
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
export async function signInHeadless(authorizationUrl: string, username: string, password: string): Promise<{ callback: URL; sessionCookie: string }> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the authorization endpoint answered ${page.status}: ${page.headers.get('location') ?? html}`);
  const csrf = cookieFrom(page, 'latchkey_authorize_csrf');
  const forms = html.split('<form').slice(1);
  const form = forms.find((candidate) => candidate.includes('name="action" value="signin"'));
  if (!form || !csrf) throw new Error('the sign-in page has no password form');
  const action = /action="([^"]+)"/.exec(form)![1]!;
  const fields = new URLSearchParams();
  for (const match of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.set(match[1]!, match[2]!.replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code))));
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
  if (response.status !== 303 || !location) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return { callback: new URL(location), sessionCookie: `casdoor_session_id=${cookieFrom(response, 'casdoor_session_id')}` };
}

/** The PEM of a certificate from a JWKS `x5c` entry (what an administrator copies from the Certs page). */
export const certificatePem = (x5c: string) => `-----BEGIN CERTIFICATE-----\n${x5c.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
