import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A Microsoft Entra account: its tenant, and what an ID token may say beyond the truth (for abuse cases). */
export interface MicrosoftAccount {
  sub: string;
  tenant: string;
  name?: string;
  /** The `iss` the token names instead of `<base>/<tenant>/v2.0`. */
  issuer?: string;
  /** The `tid` the token names instead of the tenant. */
  tid?: string;
}

export interface MicrosoftUpstream {
  /** `<base>/<tenant>/v2.0` is an authority; `common` and `organizations` are multi-tenant. */
  base: string;
  /** A tenant's domain name and the tenant id it resolves to. */
  domain: string;
  domainTenant: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, MicrosoftAccount>;
  /** Plays the person at Microsoft: answers the parameters sent to the callback (code, state). */
  approve(authorizationUrl: string, account: string): URLSearchParams;
  close(): void;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * A local server shaped like Microsoft's identity platform (v2.0): per-authority discovery documents
 * (the multi-tenant ones with the `{tenantid}` issuer template), a token endpoint, and one key set.
 */
export async function startMicrosoftUpstream(): Promise<MicrosoftUpstream> {
  const clientId = '00000000-aaaa-bbbb-cccc-000000000001';
  const clientSecret = 'microsoft-client-secret-for-tests';
  const domain = 'contoso.example';
  const domainTenant = '11111111-2222-3333-4444-555555555555';
  const signing = await generateKeyPair('RS256', { extractable: true });
  const publishedKey = { ...(await exportJWK(signing.publicKey)), kid: 'ms-signing', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, MicrosoftAccount>();
  const codes = new Map<string, { account: string; challenge: string; redirectUri: string; nonce: string }>();
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

  const upstream: MicrosoftUpstream = {
    base: '',
    domain,
    domainTenant,
    clientId,
    clientSecret,
    accounts,
    approve(authorizationUrl, account) {
      const url = new URL(authorizationUrl);
      if (url.searchParams.get('client_id') !== clientId) throw new Error('unknown client');
      const code = base64url(randomBytes(16));
      codes.set(code, {
        account,
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
        nonce: url.searchParams.get('nonce') ?? '',
      });
      return new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' });
    },
    close: () => server.stop(true),
  };

  const issuerOf = (tenant: string) => {
    if (tenant === 'common' || tenant === 'organizations') return `${upstream.base}/{tenantid}/v2.0`;
    return `${upstream.base}/${tenant === domain ? domainTenant : tenant}/v2.0`;
  };

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
      if (discovery) {
        const tenant = discovery[1]!;
        return json({
          issuer: issuerOf(tenant),
          authorization_endpoint: `${upstream.base}/${tenant}/oauth2/v2.0/authorize`,
          token_endpoint: `${upstream.base}/${tenant}/oauth2/v2.0/token`,
          jwks_uri: `${upstream.base}/${tenant}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        });
      }
      if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(url.pathname)) return json({ keys: [publishedKey] });
      if (!/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname) || request.method !== 'POST')
        return json({ error: 'not_found' }, 404);
      const form = new URLSearchParams(await request.text());
      const basic = request.headers.get('authorization');
      const presented = basic
        ? Buffer.from(basic.replace(/^Basic /, ''), 'base64')
            .toString()
            .split(':')
            .map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      if (presented[0] !== clientId || presented[1] !== clientSecret) return json({ error: 'invalid_client' }, 401);
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
      const idToken = await new SignJWT({
        nonce: grant.nonce,
        tid: account.tid ?? account.tenant,
        oid: account.sub,
        name: account.name,
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'ms-signing' })
        .setIssuer(account.issuer ?? `${upstream.base}/${account.tenant}/v2.0`)
        .setAudience(clientId)
        .setSubject(account.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(signing.privateKey);
      return json({
        access_token: base64url(randomBytes(16)),
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: idToken,
      });
    },
  });
  upstream.base = `http://127.0.0.1:${server.port}`;
  return upstream;
}
