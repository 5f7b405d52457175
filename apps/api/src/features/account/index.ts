import { Application, Envelope } from '@latchkey/types';
import { type Static, Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { sessionCookieHeader } from '../../core/identity/browser-sessions.ts';
import { rememberedUserOf } from '../../core/identity/identity.ts';
import { rememberedOrganization } from '../../core/tokens/remembered-organization.ts';
import { ok } from '../../http/envelope.ts';
import { jsonTextResponse } from '../../http/json-answer.ts';
import { auth } from '../../http/plugins/auth.ts';
import { MfaProps } from '../mfa/props.ts';
import { logout } from '../oauth/logout.ts';
import { LogoutParameters, SpaAuthorizationQuery } from '../oauth/model.ts';
import { appLogin } from '../oauth/spa-login.ts';
import { answer } from '../openapi/describe.ts';
import { AccountAnswer, accountAnswer, rememberedAccountJson } from './account-answer.ts';
import { login } from './login-steps.ts';
import { LoginBody } from './model.ts';

const tags = ['Account'];
const LoginAnswer = Envelope(
  T.Union([
    T.String({
      description:
        'type login: the user (organization/name); type code, or a sign-in at a provider inside an authorization request: the authorization code; NextMfa or RequiredMfa when a second factor is due',
      examples: ['acme/alice'],
    }),
    T.Boolean({ description: 'A provider account linked (method link): true' }),
  ]),
  T.Union([
    T.Array(MfaProps, { description: 'NextMfa: the second factors the user may use' }),
    T.Object(
      { redirectUrl: T.String() },
      {
        description:
          'A sign-in at a provider: where the browser goes next (the relying party’s redirect URI with the code, or the page it began on)',
      },
    ),
    T.Null(),
  ]),
);
const LogoutAnswer = Envelope(
  T.Union([T.String({ description: "The signed-out user's id" }), T.Null()]),
  T.Union([T.String({ description: "The application's homepage" }), T.Null()]),
);

/** Sign-in, sign-out and the caller's own account. */
export function accountRoutes(context: AppContext) {
  return new Elysia({ name: 'account', prefix: '/api' })
    .use(auth(context))
    .post(
      '/login',
      async ({ body, query, request, set }) => {
        const answer = await login(context, request, body, query);
        if (answer.cookies.length > 0) set.headers['set-cookie'] = answer.cookies;
        return ok(answer.data, answer.data2);
      },
      {
        anyone: true,
        body: LoginBody,
        query: SpaAuthorizationQuery,
        response: LoginAnswer,
        detail: {
          summary:
            'Sign in with a password; sets the casdoor_session_id cookie (type code: answers an authorization code for the query’s request)',
          description:
            'When the user needs a second factor the answer is data NextMfa (data2: the factors) or RequiredMfa (set one up first with /api/mfa/setup/*), with the cookie of a pending sign-in; a second call with passcode and mfaType (or recoveryCode), no password and that cookie completes it.',
          tags,
        },
      },
    )
    .get('/get-app-login', async ({ query }) => ok(await appLogin(context, query)), {
      anyone: true,
      query: SpaAuthorizationQuery,
      response: Envelope(Application),
      detail: {
        summary: 'Check an authorization request for a sign-in page; answers the application without its secrets',
        tags,
      },
    })
    .all(
      '/logout',
      async ({ identity, query, body, request, set }) => {
        // RP-initiated logout (id_token_hint, post_logout_redirect_uri, state) is the OAuth module's.
        const parameters = { ...query, ...(body && typeof body === 'object' ? (body as Record<string, string>) : {}) };
        const outcome = await logout(context, { identity, parameters });
        const clearCookie = sessionCookieHeader(context, undefined);
        if (outcome.redirect) {
          const redirect = new Response(null, {
            status: request.method === 'GET' ? 302 : 303,
            headers: { location: outcome.redirect, 'set-cookie': clearCookie },
          });
          // Elysia passes a Response through unchecked, but its handler type admits a Response only when every answer is one.
          return redirect as unknown as Static<typeof LogoutAnswer>;
        }
        set.headers['set-cookie'] = clearCookie;
        return ok(outcome.data, outcome.data2);
      },
      {
        anyone: true,
        query: LogoutParameters,
        response: LogoutAnswer,
        detail: {
          summary: 'End the current session; OpenID Connect RP-initiated logout',
          description:
            'With a registered post_logout_redirect_uri the answer is a redirect (302 for GET, 303 for POST) there, with state. The parameters may also come in a JSON or form body.',
          tags,
          responses: {
            302: answer('GET with post_logout_redirect_uri: to that URI', undefined, {
              location: 'The post-logout redirect URI, with state',
            }),
            303: answer('POST with post_logout_redirect_uri: to that URI', undefined, {
              location: 'The post-logout redirect URI, with state',
            }),
          },
        },
      },
    )
    .get(
      '/get-account',
      async ({ identity }) => {
        // A bearer token was just checked through the bearer cache, which looked for other processes' changes.
        const organization =
          (await rememberedOrganization(context, identity.organization, identity.method === 'token')) ?? null;
        // Only read here: the remembered user and organization themselves, not copies.
        const remembered = rememberedUserOf(identity);
        const json = remembered && rememberedAccountJson(context, remembered, organization);
        // Elysia passes a Response through unchecked; the text was made from the schema's cleaning.
        if (json) return jsonTextResponse(json) as unknown as AccountAnswer;
        return accountAnswer(context, remembered ?? identity.user, organization);
      },
      { user: true, response: AccountAnswer, detail: { summary: 'The signed-in user and their organization', tags } },
    );
}
