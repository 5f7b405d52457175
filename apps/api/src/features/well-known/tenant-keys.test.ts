import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createPublicKey } from 'node:crypto';
import { updateRows } from '@latchkey/db';
import { storedRow } from '@latchkey/db/testing';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  importPKCS8,
  type JSONWebKeySet,
  jwtVerify,
  SignJWT,
} from 'jose';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { call, globalAdmin, type OrganizationCallers, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser } from '../../test/fixtures.ts';
import { REDIRECT_URI, type TestClient, tokensFor } from '../oauth/testing/flows.ts';

/**
 * Keys verify only their own tenant. An organization administrator can create a cert and read its
 * private key; that key must never verify a token for another tenant's application, whichever
 * discovery document the relying party started from. The global JWKS holds only the global certs;
 * an organization's cert is published through its applications' own documents, under a `kid` that
 * no other cert can take.
 */
let t: TestApp;
let origin: string;
let x: OrganizationCallers;
let y: OrganizationCallers;
let xPrivateKey: string;
let xSigned: TestClient;
let ySigned: TestClient;
let global: TestClient;
let xDefault: TestClient;
let root: Awaited<ReturnType<typeof globalAdmin>>;

/** Serves jose's remote key sets from the test app, as a relying party would fetch them. */
const remoteKeys = (url: string) =>
  createRemoteJWKSet(new URL(url), {
    [customFetch]: (input: string, init: RequestInit) => t.app.handle(new Request(input, init)),
  });

const discovery = async (path: string) => (await t.request(path)).json as { issuer: string; jwks_uri: string };
const keySetAt = async (url: string) => (await t.request(new URL(url).pathname)).json as JSONWebKeySet;
const kids = (set: JSONWebKeySet) => set.keys.map((key) => key.kid);
const sameKey = (jwk: JSONWebKeySet['keys'][number], certificatePem: string) =>
  createPublicKey({ key: jwk as never, format: 'jwk' }).equals(createPublicKey(certificatePem));

beforeAll(async () => {
  t = await createTestApp();
  origin = t.context.config.origin;
  root = await globalAdmin(t);
  x = await organizationWithCallers(t, 'xorg');
  y = await organizationWithCallers(t, 'yorg');
  // X's administrator creates two certs of X: one of its own name, one named like the global cert.
  for (const name of ['x-cert', 'cert-built-in'])
    expect(await call(t, x.admin, '/api/add-cert', { owner: 'xorg', name, cryptoAlgorithm: 'RS256' })).toMatchObject({
      status: 'ok',
    });
  expect(
    await call(t, y.admin, '/api/add-cert', { owner: 'yorg', name: 'y-cert', cryptoAlgorithm: 'ES256' }),
  ).toMatchObject({ status: 'ok' });
  xPrivateKey = (await call(t, x.admin, '/api/get-cert?id=xorg/x-cert')).data.privateKey;
  expect(xPrivateKey).toContain('PRIVATE KEY');
  xSigned = await addApplication(t, 'x-signed', 'xorg', { cert: 'x-cert', redirectUris: [REDIRECT_URI] });
  ySigned = await addApplication(t, 'y-signed', 'yorg', { cert: 'y-cert', redirectUris: [REDIRECT_URI] });
  global = await addApplication(t, 'global-app', 'built-in', { cert: 'cert-built-in', redirectUris: [REDIRECT_URI] });
  // No cert set: the application signs with the cert named cert-built-in, here X's own.
  xDefault = await addApplication(t, 'x-default', 'xorg', { cert: '', redirectUris: [REDIRECT_URI] });
  await addUser(t, 'xorg', 'xavier', 'xavier-password');
  await addUser(t, 'yorg', 'yvonne', 'yvonne-password');
  expect(await call(t, root, '/api/get-cert?id=admin/cert-built-in')).toMatchObject({ status: 'ok' });
});
afterAll(() => t.dispose());

/** What X's administrator can sign with X's key: a token naming Y's application and Y's administrator. */
async function forgedForY(kid: string) {
  return new SignJWT({ name: 'yorg-admin', owner: 'yorg' })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(origin)
    .setAudience(y.application.clientId)
    .setSubject('yorg/yorg-admin')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importPKCS8(xPrivateKey, 'RS256'));
}

