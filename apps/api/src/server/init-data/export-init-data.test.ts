import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findUser } from '@latchkey/db';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { exportInitData, type InitDataExport } from './export-init-data.ts';
import { importInitData } from './import-init-data.ts';

const fixture = () =>
  JSON.parse(readFileSync(join(import.meta.dir, 'fixtures', 'casdoor-init-data.json'), 'utf8')) as Record<string, any>;
let fullCopy: InitDataExport;
const named = (list: Record<string, unknown>[], name: string) => list.find((item) => item.name === name)!;

describe('exporting in the init_data.json shape', () => {
  let source: TestApp;
  beforeAll(async () => {
    source = await createTestApp();
    await importInitData(source.context, fixture());
  });
  afterAll(() => source.dispose());

  test('without secrets: every object, and no hash, client secret, private key or access secret', async () => {
    const data = await exportInitData(source.context, { withSecrets: false });
    expect(data.organizations.map((organization) => organization.name)).toEqual(['acme', 'built-in', 'legacy']);
    expect(data.users).toHaveLength(9);
    const alice = named(data.users, 'alice');
    expect(alice).toMatchObject({
      owner: 'acme',
      id: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
      password: '',
      passwordSalt: '',
      email: 'alice@acme.example',
    });
    expect(named(data.users, 'frank')).toMatchObject({ accessKey: 'frank-access-key-0001', accessSecret: '' });
    expect(named(data.applications, 'acme-portal')).toMatchObject({
      clientId: '7f2c1e9a4b3d5c6e8f01',
      clientSecret: '',
    });
    expect(named(data.certs, 'cert-acme')).toMatchObject({ privateKey: '' });
    expect(named(data.certs, 'cert-acme').certificate).toContain('BEGIN CERTIFICATE');
    expect(named(data.providers, 'provider-github')).toMatchObject({
      clientId: 'Iv1.0123456789abcdef',
      clientSecret: '',
    });
    expect(data.enforcerPolicies).toEqual({
      'acme/enforcer-acme': [
        ['alice', 'reports', 'read'],
        ['role-editors', 'articles', 'write'],
      ],
    });
    const text = JSON.stringify(data);
    for (const secret of [
      '5b0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b',
      'frank-access-secret-0001',
      'github-client-secret',
      'PRIVATE KEY',
      '$2a$',
      'enc:v1:',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  test('with secrets: every secret opened, in plain text', async () => {
    fullCopy = await exportInitData(source.context, { withSecrets: true });
    expect(named(fullCopy.applications, 'acme-portal').clientSecret).toBe('5b0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b');
    expect(named(fullCopy.certs, 'cert-acme').privateKey).toContain('PRIVATE KEY');
    expect(String(named(fullCopy.users, 'alice').password)).toStartWith('$2');
  });
});

// Another instance, opened once the first one is gone (test databases are made one at a time).
describe('a full export imported into another instance', () => {
  let target: TestApp;
  beforeAll(async () => {
    target = await createTestApp();
  });
  afterAll(() => target.dispose());

  test('users sign in, ids and client secrets and policies are the same', async () => {
    const report = await importInitData(target.context, JSON.parse(JSON.stringify(fullCopy)));
    expect(report.rejected).toEqual([]);
    expect(report.counts.users).toEqual({ added: 8, present: 1, rejected: 0 });
    const signIn = await target.request('/api/login', {
      body: { organization: 'legacy', username: 'grace', password: 'grace-old-password', type: 'login' },
    });
    expect(signIn.json.status).toBe('ok');
    expect((await findUser(target.context.db, 'legacy', 'grace'))!.id).toBe('7a8b9c0d-1e2f-4a4b-9c6d-7e8f9a0b1c23');
    const again = await exportInitData(target.context, { withSecrets: true });
    expect(named(again.applications, 'acme-portal').clientSecret).toBe('5b0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b');
    expect(again.enforcerPolicies).toEqual(fullCopy.enforcerPolicies);
  });
});
