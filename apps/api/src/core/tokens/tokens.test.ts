import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHash, createPublicKey } from 'node:crypto';
import { codecs, insertRow, updateRows, updateUserFields } from '@latchkey/db';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { seedAcme, type TestClient, tokenRequest, tokensFor } from '../../features/oauth/testing/flows.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication } from '../../test/fixtures.ts';
import { formatTime } from '../context.ts';
import { generateCertificate, type SigningAlgorithm, signingAlgorithms } from '../crypto/certificates.ts';
import { hashRecoveryCode } from '../mfa/recovery-codes.ts';
import { forgetLookups, LOOKUP_TTL_MS } from './lookup-cache.ts';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  // Alice has an authenticator app (the sign-in page asks for its code) and recovery codes: neither may reach a token.
  await updateUserFields(t.context.db, 'acme', 'alice', {
    passwordSalt: 'salt-of-alice',
    totpSecret: t.context.secrets.seal(TOTP_SECRET),
    recoveryCodes: [hashRecoveryCode('RECOVERY-CODE')],
    accessKey: 'ak-1',
    accessSecret: 'as-1',
    tag: 'staff',
  });
});
afterAll(() => t.dispose());

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, any>;

async function addCert(name: string, algorithm: SigningAlgorithm) {
  const generated = await generateCertificate({ algorithm, commonName: name });
  await insertRow(
    t.context.db,
    'cert',
    codecs.cert.encode({
      owner: 'acme',
      name,
      createdTime: formatTime(t.clock.now()),
      scope: 'JWT',
      type: 'x509',
      cryptoAlgorithm: algorithm,
      certificate: generated.certificate,
      privateKey: t.context.secrets.seal(generated.privateKey),
    }),
  );
  return generated;
}

describe('token formats (Casdoor tokenFormat)', () => {
  test("JWT: the user as Casdoor puts it, with Casdoor's registered claims; never a password hash, salt or second factor", async () => {
    const { tokens } = await tokensFor(t, client);
    const claims = claimsOf(tokens.access_token);
    expect(claims).toMatchObject({
      owner: 'acme',
      name: 'alice',
      displayName: 'Alice Liddell',
      email: 'alice@example.com',
      tag: 'staff',
      tokenType: 'access-token',
      scope: 'openid profile email',
      azp: client.clientId,
      iss: t.context.config.origin,
      aud: [client.clientId],
      password: '',
      roles: [],
      permissions: [],
    });
    expect(claims.sub).toBe(claims.id);
    expect(claims.jti).toMatch(/^admin\/[0-9a-f-]{36}$/);
    for (const secret of [
      'passwordSalt',
      'passwordType',
      'totpSecret',
      'recoveryCodes',
      'accessKey',
      'accessSecret',
      'hash',
      'preHash',
    ])
      expect(claims).not.toHaveProperty(secret);
    for (const token of [tokens.access_token, tokens.id_token]) {
      const text = Buffer.from(token.split('.')[1]!, 'base64url').toString();
      expect(text).not.toContain('$argon2');
      expect(text).not.toContain('salt-of-alice');
      expect(text).not.toContain(TOTP_SECRET);
      expect(text).not.toContain('enc:v1:');
      expect(text).not.toContain('sha256:');
    }
  });

  test('JWT-Empty: only who the user is', async () => {
    const empty = await addApplication(t, 'empty-app', 'acme', {
      redirectUris: ['https://app.example.com/callback'],
      tokenFormat: 'JWT-Empty',
    });
    const { tokens } = await tokensFor(t, empty);
    const claims = claimsOf(tokens.access_token);
    expect(Object.keys(claims).sort()).toEqual(
      [
        'owner',
        'name',
        'id',
        'displayName',
        'avatar',
        'email',
        'email_verified',
        'phone',
        'tokenType',
        'scope',
        'azp',
        'iss',
        'sub',
        'aud',
        'exp',
        'nbf',
        'iat',
        'jti',
      ].sort(),
    );
  });

  test('JWT-Standard: OpenID claim names, phone and address by scope', async () => {
    const standard = await addApplication(t, 'standard-app', 'acme', {
      redirectUris: ['https://app.example.com/callback'],
      tokenFormat: 'JWT-Standard',
    });
    const { tokens } = await tokensFor(t, standard, { scope: 'openid profile phone address' });
    const claims = claimsOf(tokens.access_token);
    expect(claims).toMatchObject({
      preferred_username: 'alice',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      email_verified: true,
      phone_number: '+15551234567',
    });
    expect(claims.address).toEqual({ street_address: '' });
    expect(claims).not.toHaveProperty('displayName');
  });

  test('JWT-Custom: only the chosen tokenFields (Go or camelCase names, properties), and still no secrets', async () => {
    await updateUserFields(t.context.db, 'acme', 'alice', { properties: { department: 'R&D' } });
    const custom = await addApplication(t, 'custom-app', 'acme', {
      redirectUris: ['https://app.example.com/callback'],
      tokenFormat: 'JWT-Custom',
      tokenFields: ['DisplayName', 'email', 'Properties.department', 'PasswordSalt', 'Password'],
    });
    const { tokens } = await tokensFor(t, custom);
    const claims = claimsOf(tokens.access_token);
    expect(claims).toMatchObject({
      displayName: 'Alice Liddell',
      email: 'alice@example.com',
      department: 'R&D',
      tokenType: 'access-token',
      nonce: '',
      scope: 'openid profile email',
    });
    expect(claims).not.toHaveProperty('passwordSalt');
    expect(claims).not.toHaveProperty('password');
    expect(claims).not.toHaveProperty('owner');
  });
});