describe('the global JWKS holds only global certs', () => {
  test("X's certs are not in it; the global cert is, once", async () => {
    const document = await discovery('/.well-known/openid-configuration');
    expect(document.jwks_uri).toBe(`${origin}/.well-known/jwks`);
    const set = await keySetAt(document.jwks_uri);
    expect(kids(set)).toEqual(['cert-built-in']);
    const xCertificate = (await call(t, x.admin, '/api/get-cert?id=xorg/x-cert')).data.certificate;
    const xBuiltIn = (await call(t, x.admin, '/api/get-cert?id=xorg/cert-built-in')).data.certificate;
    for (const key of set.keys) {
      expect(sameKey(key, xCertificate)).toBe(false);
      expect(sameKey(key, xBuiltIn)).toBe(false);
    }
    const globalCertificate = (await storedRow(t.context.db, 'cert', { owner: 'admin', name: 'cert-built-in' }))
      .certificate;
    expect(sameKey(set.keys[0]!, globalCertificate)).toBe(true);
  });

  test("a token X's administrator signs for Y's application fails against the global JWKS, whatever its kid", async () => {
    const jwks = remoteKeys((await discovery('/.well-known/openid-configuration')).jwks_uri);
    const local = createLocalJWKSet(await keySetAt(`${origin}/.well-known/jwks`));
    for (const kid of ['x-cert', 'cert-built-in', 'xorg/x-cert']) {
      const forged = await forgedForY(kid);
      await expect(jwtVerify(forged, jwks, { issuer: origin, audience: y.application.clientId })).rejects.toThrow();
      await expect(jwtVerify(forged, local, { issuer: origin, audience: y.application.clientId })).rejects.toThrow();
      // Nor through Y's own documents.
      const yDocument = await discovery(`/.well-known/${y.application.name}/openid-configuration`);
      await expect(
        jwtVerify(forged, remoteKeys(yDocument.jwks_uri), { issuer: origin, audience: y.application.clientId }),
      ).rejects.toThrow();
      const ySignedDocument = await discovery(`/.well-known/${ySigned.name}/openid-configuration`);
      await expect(jwtVerify(forged, remoteKeys(ySignedDocument.jwks_uri), { issuer: origin })).rejects.toThrow();
    }
    // Positive control: the forgery is well formed, and verifies where X's key is published.
    const forged = await forgedForY('xorg/x-cert');
    const xDocument = await discovery(`/.well-known/${xSigned.name}/openid-configuration`);
    const { payload } = await jwtVerify(forged, remoteKeys(xDocument.jwks_uri), {
      issuer: origin,
      audience: y.application.clientId,
    });
    expect(payload.sub).toBe('yorg/yorg-admin');
  });

  test('positive control: a token of a built-in application verifies against the global JWKS', async () => {
    const { tokens } = await tokensFor(t, global, {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
      organization: 'built-in',
    });
    expect(decodeProtectedHeader(tokens.id_token)).toMatchObject({ alg: 'RS256', kid: 'cert-built-in' });
    const jwks = remoteKeys((await discovery('/.well-known/openid-configuration')).jwks_uri);
    for (const token of [tokens.id_token, tokens.access_token]) {
      const { payload } = await jwtVerify(token, jwks, { issuer: origin, audience: global.clientId });
      expect(payload.sub).toBeString();
    }
  });
});

describe("an application signing with its organization's cert publishes it through its own documents", () => {
  test("X's application: its tokens verify against its own JWKS, not against Y's application JWKS nor the global one", async () => {
    const { tokens } = await tokensFor(t, xSigned, {
      username: 'xavier',
      password: 'xavier-password',
      organization: 'xorg',
    });
    for (const token of [tokens.id_token, tokens.access_token])
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: 'xorg/x-cert', typ: 'JWT' });
    const own = await discovery(`/.well-known/${xSigned.name}/openid-configuration`);
    expect(own).toMatchObject({ issuer: origin, jwks_uri: `${origin}/.well-known/x-signed/jwks` });
    expect(decodeJwt(tokens.id_token).iss).toBe(own.issuer);
    expect(kids(await keySetAt(own.jwks_uri))).toEqual(['xorg/x-cert']);
    const { payload } = await jwtVerify(tokens.id_token, remoteKeys(own.jwks_uri), {
      issuer: own.issuer,
      audience: xSigned.clientId,
    });
    expect(payload.sub).toBeString();

    for (const other of [
      `/.well-known/${ySigned.name}/openid-configuration`,
      `/.well-known/${y.application.name}/openid-configuration`,
      '/.well-known/openid-configuration',
    ]) {
      const document = await discovery(other);
      await expect(
        jwtVerify(tokens.id_token, remoteKeys(document.jwks_uri), { issuer: origin, audience: xSigned.clientId }),
      ).rejects.toThrow();
    }
  });

  test("Y's application with an ES256 cert of Y: kid and JWKS agree, and X's documents do not verify it", async () => {
    const { tokens } = await tokensFor(t, ySigned, {
      username: 'yvonne',
      password: 'yvonne-password',
      organization: 'yorg',
    });
    expect(decodeProtectedHeader(tokens.id_token)).toEqual({ alg: 'ES256', kid: 'yorg/y-cert', typ: 'JWT' });
    const { payload } = await jwtVerify(tokens.id_token, remoteKeys(`${origin}/.well-known/y-signed/jwks`), {
      issuer: origin,
      audience: ySigned.clientId,
    });
    expect(payload.aud).toBe(ySigned.clientId);
    await expect(
      jwtVerify(tokens.id_token, remoteKeys(`${origin}/.well-known/x-signed/jwks`), {
        issuer: origin,
        audience: ySigned.clientId,
      }),
    ).rejects.toThrow();
  });
});

