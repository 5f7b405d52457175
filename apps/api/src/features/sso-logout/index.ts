import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { sessionCookieHeader } from '../../core/identity/browser-sessions.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { notAllowed } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { logoutEverywhere, ssoLogout } from './service.ts';

const SsoLogoutQuery = T.Object(
  {
    logoutAll: T.Optional(
      T.String({ description: 'absent, true or 1: every session and token; false or 0: only the current session' }),
    ),
  },
  { additionalProperties: true },
);

const SsoLogoutAnswer = Envelope(T.Literal(''));

/**
 * GET|POST /api/sso-logout. A signed-out caller gets ok and nothing happens (as in Casdoor); an
 * application is not a user and is refused.
 */
export function ssoLogoutRoutes(context: AppContext) {
  const handler = async ({
    identity,
    query,
    set,
  }: {
    identity: Identity;
    query: { logoutAll?: string };
    set: { headers: Record<string, unknown> };
  }) => {
    if (identity.kind === 'anonymous') return ok('');
    if (identity.kind !== 'user') throw notAllowed();
    await ssoLogout(context, identity, logoutEverywhere(query.logoutAll));
    if (identity.sessionId) set.headers['set-cookie'] = sessionCookieHeader(context, undefined);
    return ok('');
  };
  const detail = {
    summary: 'Sign the user out of every application (logoutAll, default) or only of the current session',
    tags: ['Account'],
  };
  return new Elysia({ name: 'sso-logout', prefix: '/api' })
    .use(auth(context))
    .get('/sso-logout', handler, { anyone: true, query: SsoLogoutQuery, response: SsoLogoutAnswer, detail })
    .post('/sso-logout', handler, { anyone: true, query: SsoLogoutQuery, response: SsoLogoutAnswer, detail });
}