describe('the ID token (OIDC Core 2, 3.1.3.6)', () => {
  test('audience the client, nonce, at_hash of the access token, auth_time of the sign-in, plus the user claims', async () => {
    const { tokens } = await tokensFor(t, client, { nonce: 'nonce-123' });
    const claims = claimsOf(tokens.id_token);
    expect(claims).toMatchObject({
      iss: t.context.config.origin,
      aud: client.clientId,
      azp: client.clientId,
      nonce: 'nonce-123',
      tokenType: 'id-token',
      name: 'alice',
      email: 'alice@example.com',
    });
    const digest = createHash('sha256').update(tokens.access_token).digest();
    expect(claims.at_hash).toBe(digest.subarray(0, 16).toString('base64url'));
    expect(claims.auth_time).toBeLessThanOrEqual(claims.iat);
    expect(claims.exp).toBe(claims.iat + 168 * 3600);
    expect(claims.sub).toBe(claimsOf(tokens.access_token).sub);
  });

  test('no nonce claim when the request had none; a refreshed ID token keeps auth_time and has no nonce', async () => {
    const { tokens } = await tokensFor(t, client, { nonce: 'n-2' });
    t.clock.advance(60_000);
    try {
      const refreshed = await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        client,
      );
      const claims = claimsOf(refreshed.json.id_token);
      expect(claims).not.toHaveProperty('nonce');
      expect(claims.auth_time).toBe(claimsOf(tokens.id_token).auth_time);
      expect(claims.iat).toBeGreaterThan(claims.auth_time);
    } finally {
      t.clock.advance(-60_000);
    }
    const { tokens: plain } = await tokensFor(t, client);
    expect(claimsOf(plain.id_token)).not.toHaveProperty('nonce');
  });
});

describe('signing keys', () => {
  for (const algorithm of signingAlgorithms) {
    test(`${algorithm}: tokens are signed with the application's cert (kid = <organization>/<cert name>) and verify against the JWKS`, async () => {
      const certName = `cert-${algorithm.toLowerCase()}`;
      const generated = await addCert(certName, algorithm);
      const application = await addApplication(t, `app-${algorithm.toLowerCase()}`, 'acme', {
        redirectUris: ['https://app.example.com/callback'],
        cert: certName,
      });
      const { tokens } = await tokensFor(t, application, { nonce: 'x' });
      for (const token of [tokens.access_token, tokens.id_token])
        expect(decodeProtectedHeader(token)).toEqual({ alg: algorithm, kid: `acme/${certName}`, typ: 'JWT' });

      const jwks = (await t.request(`/.well-known/${application.name}/jwks`)).json;
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toMatchObject({ kid: `acme/${certName}`, alg: algorithm, use: 'sig' });
      const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), {
        issuer: t.context.config.origin,
        audience: application.clientId,
        algorithms: [algorithm],
      });
      expect(payload.nonce).toBe('x');
      // The certificate in x5c holds the same key.
      const fromCertificate = createPublicKey(
        `-----BEGIN CERTIFICATE-----\n${jwks.keys[0].x5c[0]}\n-----END CERTIFICATE-----`,
      );
      expect(fromCertificate.equals(createPublicKey(generated.certificate))).toBe(true);

      const hash = algorithm === 'EdDSA' ? 'sha512' : `sha${algorithm.slice(2)}`;
      const digest = createHash(hash).update(tokens.access_token).digest();
      expect(claimsOf(tokens.id_token).at_hash).toBe(digest.subarray(0, digest.length / 2).toString('base64url'));
      expect(
        (await t.request('/api/get-account', { headers: { authorization: `Bearer ${tokens.access_token}` } })).json
          .name,
      ).toBe('alice');
    });
  }

  test('an edited cert is used at once after forgetLookups(), and by every node within a second', async () => {
    await addCert('rotating', 'ES256');
    const application = await addApplication(t, 'rotating-app', 'acme', {
      grantTypes: ['client_credentials'],
      cert: 'rotating',
    });
    const algOfNewToken = async () =>
      decodeProtectedHeader(
        (await tokenRequest(t, { grant_type: 'client_credentials' }, application)).json.access_token,
      ).alg;
    const replace = async (algorithm: SigningAlgorithm) => {
      const replacement = await generateCertificate({ algorithm, commonName: 'rotating' });
      await updateRows(
        t.context.db,
        'cert',
        { name: 'rotating' },
        {
          cryptoAlgorithm: algorithm,
          certificate: replacement.certificate,
          privateKey: t.context.secrets.seal(replacement.privateKey),
        },
      );
    };
    expect(await algOfNewToken()).toBe('ES256');
    await replace('ES384');
    forgetLookups(t.context);
    expect(await algOfNewToken()).toBe('ES384');
    // A change made elsewhere (another node, or the database directly) shows within LOOKUP_TTL_MS.
    // The lookup cache runs on the real clock, so this lets real time pass beyond it.
    await replace('EdDSA');
    await Bun.sleep(LOOKUP_TTL_MS + 50);
    expect(await algOfNewToken()).toBe('EdDSA');
  });
});
