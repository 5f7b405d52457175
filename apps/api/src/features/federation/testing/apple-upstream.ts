import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

/** An Apple ID as the test server knows it (Apple writes `email_verified` as a string). */
export interface AppleAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
}

export interface AppleUpstream {
  /** The issuer (Apple's is https://appleid.apple.com); the provider's `issuerUrl` points here. */
  issuer: string;
  /** The provider's fields as Casdoor names them: Services ID, Team ID, Key ID and the key's PEM text. */
  servicesId: string;
  teamId: string;
  keyId: string;
  privateKeyPem: string;
  /** Another key's PEM text, which Apple does not know. */
  unknownKeyPem: string;
  accounts: Map<string, AppleAccount>;
  /**
   * Plays the person at Apple: checks the authorization URL and answers the form Apple's page
   * POSTs to the redirect URI (code, state, and `user` with the name on the first time).
   */
  approve(authorizationUrl: string, account: string): { redirectUri: string; form: URLSearchParams };
  /** Sign ID tokens with a key the key set does not publish. */
  forgeIdTokens(forged: boolean): void;
  /** Why the token endpoint refused the client secrets it refused (a witness for tests). */
  refusals: string[];
  /** The tokens the token endpoint gave, in order. */
  issued: { accessToken: string; refreshToken: string }[];
  close(): void;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * A local HTTP server shaped like Sign in with Apple: a discovery document, /auth/authorize (played by
 * `approve`), /auth/token, which accepts only a client-secret JWT signed ES256 with the registered
 * key (kid, iss = Team ID, sub = Services ID, aud = the issuer), and /auth/keys.
 */
export async function startAppleUpstream(): Promise<AppleUpstream> {
  const servicesId = 'com.example.latchkey.web';
  const teamId = 'TEAM123456';
  const keyId = 'KEY1234567';
  const clientKey = await generateKeyPair('ES256', { extractable: true });
  const unknownKey = await generateKeyPair('ES256', { extractable: true });
  const clientPublic = await importJWK((await exportJWK(clientKey.publicKey)) as JWK, 'ES256');
  const signing = await generateKeyPair('RS256', { extractable: true });
  const forger = await generateKeyPair('RS256', { extractable: true });
  const publishedKey = { ...(await exportJWK(signing.publicKey)), kid: 'apple-signing', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, AppleAccount>();
  const codes = new Map<string, { account: string; challenge: string; redirectUri: string; nonce: string }>();
  let forged = false;
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

  const upstream: AppleUpstream = {
    issuer: '',
    servicesId,
    teamId,
    keyId,
    privateKeyPem: await exportPKCS8(clientKey.privateKey),
    unknownKeyPem: await exportPKCS8(unknownKey.privateKey),
    accounts,
    refusals: [],
    issued: [],
    approve(authorizationUrl, account) {
      const url = new URL(authorizationUrl);
      if (url.searchParams.get('client_id') !== servicesId) throw new Error('unknown client');
      if (url.searchParams.get('response_mode') !== 'form_post') throw new Error('Apple answers by form_post');
      if (url.searchParams.get('code_challenge_method') !== 'S256') throw new Error('no PKCE');
      const code = `c.${base64url(randomBytes(16))}`;
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      codes.set(code, {
        account,
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri,
        nonce: url.searchParams.get('nonce') ?? '',
      });
      const form = new URLSearchParams({ state: url.searchParams.get('state') ?? '', code });
      form.set('user', JSON.stringify({ name: { firstName: 'Ada', lastName: 'Lovelace' } }));
      return { redirectUri, form };
    },
    forgeIdTokens: (value) => {
      forged = value;
    },
    close: () => server.stop(true),
  };

  async function clientSecretRefusal(secret: string): Promise<string | undefined> {
    try {
      const { payload, protectedHeader } = await jwtVerify(secret, clientPublic, {
        algorithms: ['ES256'],
        issuer: teamId,
        subject: servicesId,
        audience: upstream.issuer,
      });
      if (protectedHeader.kid !== keyId) return 'unknown kid';
      if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return 'no exp or iat';
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname === '/.well-known/openid-configuration')
        return json({
          issuer: upstream.issuer,
          authorization_endpoint: `${upstream.issuer}/auth/authorize`,
          token_endpoint: `${upstream.issuer}/auth/token`,
          revocation_endpoint: `${upstream.issuer}/auth/revoke`,
          jwks_uri: `${upstream.issuer}/auth/keys`,
          response_types_supported: ['code'],
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'name'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          claims_supported: ['aud', 'email', 'email_verified', 'exp', 'iat', 'is_private_email', 'iss', 'nonce', 'sub'],
        });
      if (url.pathname === '/auth/keys') return json({ keys: [publishedKey] });
      if (url.pathname !== '/auth/token' || request.method !== 'POST') return json({ error: 'not_found' }, 404);
      const form = new URLSearchParams(await request.text());
      if (form.get('client_id') !== servicesId) return json({ error: 'invalid_client' }, 400);
      const refusal = await clientSecretRefusal(form.get('client_secret') ?? '');
      if (refusal) {
        upstream.refusals.push(refusal);
        return json({ error: 'invalid_client' }, 400);
      }
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge = base64url(
        createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest(),
      );
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri'))
        return json({ error: 'invalid_grant' }, 400);
      const account = accounts.get(grant.account);
      if (!account) return json({ error: 'invalid_grant' }, 400);
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { nonce: grant.nonce, auth_time: now, nonce_supported: true };
      if (account.email) {
        claims.email = account.email;
        claims.email_verified = account.emailVerified ? 'true' : 'false';
      }
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'apple-signing' })
        .setIssuer(upstream.issuer)
        .setAudience(servicesId)
        .setSubject(account.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(forged ? forger.privateKey : signing.privateKey);
      const issued = {
        accessToken: `a.${base64url(randomBytes(16))}`,
        refreshToken: `r.${base64url(randomBytes(16))}`,
      };
      upstream.issued.push(issued);
      return json({
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: issued.refreshToken,
        id_token: idToken,
      });
    },
  });
  upstream.issuer = `http://127.0.0.1:${server.port}`;
  return upstream;
}
