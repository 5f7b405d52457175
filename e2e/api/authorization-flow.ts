import { createHash, randomBytes } from 'node:crypto';

/** The value of a cookie in a response's Set-Cookie headers. */
export function cookieFrom(response: Response, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair?.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return undefined;
}

const decodeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');

/** The hidden fields of a rendered sign-in page's password form (the API's own page or the portal's). */
export function signInFormFields(html: string): URLSearchParams {
  const form = html
    .split('<form')
    .slice(1)
    .find((candidate) => /name="action" value="signin"/.test(candidate));
  if (!form) throw new Error(`the sign-in page has no password form:\n${html.slice(0, 2000)}`);
  const fields = new URLSearchParams();
  for (const match of form
    .slice(0, form.indexOf('</form>'))
    .matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\s*\/?>/g))
    fields.set(match[1]!, decodeHtml(match[2]!));
  return fields;
}

export interface CodeFlowClient {
  clientId: string;
  redirectUri: string;
}

/** A PKCE pair (S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * The browser's part of the code flow against one server: opens the authorization URL, posts the
 * password form with its CSRF cookie (with `origin` as the browser would send it), and answers the
 * code from the 303 to the redirect URI.
 */
export async function authorizationCode(
  serverUrl: string,
  client: CodeFlowClient,
  user: { username: string; password: string },
  options: { origin: string; challenge: string; state?: string; scope?: string },
): Promise<{ code: string; callback: URL; page: string }> {
  const authorize = new URL('/login/oauth/authorize', serverUrl);
  const state = options.state ?? randomBytes(8).toString('hex');
  for (const [name, value] of Object.entries({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: client.redirectUri,
    scope: options.scope ?? 'openid profile email',
    state,
    code_challenge: options.challenge,
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(name, value);
  const page = await fetch(authorize, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the authorization endpoint answered ${page.status}: ${html.slice(0, 500)}`);
  const fields = signInFormFields(html);
  fields.set('username', user.username);
  fields.set('password', user.password);
  const csrf = cookieFrom(page, 'latchkey_authorize_csrf');
  const signedIn = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    body: fields,
    headers: { cookie: `latchkey_authorize_csrf=${csrf}`, origin: options.origin },
    redirect: 'manual',
  });
  const location = signedIn.headers.get('location');
  if (signedIn.status !== 303 || !location)
    throw new Error(`sign-in answered ${signedIn.status}: ${await signedIn.text()}`);
  const callback = new URL(location);
  if (callback.searchParams.get('state') !== state) throw new Error(`the callback lost the state: ${location}`);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in the callback: ${location}`);
  return { code, callback, page: html };
}
