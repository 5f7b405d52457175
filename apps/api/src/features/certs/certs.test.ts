import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createPrivateKey } from 'node:crypto';
import { storedRow } from '@latchkey/db/testing';
import { generateCertificate } from '../../core/crypto/certificates.ts';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const storedKey = async (owner: string, name: string) =>
  (await storedRow(t.context.db, 'cert', { owner, name })).privateKey;

describe('certs', () => {
  test('a cert added without keys gets a fresh pair of its algorithm; the private key is sealed at rest', async () => {
    expect(
      (await call(t, acme.admin, '/api/add-cert', { owner: 'acme', name: 'signing', cryptoAlgorithm: 'ES384' })).data,
    ).toBe('Affected');
    const { data } = await call(t, acme.admin, '/api/get-cert?id=acme/signing');
    expect(data.certificate).toStartWith('-----BEGIN CERTIFICATE-----');
    expect(createPrivateKey(data.privateKey).asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    const sealed = await storedKey('acme', 'signing');
    expect(t.context.secrets.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('PRIVATE KEY');
  });

  test('a given key pair must match its algorithm and each other', async () => {
    const pair = await generateCertificate({ algorithm: 'ES256', commonName: 'mine' });
    const other = await generateCertificate({ algorithm: 'ES256', commonName: 'other' });
    expect(
      (await call(t, acme.admin, '/api/add-cert', { owner: 'acme', name: 'mine', cryptoAlgorithm: 'ES256', ...pair }))
        .data,
    ).toBe('Affected');
    expect(
      (
        await call(t, acme.admin, '/api/add-cert', {
          owner: 'acme',
          name: 'mixed',
          cryptoAlgorithm: 'ES256',
          certificate: pair.certificate,
          privateKey: other.privateKey,
        })
      ).msg,
    ).toBe("The private key and the certificate do not form a key pair of the cert's algorithm.");
    // A taken name is refused before the keys are looked at (or a pair generated).
    expect(
      (
        await call(t, acme.admin, '/api/add-cert', {
          owner: 'acme',
          name: 'mine',
          cryptoAlgorithm: 'ES256',
          certificate: pair.certificate,
          privateKey: other.privateKey,
        })
      ).msg,
    ).toBe('"acme/mine" already exists.');
    expect(
      (await call(t, acme.admin, '/api/add-cert', { owner: 'acme', name: 'rsa', cryptoAlgorithm: 'RS256', ...pair }))
        .status,
    ).toBe('error');
    expect(
      (
        await call(t, acme.admin, '/api/add-cert', {
          owner: 'acme',
          name: 'weak',
          cryptoAlgorithm: 'RS256',
          bitSize: 1024,
        })
      ).msg,
    ).toBe('RSA keys must have 2048 to 4096 bits.');
    expect(
      (await call(t, acme.admin, '/api/add-cert', { owner: 'acme', name: 'odd', cryptoAlgorithm: 'HS256' })).status,
    ).toBe('error');
  });

  test('global certs: every organization admin reads them without the private key; only global admins change them', async () => {
    const certs = await call(t, acme.admin, '/api/get-certs?owner=acme');
    const builtIn = certs.data.find((cert: { name: string }) => cert.name === 'cert-built-in');
    expect(builtIn).toMatchObject({ owner: 'admin', privateKey: '' });
    expect(builtIn.certificate).toStartWith('-----BEGIN CERTIFICATE-----');
    expect(
      (await call(t, acme.admin, '/api/update-cert?id=admin/cert-built-in', { ...builtIn, displayName: 'mine' }))
        .status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/add-cert', { owner: 'admin', name: 'global-2' })).status).toBe('error');
    expect((await call(t, root, '/api/get-cert?id=admin/cert-built-in')).data.privateKey).toContain('PRIVATE KEY');
    expect(
      (await call(t, root, '/api/get-global-certs')).data.map((cert: { name: string }) => cert.name).sort(),
    ).toEqual(['cert-built-in', 'mine', 'signing']);
  });

  test('a cert an application uses cannot be deleted; cert-built-in never', async () => {
    await call(t, acme.admin, '/api/add-application', {
      owner: 'admin',
      name: 'signed-app',
      organization: 'acme',
      cert: 'signing',
    });
    expect((await call(t, acme.admin, '/api/delete-cert', { owner: 'acme', name: 'signing' })).msg).toBe(
      '"acme/signing" is still in use and cannot be deleted.',
    );
    expect((await call(t, acme.admin, '/api/delete-cert', { owner: 'acme', name: 'mine' })).data).toBe('Affected');
    expect((await call(t, root, '/api/delete-cert', { owner: 'admin', name: 'cert-built-in' })).status).toBe('error');
  });

  test('renaming a cert follows into the applications that use it', async () => {
    const cert = (await call(t, acme.admin, '/api/get-cert?id=acme/signing')).data;
    expect((await call(t, acme.admin, '/api/update-cert?id=acme/signing', { ...cert, name: 'signing-2' })).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.admin, '/api/get-application?id=admin/signed-app')).data.cert).toBe('signing-2');
  });
});
