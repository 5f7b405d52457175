import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** A sign-in to try from the console: the authorization request to open and the verifier that redeems its code. */
export interface SignInAttempt {
  url: string;
  redirectUri: string;
  codeVerifier: string;
}

/**
 * The code flow with PKCE (S256) against an application, sending the code to one of its redirect URIs.
 * A fresh verifier, challenge and state each time the page is drawn.
 */
export function signInAttempt(authorizationEndpoint: string, clientId: string, redirectUri: string): SignInAttempt {
  const codeVerifier = randomBytes(32).toString('base64url');
  const url = new URL(authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state: randomBytes(12).toString('base64url'),
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), redirectUri, codeVerifier };
}
