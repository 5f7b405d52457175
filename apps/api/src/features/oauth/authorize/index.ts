import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { answer, formBody, queryParameters, security } from '../../openapi/describe.ts';
import { AuthorizationForm, AuthorizationQuery } from '../model.ts';
import { type AuthorizeOutcome, authorizeGet, authorizePost } from './authorize.ts';
import { pageHeaders, portalPageHeaders } from './page.ts';

/** The page in the console's look when the portal runs (after every check here), else the endpoint's own HTML. */
async function respond(context: AppContext, request: Request, outcome: AuthorizeOutcome): Promise<Response> {
  if (!('view' in outcome) || !outcome.view || !context.portalPages) return toResponse(outcome);
  const rendered = await context.portalPages.render(request, '/login/oauth/authorize', outcome.view);
  if (!rendered) return toResponse(outcome);
  const headers = portalPageHeaders(rendered.headers);
  for (const cookie of outcome.cookies) headers.append('set-cookie', cookie);
  if (outcome.retryAfterSeconds !== undefined) headers.set('retry-after', String(outcome.retryAfterSeconds));
  return new Response(rendered.body, { status: outcome.status, headers });
}

function toResponse(outcome: AuthorizeOutcome): Response {
  const headers = new Headers(
    'redirect' in outcome
      ? { location: outcome.redirect, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }
      : pageHeaders(outcome.html),
  );
  for (const cookie of outcome.cookies) headers.append('set-cookie', cookie);
  if ('retryAfterSeconds' in outcome && outcome.retryAfterSeconds !== undefined)
    headers.set('retry-after', String(outcome.retryAfterSeconds));
  // 303 after the form post (RFC 9700 §4.11), and for a plain redirect as well.
  return 'redirect' in outcome
    ? new Response(null, { status: 303, headers })
    : new Response(outcome.html, { status: outcome.status, headers });
}

/**
 * The authorization endpoint, served by the API: its sign-in page is the portal's when the portal
 * runs, else a minimal server-rendered page of its own. An unknown
 * client or an unregistered redirect URI gets an error page and is never redirected.
 */
const pageAnswers = {
  200: answer('The sign-in page (or "continue as" for a signed-in user)', 'text/html'),
  303: answer('To the redirect URI with code and state (iss too), or with an error', undefined, {
    location: 'The redirect URI with the answer',
  }),
  400: answer(
    'An error page: unknown client, unregistered redirect URI or a malformed request (never redirected)',
    'text/html',
  ),
};
/** The sign-in page reads the session cookie, when there is one, to offer "continue as". */
const pageSecurity = security({}, { session: [] });

export function authorizeRoutes(context: AppContext) {
  return new Elysia({ name: 'oauth-authorize' })
    .get(
      '/login/oauth/authorize',
      async ({ request }) => respond(context, request, await authorizeGet(context, request)),
      {
        detail: {
          summary: 'Authorization endpoint (RFC 6749 §4.1, OIDC Core 3.1.2): the sign-in page',
          tags: ['OAuth'],
          parameters: queryParameters(AuthorizationQuery),
          responses: pageAnswers,
          ...pageSecurity,
        },
      },
    )
    .post(
      '/login/oauth/authorize',
      async ({ request }) => respond(context, request, await authorizePost(context, request)),
      {
        parse: 'none',
        detail: {
          summary: 'Sign-in form of the authorization endpoint; answers 303 to the redirect URI',
          tags: ['OAuth'],
          requestBody: formBody(AuthorizationForm, 'The fields of the rendered form, with its CSRF cookie'),
          responses: pageAnswers,
          ...pageSecurity,
        },
      },
    );
}