describe('kids are unique across the server', () => {
  test('a cert named cert-built-in in X does not collide with the global one', async () => {
    const { tokens } = await tokensFor(t, xDefault, {
      username: 'xavier',
      password: 'xavier-password',
      organization: 'xorg',
    });
    expect(decodeProtectedHeader(tokens.access_token).kid).toBe('xorg/cert-built-in');
    const xApplicationSet = await keySetAt(`${origin}/.well-known/x-default/jwks`);
    expect(kids(xApplicationSet)).toEqual(['xorg/cert-built-in']);
    await jwtVerify(tokens.access_token, createLocalJWKSet(xApplicationSet), { issuer: origin });
    await expect(
      jwtVerify(tokens.access_token, createLocalJWKSet(await keySetAt(`${origin}/.well-known/jwks`)), {
        issuer: origin,
      }),
    ).rejects.toThrow();

    // Across every document the server publishes, one kid names one key.
    const byKid = new Map<string, string>();
    const applications = [
      'app-built-in',
      'global-app',
      'x-signed',
      'y-signed',
      'x-default',
      x.application.name,
      y.application.name,
    ];
    for (const path of ['/.well-known/jwks', ...applications.map((name) => `/.well-known/${name}/jwks`)]) {
      for (const key of (await t.request(path)).json.keys) {
        const material = JSON.stringify([key.kty, key.n ?? key.x, key.y]);
        expect({ kid: key.kid, material: byKid.get(key.kid) ?? material }).toEqual({ kid: key.kid, material });
        byKid.set(key.kid, material);
      }
    }
    expect([...byKid.keys()].sort()).toEqual(['cert-built-in', 'xorg/cert-built-in', 'xorg/x-cert', 'yorg/y-cert']);
  });

  test('a token issued before kids were owner-qualified still passes the bearer check', async () => {
    const { tokens } = await tokensFor(t, xSigned, {
      username: 'xavier',
      password: 'xavier-password',
      organization: 'xorg',
    });
    // The same token as an earlier version wrote it: kid = the bare cert name.
    const legacy = await new SignJWT(decodeJwt(tokens.access_token))
      .setProtectedHeader({ alg: 'RS256', kid: 'x-cert', typ: 'JWT' })
      .sign(await importPKCS8(xPrivateKey, 'RS256'));
    await updateRows(
      t.context.db,
      'token',
      { accessTokenHash: sha256Hex(tokens.access_token) },
      { accessTokenHash: sha256Hex(legacy) },
    );
    const account = await t.request('/api/get-account', { headers: { authorization: `Bearer ${legacy}` } });
    expect(account.json).toMatchObject({ status: 'ok', data: { name: 'xavier', owner: 'xorg' } });
  });

  test('no cert name can take an owner-qualified kid; a cert of built-in is global and owner-qualified', async () => {
    expect(await call(t, root, '/api/add-cert', { owner: 'admin', name: 'xorg/x-cert' })).toMatchObject({
      status: 'error',
      msg: expect.stringContaining('may not contain'),
    });
    expect(await call(t, x.admin, '/api/add-cert', { owner: 'xorg', name: 'yorg/y-cert' })).toMatchObject({
      status: 'error',
      msg: expect.stringContaining('may not contain'),
    });
    expect(
      await call(t, root, '/api/add-cert', { owner: 'built-in', name: 'staff-cert', cryptoAlgorithm: 'ES256' }),
    ).toMatchObject({ status: 'ok' });
    expect(kids(await keySetAt(`${origin}/.well-known/jwks`))).toEqual(['cert-built-in', 'built-in/staff-cert']);
    const staff = await addApplication(t, 'staff-app', 'built-in', {
      cert: 'staff-cert',
      redirectUris: [REDIRECT_URI],
    });
    const { tokens } = await tokensFor(t, staff, {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
      organization: 'built-in',
    });
    expect(decodeProtectedHeader(tokens.id_token)).toMatchObject({ alg: 'ES256', kid: 'built-in/staff-cert' });
    await jwtVerify(tokens.id_token, remoteKeys((await discovery('/.well-known/openid-configuration')).jwks_uri), {
      issuer: origin,
      audience: staff.clientId,
    });
  });
});
