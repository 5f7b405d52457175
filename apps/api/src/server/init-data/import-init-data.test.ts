import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findApplication, findUser } from '@latchkey/db';
import { countStoredRows, storedRow, storedRows } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import bcrypt from 'bcryptjs';
import { importX509, jwtVerify } from 'jose';
import { generateCertificate } from '../../core/crypto/certificates.ts';
import { issueTokens } from '../../core/tokens/issue.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { basic } from '../../test/fixtures.ts';
import { importInitData } from './import-init-data.ts';
import type { ImportReport } from './report.ts';

export const fixturePath = join(import.meta.dir, 'fixtures', 'casdoor-init-data.json');
const fixture = () => JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, any>;

/** The users of the fixture with the passwords they had in Casdoor, and the format each was stored in. */
const oldPasswords = [
  ['acme', 'alice', 'alice-old-password', 'bcrypt'],
  ['acme', 'dave', 'dave-old-password', 'md5-salt'],
  ['acme', 'erin', 'erin-plain-password', 'argon2id'],
  ['acme', 'frank', 'frank-old-password', 'argon2id'],
  ['acme', 'heidi', 'heidi-old-password', 'pbkdf2-salt'],
  ['legacy', 'bob', 'bob-old-password', 'salt'],
  ['legacy', 'carol', 'carol-old-password', 'salt'],
  ['legacy', 'grace', 'grace-old-password', 'salt'],
] as const;

async function snapshot(t: TestApp) {
  const tables = [
    'organization',
    'user',
    'application',
    'cert',
    'provider',
    'group',
    'role',
    'permission',
    'model',
    'adapter',
    'enforcer',
    'webhook',
    'casbin_rule',
  ] as const;
  const result: Record<string, unknown[]> = {};
  for (const table of tables)
    result[table] =
      table === 'casbin_rule'
        ? await storedRows(t.context.db, table, {}, ['id'])
        : await storedRows(t.context.db, table, {}, ['name']);
  return result;
}

const login = (t: TestApp, organization: string, username: string, password: string) =>
  t.request('/api/login', { body: { organization, username, password, type: 'login' } });

