import { createHash, randomBytes } from 'node:crypto';

/** A GitHub account as the test server knows it. */
export interface GithubAccount {
  id: number;
  login: string;
  name?: string;
  /** The e-mail list of /user/emails. */
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export interface GithubUpstream {
  /** The server's base URL; the provider object points its custom URLs here. */
  base: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, GithubAccount>;
  /** Plays the person approving the app at GitHub: answers the parameters sent to the callback (code, state). */
  approve(authorizationUrl: string, login: string): URLSearchParams;
  /** Token requests that reached the server (a witness that no exchange happened). */
  tokenRequests: number;
  close(): void;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A local HTTP server speaking GitHub's OAuth and API shape: /login/oauth/access_token, /user, /user/emails. */
export function startGithubUpstream(): GithubUpstream {
  const clientId = 'Iv1.testclient';
  const clientSecret = 'github-client-secret-for-tests';
  const accounts = new Map<string, GithubAccount>();
  const codes = new Map<string, { login: string; challenge: string; redirectUri: string }>();
  const tokens = new Map<string, string>();
  const upstream: GithubUpstream = {
    base: '',
    clientId,
    clientSecret,
    accounts,
    tokenRequests: 0,
    approve(authorizationUrl, login) {
      const url = new URL(authorizationUrl);
      if (url.searchParams.get('client_id') !== clientId) throw new Error('unknown client');
      if (url.searchParams.get('code_challenge_method') !== 'S256') throw new Error('no PKCE');
      const code = base64url(randomBytes(16));
      codes.set(code, {
        login,
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
      });
      return new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' });
    },
    close: () => server.stop(true),
  };
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
  const accountOf = (request: Request) => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /i, '') ?? '';
    const login = tokens.get(token);
    return login ? accounts.get(login) : undefined;
  };
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
        upstream.tokenRequests++;
        const form = new URLSearchParams(await request.text());
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = base64url(createHash('sha256').update(verifier).digest());
        // GitHub answers errors with 200 and an `error` field.
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
          return json({ error: 'incorrect_client_credentials' });
        if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri'))
          return json({ error: 'bad_verification_code' });
        const token = `gho_${base64url(randomBytes(16))}`;
        tokens.set(token, grant.login);
        return json({ access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      }
      const account = accountOf(request);
      if (url.pathname === '/user' || url.pathname === '/user/emails') {
        if (!account) return json({ message: 'Bad credentials' }, 401);
        if (url.pathname === '/user/emails') return json(account.emails);
        const shown = account.emails.find((entry) => entry.primary);
        return json({
          id: account.id,
          login: account.login,
          name: account.name ?? null,
          email: shown?.email ?? null,
          avatar_url: `https://avatars.example.com/u/${account.id}`,
        });
      }
      return json({ message: 'Not Found' }, 404);
    },
  });
  upstream.base = `http://127.0.0.1:${server.port}`;
  return upstream;
}
