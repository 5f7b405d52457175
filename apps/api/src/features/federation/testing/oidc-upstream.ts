import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** The claims an account of the test provider has. */
export interface UpstreamAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

export interface OidcUpstream {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, UpstreamAccount>;
  /** Serve another key set at the JWKS URI (ID tokens then carry a signature the published keys do not verify). */
  swapKeySet(swapped: boolean): void;
  /**
   * Plays the person at the provider: opens the authorization URL, signs in as `account` and
   * consents; answers the parameters the provider sends to the callback (code, state, iss).
   */
  signIn(authorizationUrl: string, account: string): Promise<URLSearchParams>;
  close(): Promise<void>;
}

/** A real OpenID provider (panva's oidc-provider) on a loopback port of this process, with one client. */
export async function startOidcUpstream(callbackUrl: string): Promise<OidcUpstream> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const issuer = `http://127.0.0.1:${address.port}`;
  const accounts = new Map<string, UpstreamAccount>();
  const signing = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(signing.privateKey)), kid: 'signing', alg: 'RS256', use: 'sig' };
  const otherPublic = { ...(await exportJWK(other.publicKey)), kid: 'signing', alg: 'RS256', use: 'sig' };
  const clientId = 'latchkey-test';
  const clientSecret = 'upstream-client-secret-for-tests';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [callbackUrl] }],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['oidc-upstream-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) =>
      accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) } : undefined,
  } as ConstructorParameters<typeof Provider>[1]);
  let swapped = false;
  const handle = provider.callback();
  http.on('request', (request, response) => {
    if (swapped && request.url?.startsWith('/jwks')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [otherPublic] }));
      return;
    }
    handle(request, response);
  });

  async function signIn(authorizationUrl: string, account: string): Promise<URLSearchParams> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let next: { url: string; init?: RequestInit } = { url: authorizationUrl };
    for (let step = 0; step < 12; step++) {
      const response = await fetch(next.url, {
        ...next.init,
        redirect: 'manual',
        headers: { ...(next.init?.headers as Record<string, string>), cookie: cookieHeader() },
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const equals = pair!.indexOf('=');
        jar.set(pair!.slice(0, equals), pair!.slice(equals + 1));
      }
      const location = response.headers.get('location');
      if (location) {
        const target = new URL(location, next.url);
        if (target.toString().startsWith(callbackUrl)) return target.searchParams;
        next = { url: target.toString() };
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`the test provider answered ${response.status} without a form`);
      const form = new URLSearchParams({ prompt, login: account, password: 'any' });
      next = {
        url: new URL(action, next.url).toString(),
        init: {
          method: 'POST',
          body: form.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      };
    }
    throw new Error('the test provider did not send the browser back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    swapKeySet: (value) => {
      swapped = value;
    },
    signIn,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
