import { Envelope } from '@latchkey/types';
import { type Static, Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { loginApplication } from '../account/login.ts';
import { applicationOfUser } from '../integrations/caller-provider.ts';
import { authorizationParameterNames } from '../oauth/authorize/authorization-request.ts';
import { answer } from '../openapi/describe.ts';
import { offersSignIn, signInProvidersOf } from './application-providers.ts';
import { beginProviderSignIn } from './begin.ts';
import { formPostCallbackLocation } from './form-post.ts';
import { unlinkProvider } from './unlink.ts';

const tags = ['Account'];
const optional = (description: string) => T.Optional(T.String({ description }));

const BeginQuery = T.Object({
  application: optional('The application signed in to (the portal’s own when none); ignored with client_id'),
  provider: T.String({ description: 'The provider’s name, as the application lists it', examples: ['github'] }),
  method: optional('signin (or login), signup or link (the signed-in user’s own account)'),
  next: optional('A path of this server to return to afterwards'),
  ...Object.fromEntries(
    authorizationParameterNames.map((name) => [name, optional('The authorization request this sign-in is part of')]),
  ),
});

const Redirected = Envelope(T.Null());

const FormPostBody = T.Object(
  {
    code: optional('The authorization code'),
    state: optional('The state the sign-in was sent with'),
    error: optional('The provider’s error, instead of a code'),
    iss: optional('The issuer, when the provider names it (RFC 9207)'),
  },
  { additionalProperties: true },
);

const LoginProvider = T.Object({
  owner: T.String(),
  name: T.String(),
  displayName: T.String(),
  type: T.String({ examples: ['GitHub'] }),
  customLogo: T.String(),
  canSignIn: T.Boolean(),
  canSignUp: T.Boolean(),
  canUnlink: T.Boolean(),
  prompted: T.Boolean({
    description:
      'The application asks its users to link an account of this provider after they sign in or up (Casdoor’s prompt page)',
  }),
  rule: T.String({
    description:
      'The item’s rule as written (for OAuth providers Casdoor reads only Google’s OneTap, which is not served)',
  }),
});
export type LoginProvider = Static<typeof LoginProvider>;

const UnlinkBody = T.Object(
  {
    providerType: T.Optional(T.String({ examples: ['GitHub'] })),
    providerName: T.Optional(T.String()),
    user: T.Optional(
      T.Object(
        { owner: T.Optional(T.String()), name: T.Optional(T.String()), id: T.Optional(T.String()) },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true },
);

/** Sign-in through outside providers: starting it, the buttons of a sign-in page, and unlinking. */
export function federationRoutes(context: AppContext) {
  return new Elysia({ name: 'federation', prefix: '/api' })
    .use(auth(context))
    .get(
      '/provider-login',
      async ({ query, request }) => {
        const begun = await beginProviderSignIn(context, request, {
          application: query.application,
          provider: query.provider,
          method: query.method,
          next: query.next,
          query: query as Record<string, string | undefined>,
        });
        const redirect = new Response(null, {
          status: 303,
          headers: {
            location: begun.location,
            'set-cookie': begun.cookie,
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer',
          },
        });
        // Elysia passes a Response through unchecked, but its handler type admits a Response only when every answer is one.
        return redirect as unknown as Static<typeof Redirected>;
      },
      {
        anyone: true,
        query: BeginQuery,
        response: Redirected,
        detail: {
          summary: 'Start a sign-in (or sign-up, or linking) at a provider the application offers; redirects there',
          description:
            'The state, PKCE verifier and nonce stay on the server, bound to this browser by an HttpOnly cookie; the provider sends the person back to <origin>/callback, which completes with POST /api/login (provider, code, state). Errors are answered in the envelope.',
          tags,
          responses: {
            303: answer('To the provider’s authorization URL', undefined, {
              location: 'The provider’s authorization URL',
            }),
          },
        },
      },
    )
    .post(
      '/callback',
      ({ body }) => {
        const redirect = new Response(null, {
          status: 303,
          headers: {
            location: formPostCallbackLocation(context, body),
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer',
          },
        });
        // As above: a Response passes through unchecked.
        return redirect as unknown as Static<typeof Redirected>;
      },
      {
        anyone: true,
        body: FormPostBody,
        response: Redirected,
        detail: {
          summary: 'Where a provider POSTs its answer (response_mode=form_post, Apple); redirects to the callback page',
          description:
            'Takes the form the provider posts (code, state, error) and answers 303 to <origin>/callback with the same parameters, where the sign-in completes as after any provider. Nothing is checked or kept here: the state is checked for this browser when the callback page completes it.',
          tags,
          responses: {
            303: answer('To the callback page', undefined, { location: '<origin>/callback?code&state' }),
          },
        },
      },
    )
    .get(
      '/get-login-providers',
      async ({ query, identity }) => {
        // Without an application, a signed-in user's own (the one their accounts are linked through), else the portal's.
        const own =
          !query.application && identity.kind === 'user' ? await applicationOfUser(context, identity.user) : undefined;
        const application = own ?? (await loginApplication(context, query.application));
        const offered = await signInProvidersOf(context, application);
        return ok(
          offered
            .filter(({ item }) => own || offersSignIn(item))
            .map(({ item, provider }) => ({
              owner: provider.owner,
              name: provider.name,
              displayName: provider.displayName || provider.name,
              type: provider.type,
              customLogo: provider.customLogo,
              canSignIn: item.canSignIn,
              canSignUp: item.canSignUp,
              canUnlink: item.canUnlink,
              prompted: item.prompted,
              rule: item.rule,
            })),
        );
      },
      {
        anyone: true,
        query: T.Object({
          application: optional(
            'The application; when none, a signed-in user’s own application (all its providers, for linking), else the portal’s',
          ),
        }),
        response: Envelope(T.Array(LoginProvider)),
        detail: { summary: 'The providers a sign-in page offers buttons for, without their settings', tags },
      },
    )
    .post(
      '/unlink',
      async ({ identity, body }) => {
        await unlinkProvider(context, identity, body);
        return ok(null);
      },
      {
        user: true,
        body: UnlinkBody,
        response: Envelope(T.Null()),
        detail: {
          summary: 'Unlink an account at a provider from a user',
          description:
            'A user unlinks their own account when their application allows it for the provider (canUnlink); a global administrator unlinks any user’s.',
          tags,
        },
      },
    );
}
