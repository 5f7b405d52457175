import { Elysia } from 'elysia';
import type { AppContext } from '../../context.ts';
import { requestInfo } from '../../http/request-info.ts';
import { auth } from '../../plugins/auth.ts';
import { jsonResponse } from './json-response.ts';
import { introspect } from './introspection.ts';
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
export function oauthRoutes(context: AppContext) {
  const userinfo = async ({ request }: { request: Request }) => {
    try {
      const parameters = await readOAuthParameters(request);
      const { user, application, scope } = await tokenUser(context, request, parameters);
      return jsonResponse(userinfoClaims(context, application, user, scope));
    } catch (error) {
      if (error instanceof BearerError) return error.toResponse(requestInfo(request).language);
      throw error;
    }
  };

  return new Elysia({ name: 'oauth', prefix: '/api' })
    .use(auth(context))
    .post(
      '/login/oauth/access_token',
      async ({ request }) => {
        const parameters = await readOAuthParameters(request);
        return jsonResponse(await handleTokenRequest(context, { request, parameters, clientIp: requestInfo(request).clientIp }));
      },
      { parse: 'none', detail: { summary: 'Token endpoint (RFC 6749): authorization_code with PKCE, client_credentials, refresh_token, password', tags: ['OAuth'] } },
    )
    .post(
      '/login/oauth/refresh_token',
      async ({ request }) => {
        const parameters = await readOAuthParameters(request);
        return jsonResponse(await handleRefreshRequest(context, { request, parameters, clientIp: requestInfo(request).clientIp }));
      },
      { parse: 'none', detail: { summary: 'Refresh a token (Casdoor path of the refresh_token grant)', tags: ['OAuth'] } },
    )
    .post(
      '/login/oauth/introspect',
      async ({ request }) => jsonResponse(await introspect(context, request, await readOAuthParameters(request))),
      { parse: 'none', detail: { summary: 'Token introspection (RFC 7662); confidential clients only', tags: ['OAuth'] } },
    )
    .post(
      '/login/oauth/revoke',
      async ({ request }) => {
        await revoke(context, request, await readOAuthParameters(request));
        return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
      },
      { parse: 'none', detail: { summary: 'Token revocation (RFC 7009)', tags: ['OAuth'] } },
    )
    .get('/userinfo', userinfo, { detail: { summary: 'OpenID Connect UserInfo: claims by scope (profile, email, address, phone)', tags: ['OAuth'] } })
    .post('/userinfo', userinfo, { parse: 'none', detail: { summary: 'OpenID Connect UserInfo, token in the header or a form body', tags: ['OAuth'] } })
    .get(
      '/user',
      ({ identity }) => {
        const { user } = identity;
        return { id: user.id, name: user.name, email: user.email, email_verified_at: user.createdTime, created_at: user.createdTime, updated_at: user.updatedTime };
      },
      { user: true, detail: { summary: 'The signed-in user in the Laravel/Flarum shape', tags: ['OAuth'] } },
    );
}
