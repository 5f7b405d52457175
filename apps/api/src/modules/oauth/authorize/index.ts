import { Elysia } from 'elysia';
import type { AppContext } from '../../../context.ts';
import { authorizeGet, authorizePost, type AuthorizeOutcome } from './authorize.ts';
import { pageHeaders } from './page.ts';

function toResponse(outcome: AuthorizeOutcome): Response {
  const headers = new Headers('redirect' in outcome ? { location: outcome.redirect, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } : pageHeaders);
  for (const cookie of outcome.cookies) headers.append('set-cookie', cookie);
  if ('retryAfterSeconds' in outcome && outcome.retryAfterSeconds !== undefined) headers.set('retry-after', String(outcome.retryAfterSeconds));
  // 303 after the form post (RFC 9700 §4.11), and for a plain redirect as well.
  return 'redirect' in outcome ? new Response(null, { status: 303, headers }) : new Response(outcome.html, { status: outcome.status, headers });
}

/**
 * The authorization endpoint, served by the API: a minimal server-rendered sign-in page. An unknown
 * client or an unregistered redirect URI gets an error page and is never redirected.
 */
export function authorizeRoutes(context: AppContext) {
  return new Elysia({ name: 'oauth-authorize' })
    .get('/login/oauth/authorize', async ({ request }) => toResponse(await authorizeGet(context, request)), {
      detail: { summary: 'Authorization endpoint (RFC 6749 §4.1, OIDC Core 3.1.2): the sign-in page', tags: ['OAuth'] },
    })
    .post('/login/oauth/authorize', async ({ request }) => toResponse(await authorizePost(context, request)), {
      parse: 'none',
      detail: { summary: 'Sign-in form of the authorization endpoint; answers 303 to the redirect URI', tags: ['OAuth'] },
    });
}
