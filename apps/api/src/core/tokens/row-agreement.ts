import type { TokenRecord } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import type { JWTPayload } from 'jose';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';

const audiences = (claims: JWTPayload): string[] =>
  Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];

/**
 * Whether a verified access token and the row it was found by describe the same grant, as
 * mintTokens (issue.ts) writes them: `jti` names the row, `aud` and `azp` the row's application,
 * `sub` the row's user (its id) or, for an application's own token, the application. The row's
 * application must be of the token's organization; only the portal's application (`app-built-in`)
 * signs in the users of every organization. A row that disagrees was not written by the server
 * for this token, and grants nothing.
 */
export function tokenRowAgrees(claims: JWTPayload, token: TokenRecord, application: Application): boolean {
  if (claims.jti !== `admin/${token.name}`) return false;
  if (!application.clientId || claims.azp !== application.clientId || !audiences(claims).includes(application.clientId))
    return false;
  if (token.user) {
    if (!token.userId || claims.sub !== token.userId) return false;
    return application.organization === token.organization || application.name === BUILT_IN_APPLICATION;
  }
  if (token.grantType !== 'client_credentials') return false;
  return claims.sub === `${application.owner}/${application.name}` && application.organization === token.organization;
}
