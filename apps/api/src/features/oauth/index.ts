import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestStateOf } from '../../http/request-state.ts';
import { answer, formBody, queryParameters, security } from '../openapi/describe.ts';
import { OAuthErrorBody } from '../openapi/named-schemas.ts';
import { introspect } from './introspection.ts';
import { jsonResponse } from './json-response.ts';
import {
  IntrospectionResponse,
  LaravelUser,
  RefreshRequest,
  TokenByValueRequest,
  TokenRequest,
  TokenResponse,
  UserInfoClaims,
  UserInfoRequest,
} from './model.ts';
import { readOAuthParameters } from './parameters.ts';
import { BearerError, tokenUser } from './protected-resource.ts';
import { revoke } from './revocation.ts';
import { handleRefreshRequest, handleTokenRequest } from './token-endpoint.ts';
import { userinfoClaims } from './userinfo.ts';

/**
 * The OAuth 2.0 endpoints under /api. The token, introspection and revocation endpoints
 * authenticate the calling client themselves (HTTP Basic, client_id + client_secret, or a public
 * client's client_id) and answer errors as RFC 6749 JSON; userinfo takes a bearer token (RFC 6750).
 * Bodies are read raw so that repeated parameters can be refused.
 */
/**
 * How the client-authenticating endpoints know the client: HTTP Basic, or client_id (and
 * client_secret) among the parameters (described with the body), which no security scheme expresses.
 */
const clientSecurity = security({ clientSecretBasic: [] }, {});
/** UserInfo's bearer token (RFC 6750): the header, or access_token in the query or a form body. */
const bearerSecurity = security({ accessToken: [] }, { accessTokenQuery: [] });
const userinfoAnswers = {
  200: UserInfoClaims,
  401: T.Object({ error: T.String({ examples: ['invalid_token'] }), error_description: T.String() }),
};

export function oauthRoutes(context: AppContext) {
  const userinfo = async ({ request }: { request: Request }) => {
    try {
      const parameters = await readOAuthParameters(request);
      const { user, application, scope } = await tokenUser(context, request, parameters);
      return jsonResponse(await userinfoClaims(context, application, user, scope));
    } catch (error) {
      if (error instanceof BearerError) return error.toResponse();
      throw error;
    }
  };

  return new Elysia({ name: 'oauth', prefix: '/api' })
    .use(auth(context))
    .post(
      '/login/oauth/access_token',
      async ({ request }) => {
        const parameters = await readOAuthParameters(request);
        return jsonResponse(
          await handleTokenRequest(context, { request, parameters, clientIp: requestStateOf(request).clientIp }),
        );
      },
      {
        parse: 'none',
        response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody },
        detail: {
          summary:
            'Token endpoint (RFC 6749): authorization_code with PKCE, client_credentials, refresh_token, password',
          tags: ['OAuth'],
          requestBody: formBody(TokenRequest),
          ...clientSecurity,
        },
      },
    )
    .post(
      '/login/oauth/refresh_token',
      async ({ request }) => {
        const parameters = await readOAuthParameters(request);
        return jsonResponse(
          await handleRefreshRequest(context, { request, parameters, clientIp: requestStateOf(request).clientIp }),
        );
      },
      {
        parse: 'none',
        response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody },
        detail: {
          summary: 'Refresh a token (Casdoor path of the refresh_token grant)',
          tags: ['OAuth'],
          requestBody: formBody(RefreshRequest),
          ...clientSecurity,
        },
      },
    )
    .post(
      '/login/oauth/introspect',
      async ({ request }) => jsonResponse(await introspect(context, request, await readOAuthParameters(request))),
      {
        parse: 'none',
        response: { 200: IntrospectionResponse, 400: OAuthErrorBody, 401: OAuthErrorBody },
        detail: {
          summary: 'Token introspection (RFC 7662); confidential clients only',
          tags: ['OAuth'],
          requestBody: formBody(TokenByValueRequest),
          ...clientSecurity,
        },
      },
    )
    .post(
      '/login/oauth/revoke',
      async ({ request }) => {
        await revoke(context, request, await readOAuthParameters(request));
        return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
      },
      {
        parse: 'none',
        response: { 400: OAuthErrorBody, 401: OAuthErrorBody },
        detail: {
          summary: 'Token revocation (RFC 7009)',
          tags: ['OAuth'],
          requestBody: formBody(TokenByValueRequest),
          responses: { 200: answer('Revoked, or the token was unknown already (an empty body)') },
          ...clientSecurity,
        },
      },
    )
    .get('/userinfo', userinfo, {
      response: userinfoAnswers,
      detail: {
        summary: 'OpenID Connect UserInfo: claims by scope (profile, email, address, phone)',
        tags: ['OAuth'],
        parameters: queryParameters(UserInfoRequest),
        ...bearerSecurity,
      },
    })
    .post('/userinfo', userinfo, {
      parse: 'none',
      response: userinfoAnswers,
      detail: {
        summary: 'OpenID Connect UserInfo, token in the header or a form body',
        tags: ['OAuth'],
        requestBody: formBody(UserInfoRequest),
        ...bearerSecurity,
      },
    })
    .get(
      '/user',
      ({ identity }) => {
        const { user } = identity;
        return {
          id: user.id,
          name: user.name,
          email: user.email,
          email_verified_at: user.createdTime,
          created_at: user.createdTime,
          updated_at: user.updatedTime,
        };
      },
      {
        user: true,
        response: LaravelUser,
        detail: { summary: 'The signed-in user in the Laravel/Flarum shape', tags: ['OAuth'] },
      },
    );
}