describe('importing a Casdoor init_data.json', () => {
  let t: TestApp;
  let report: ImportReport;
  beforeAll(async () => {
    t = await createTestApp();
    report = await importInitData(t.context, fixture());
  });
  afterAll(() => t.dispose());

  test('imports every section, keeps what already exists, and names what it does not take', () => {
    expect(report.rejected).toEqual([]);
    expect(report.counts.organizations).toEqual({ added: 2, present: 1, rejected: 0 });
    expect(report.counts.users).toEqual({ added: 8, present: 1, rejected: 0 });
    expect(report.counts.applications).toEqual({ added: 2, present: 1, rejected: 0 });
    expect(report.counts.certs).toEqual({ added: 1, present: 1, rejected: 0 });
    for (const section of [
      'providers',
      'models',
      'adapters',
      'enforcers',
      'roles',
      'permissions',
      'webhooks',
    ] as const) {
      expect(report.counts[section]).toEqual({ added: 1, present: 0, rejected: 0 });
    }
    expect(report.counts.groups.added).toBe(2);
    expect(report.ignored).toEqual([{ section: 'tokens', entries: 1 }]);
  });

  test('the existing administrator and built-in objects are not replaced by the file’s', async () => {
    const admin = (await findUser(t.context.db, 'built-in', 'admin'))!;
    expect(admin.id).not.toBe('0d6a3c54-6a52-4b9f-9d8b-3f1f2b4c5d6e');
    expect((await login(t, 'built-in', 'admin', '123')).json.status).toBe('error');
    const builtInApp = (await findApplication(t.context.db, 'app-built-in'))!;
    expect(builtInApp.clientId).not.toBe('aaaaaaaaaaaaaaaaaaaa');
  });

  test('users keep their ids, fields and stored hashes; a plain-text password is hashed at once', async () => {
    const alice = (await findUser(t.context.db, 'acme', 'alice'))!;
    expect(alice.id).toBe('6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
    // Casdoor writes local times with an offset; they are kept as the same instant in UTC.
    expect([alice.createdTime, alice.updatedTime]).toEqual(['2023-02-04T09:00:00Z', '2024-05-06T07:08:09Z']);
    expect(alice.passwordType).toBe('bcrypt');
    expect(alice.password).toBe(fixture().users.find((user: any) => user.name === 'alice').password);
    expect(alice.groups).toEqual(['acme/engineering']);
    expect(alice.properties).toEqual({ team: 'platform' });
    expect(alice.emailVerified).toBe(true);
    const carol = (await findUser(t.context.db, 'legacy', 'carol'))!;
    expect(carol.passwordType).toBe('salt');
    const erin = (await findUser(t.context.db, 'acme', 'erin'))!;
    expect(erin.passwordType).toBe('argon2id');
    expect(erin.password).not.toContain('erin-plain-password');
  });

  test('every imported user signs in with the old password, and the hash becomes argon2id', async () => {
    for (const [organization, name, password, storedAs] of oldPasswords) {
      expect((await findUser(t.context.db, organization, name))!.passwordType).toBe(storedAs);
      expect((await login(t, organization, name, `${password}-wrong`)).json.status).toBe('error');
      const response = await login(t, organization, name, password);
      expect([name, response.json.status, response.json.msg]).toEqual([name, 'ok', '']);
      const user = (await findUser(t.context.db, organization, name))!;
      expect(user.passwordType).toBe('argon2id');
      expect(user.password.startsWith('$argon2id$')).toBe(true);
      expect((await login(t, organization, name, password)).json.status).toBe('ok');
    }
  });

  test('secrets are sealed at rest and the old credentials still work', async () => {
    const row = await storedRow(t.context.db, 'application', { name: 'acme-portal' });
    expect(t.context.secrets.isSealed(row.clientSecret)).toBe(true);
    const cert = await storedRow(t.context.db, 'cert', { name: 'cert-acme' });
    expect(t.context.secrets.isSealed(cert.privateKey)).toBe(true);
    const provider = await storedRow(t.context.db, 'provider', { name: 'provider-github' });
    expect(t.context.secrets.open(provider.clientSecret)).toBe('github-client-secret-0123456789abcdef0123');
    expect(t.context.secrets.isSealed(provider.clientSecret)).toBe(true);

    // An application of built-in is a global administrator and may read the metrics from anywhere.
    const monitoring = await t.request('/api/metrics', {
      headers: { authorization: basic('3c4d5e6f7a8b9c0d1e2f', '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d') },
    });
    expect(monitoring.text).toContain('latchkey_http_requests_total');
    // acme-portal's credentials are accepted (it is then only an administrator of acme).
    const portal = await t.request('/api/metrics', {
      headers: { authorization: basic('7f2c1e9a4b3d5c6e8f01', '5b0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b') },
    });
    expect(portal.json.msg).toBe(translate('en', 'general.unauthorized_operation'));
    const wrong = await t.request('/api/metrics', {
      headers: { authorization: basic('7f2c1e9a4b3d5c6e8f01', '5b0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2c') },
    });
    expect(wrong.json.msg).toBe(translate('en', 'auth.client_credentials_invalid'));

    const frank = await t.request(
      '/api/get-account?accessKey=frank-access-key-0001&accessSecret=frank-access-secret-0001',
    );
    expect(frank.json.data.name).toBe('frank');
  });

  test('tokens of an imported application are signed with its imported key', async () => {
    const application = (await findApplication(t.context.db, 'acme-portal'))!;
    const issued = await issueTokens(t.context, {
      application,
      scope: '',
      grantType: 'client_credentials',
      withRefreshToken: false,
    });
    const certificate = fixture().certs.find((cert: any) => cert.name === 'cert-acme').certificate as string;
    const { payload } = await jwtVerify(issued.accessToken, await importX509(certificate, 'RS256'), {
      issuer: t.context.config.origin,
    });
    expect(payload.aud).toEqual(['7f2c1e9a4b3d5c6e8f01']);
  });

  test('enforcer policies are stored under the enforcer’s adapter; groups keep their parent', async () => {
    const rules = await storedRows(t.context.db, 'casbin_rule', { adapter: 'acme/adapter-acme' }, ['v0']);
    expect(rules.map((rule) => [rule.ptype, rule.v0, rule.v1, rule.v2])).toEqual([
      ['p', 'alice', 'reports', 'read'],
      ['p', 'role-editors', 'articles', 'write'],
    ]);
    const engineering = await storedRow(t.context.db, 'group', { name: 'engineering' });
    expect(engineering.parentId).toBe('acme');
  });

  test('a second import of the same file changes nothing', async () => {
    const before = await snapshot(t);
    const again = await importInitData(t.context, fixture());
    expect(Object.values(again.counts).reduce((sum, counts) => sum + counts.added + counts.rejected, 0)).toBe(0);
    expect(again.counts.users.present).toBe(9);
    expect(await snapshot(t)).toEqual(before);
  });
});

describe('a file with bad entries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.dispose());

  test('reports each bad entry by name with its reason, writes nothing of it, and imports the rest', async () => {
    const data = fixture();
    data.organizations.push({ owner: 'admin', name: 'a/b' }, { owner: 'someone', name: 'stray' });
    data.users.push(
      { owner: 'acme', name: 'mallory', password: 'abc', passwordType: 'sha1' },
      { owner: 'nowhere', name: 'oscar', password: 'x', passwordType: 'bcrypt' },
      { owner: 'acme', name: 'peggy', score: 'lots' },
      { owner: 'acme', name: 'trent', id: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' },
      { owner: 'acme', name: 'victor', password: '***', passwordType: 'bcrypt' },
      { owner: 'acme', password: 'x' },
      'not an object',
    );
    data.applications.push({
      owner: 'admin',
      name: 'acme-copy',
      organization: 'acme',
      clientId: '7f2c1e9a4b3d5c6e8f01',
      clientSecret: 's',
    });
    data.applications.push({
      owner: 'admin',
      name: 'acme-nocert',
      organization: 'acme',
      cert: 'cert-missing',
      clientId: 'c1',
      clientSecret: 's',
    });
    data.certs.push({
      owner: 'admin',
      name: 'cert-broken',
      cryptoAlgorithm: 'RS256',
      certificate: data.certs[1].certificate,
      privateKey: 'not a key',
    });
    data.certs.push({ owner: 'admin', name: 'cert-pss', cryptoAlgorithm: 'PS256' });
    data.models.push({ owner: 'acme', name: 'model-broken', modelText: 'nonsense' });
    data.models.push({
      owner: 'acme',
      name: 'model-code',
      modelText:
        '[request_definition]\nr = sub, obj, act\n\n[policy_definition]\np = sub, obj, act\n\n[policy_effect]\ne = some(where (p.eft == allow))\n\n[matchers]\nm = r.sub.constructor.constructor("return process")() == p.sub',
    });
    data.enforcers.push({ owner: 'acme', name: 'enforcer-bad', adapter: 'acme/adapter-acme' });
    data.enforcerPolicies['acme/enforcer-bad'] = [['too', 'many', 'values', 'in', 'this', 'line', 'here']];
    data.groups = { owner: 'acme', name: 'not-a-list' };

    const report = await importInitData(t.context, data);
    const reasons = Object.fromEntries(report.rejected.map(({ entry, reason }) => [entry, reason]));
    expect(reasons).toEqual({
      'organization admin/a/b': 'the name "a/b" contains "/"',
      'organization someone/stray': 'its owner must be "admin", not "someone"',
      'user acme/mallory': 'its password type "sha1" is not one Latchkey can check',
      'user nowhere/oscar': 'its organization "nowhere" does not exist',
      'user acme/peggy': 'field "score" should be a whole number',
      'user acme/trent': 'its id 6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 already belongs to user acme/alice',
      'user #15 (no name)': 'the user has no name',
      'user #16 (no name)': 'it is not an object',
      'application admin/acme-copy': 'its client id 7f2c1e9a4b3d5c6e8f01 already belongs to application acme-portal',
      'application admin/acme-nocert': 'its cert "cert-missing" does not exist',
      'cert admin/cert-broken': 'its private key is not a PEM private key',
      'cert admin/cert-pss': 'its algorithm "PS256" is not one Latchkey signs with',
      'model acme/model-broken': expect.stringContaining('its model text is not a Casbin model'),
      'model acme/model-code': expect.stringContaining('its matcher cannot use "constructor"'),
      'enforcer acme/enforcer-bad': 'its policies in enforcerPolicies are not lists of up to six texts',
      groups: 'this section is not a list',
    });
    expect(report.notes).toContainEqual({
      entry: 'user acme/victor',
      note: 'imported without a password: the file has it masked as "***"',
    });

    for (const [owner, name] of [
      ['acme', 'mallory'],
      ['acme', 'peggy'],
      ['acme', 'trent'],
    ])
      expect(await findUser(t.context.db, owner!, name!)).toBeUndefined();
    expect(await findApplication(t.context.db, 'acme-copy')).toBeUndefined();
    expect(await countStoredRows(t.context.db, 'enforcer', { name: 'enforcer-bad' })).toBe(0);
    expect(await storedRows(t.context.db, 'cert', { name: ['cert-broken', 'cert-pss'] })).toEqual([]);

    // The good entries are all there, and alice signs in.
    expect(report.counts.users.added).toBe(9);
    expect((await login(t, 'acme', 'alice', 'alice-old-password')).json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'victor'))!.password).toBe('');
  });

  test('the API’s limits hold for imported entries: cert sizes and password hash costs', async () => {
    const bcryptHash = bcrypt.hashSync('limits-password', 4);
    const small = await generateCertificate({
      algorithm: 'RS256',
      bitSize: 1024,
      expireInYears: 1,
      commonName: 'small',
    });
    const data = {
      certs: [
        { owner: 'admin', name: 'cert-huge', cryptoAlgorithm: 'RS256', bitSize: 8192 },
        {
          owner: 'admin',
          name: 'cert-small',
          cryptoAlgorithm: 'RS256',
          certificate: small.certificate,
          privateKey: small.privateKey,
        },
        { owner: 'admin', name: 'cert-fine', cryptoAlgorithm: 'ES256' },
      ],
      users: [
        { owner: 'acme', name: 'slow-bcrypt', password: bcryptHash.replace('$04$', '$31$'), passwordType: 'bcrypt' },
        {
          owner: 'acme',
          name: 'slow-django',
          password: 'pbkdf2_sha256$10000000$salt$AAAA',
          passwordType: 'pbkdf2-django',
        },
        { owner: 'acme', name: 'fine-bcrypt', password: bcryptHash, passwordType: 'bcrypt' },
      ],
    };
    expect(new X509Certificate(small.certificate).publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    // Refused without being computed: checking bcrypt cost 31 would take years, so a bound of
    // seconds leaves a loaded machine slack and still fails if it were tried.
    const started = performance.now();
    const report = await importInitData(t.context, data);
    expect(performance.now() - started).toBeLessThan(20_000);
    const reasons = Object.fromEntries(report.rejected.map(({ entry, reason }) => [entry, reason]));
    expect(reasons).toEqual({
      'cert admin/cert-huge': 'its RSA key has 8192 bits; Latchkey takes 2048 to 4096',
      'cert admin/cert-small': 'its RSA key has 1024 bits; Latchkey takes 2048 to 4096',
      'user acme/slow-bcrypt': expect.stringContaining('its bcrypt cost 31 is above 12'),
      'user acme/slow-django': expect.stringContaining('its PBKDF2 round count 10000000 is above 1000000'),
    });
    expect(report.counts.certs.added).toBe(1);
    expect(report.counts.users.added).toBe(1);
    expect((await login(t, 'acme', 'fine-bcrypt', 'limits-password')).json.status).toBe('ok');
  });

  test('users of built-in are global administrators: imported only when asked for, and named in the report', async () => {
    const data = {
      users: [{ owner: 'built-in', name: 'imported-root', password: 'root-password-123', passwordType: 'plain' }],
    };
    const refused = await importInitData(t.context, data);
    expect(refused.rejected).toEqual([
      { entry: 'user built-in/imported-root', reason: expect.stringContaining('--allow-built-in-users') },
    ]);
    expect(await findUser(t.context.db, 'built-in', 'imported-root')).toBeUndefined();

    const allowed = await importInitData(t.context, data, { allowBuiltInUsers: true });
    expect(allowed.rejected).toEqual([]);
    expect(allowed.notes).toContainEqual({
      entry: 'user built-in/imported-root',
      note: 'imported as a global administrator (organization built-in)',
    });
    expect((await login(t, 'built-in', 'imported-root', 'root-password-123')).json.status).toBe('ok');
  });

  test('a file that is not a JSON object is refused as a whole', async () => {
    await expect(importInitData(t.context, [1, 2])).rejects.toThrow('does not hold a JSON object');
  });
});
