import { codecs, findApplication, findUser, insertRow, insertUser } from '@latchkey/db';
import type { Application, Organization, User } from '@latchkey/types';
import { formatTime } from '../core/context.ts';
import { newId, randomHex } from '../core/crypto/random.ts';
import type { StoredPassword } from '../core/passwords/hasher.ts';
import { issueTokens } from '../core/tokens/issue.ts';
import type { TestApp } from './create-test-app.ts';
import { TEST_ADMIN_PASSWORD } from './create-test-app.ts';

/** Rows written straight to the database, to set up a test without going through the API under test. */
export async function addOrganization(
  t: TestApp,
  name: string,
  fields: Partial<Organization> = {},
): Promise<Organization> {
  const organization = codecs.organization.decode(
    codecs.organization.encode({
      owner: 'admin',
      name,
      createdTime: formatTime(t.clock.now()),
      displayName: name,
      passwordType: 'argon2id',
      ...fields,
    }),
  );
  await insertRow(t.context.db, 'organization', codecs.organization.encode(organization));
  return organization;
}

/** A user with this password (or this stored password hash, to spare hashing in tests that make many users). */
export async function addUser(
  t: TestApp,
  owner: string,
  name: string,
  password: string | StoredPassword,
  fields: Partial<User> = {},
): Promise<User> {
  const stored = typeof password === 'string' ? await t.context.passwords.hash(password) : password;
  const user = codecs.user.decode(
    codecs.user.encode({
      owner,
      name,
      id: newId(),
      createdTime: formatTime(t.clock.now()),
      type: 'normal-user',
      displayName: name,
      ...stored,
      ...fields,
    }),
  );
  await insertUser(t.context.db, user);
  return user;
}

/**
 * An application's entry for one of its providers (Casdoor's ProviderItem): every switch off and no
 * rule unless `fields` says otherwise.
 */
export const providerItem = (owner: string, name: string, fields: { rule?: string; canSignIn?: boolean } = {}) => ({
  owner,
  name,
  canSignUp: false,
  canSignIn: false,
  canUnlink: false,
  prompted: false,
  alertType: 'None',
  rule: '',
  ...fields,
});

/** An application of an organization; answers it with its plain client secret. */
export async function addApplication(
  t: TestApp,
  name: string,
  organization: string,
  fields: Partial<Application> = {},
): Promise<Application & { plainClientSecret: string }> {
  const secret = randomHex(20);
  const application = codecs.application.decode(
    codecs.application.encode({
      owner: 'admin',
      name,
      organization,
      createdTime: formatTime(t.clock.now()),
      displayName: name,
      clientId: randomHex(10),
      clientSecret: t.context.secrets.seal(secret),
      cert: 'cert-built-in',
      enablePassword: true,
      expireInHours: 168,
      tokenFormat: 'JWT',
      ...fields,
    }),
  );
  await insertRow(t.context.db, 'application', codecs.application.encode(application));
  return { ...application, plainClientSecret: secret };
}

/** Signs in through POST /api/login and answers the session cookie header to send back. */
export async function signIn(
  t: TestApp,
  organization: string,
  username: string,
  password: string,
  application?: string,
): Promise<string> {
  const response = await t.request('/api/login', {
    body: { application, organization, username, password, type: 'login' },
  });
  if (response.json?.status !== 'ok')
    throw new Error(`sign-in of ${organization}/${username} failed: ${response.text}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

export const signInAsAdmin = (t: TestApp) => signIn(t, 'built-in', 'admin', TEST_ADMIN_PASSWORD);

/** An access token for a user of an application, issued directly. */
export async function tokenFor(t: TestApp, applicationName: string, owner: string, name: string): Promise<string> {
  const application = (await findApplication(t.context.db, applicationName))!;
  const user = (await findUser(t.context.db, owner, name))!;
  const issued = await issueTokens(t.context, {
    application,
    user,
    scope: 'openid profile',
    grantType: 'authorization_code',
    withRefreshToken: true,
  });
  return issued.accessToken;
}

export async function clientCredentialsTokenFor(t: TestApp, applicationName: string): Promise<string> {
  const application = (await findApplication(t.context.db, applicationName))!;
  const issued = await issueTokens(t.context, {
    application,
    scope: '',
    grantType: 'client_credentials',
    withRefreshToken: false,
  });
  return issued.accessToken;
}

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** An access-key object; answers its plain secret. */
export async function addKey(
  t: TestApp,
  name: string,
  fields: Partial<import('@latchkey/types').Key>,
): Promise<{ accessKey: string; accessSecret: string }> {
  const accessKey = fields.accessKey ?? randomHex(16);
  const accessSecret = randomHex(20);
  await insertRow(
    t.context.db,
    'key',
    codecs.key.encode({
      owner: fields.organization ?? '',
      name,
      createdTime: formatTime(t.clock.now()),
      state: 'Active',
      ...fields,
      accessKey,
      accessSecret: t.context.secrets.seal(accessSecret),
    }),
  );
  return { accessKey, accessSecret };
}
