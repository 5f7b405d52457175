import type { AppContext } from '../core/context.ts';
import { plainBearerToken } from '../core/identity/credentials/authorization-header.ts';
import { rememberedAccessToken } from '../core/tokens/access-token.ts';
import { peekRememberedOrganization } from '../core/tokens/remembered-organization.ts';
import { rememberedAccountJson } from '../features/account/account-answer.ts';
import type { QuickAnswer } from './quick-lane.ts';

/**
 * `GET /api/get-account` with `Authorization: Bearer` and a token the bearer cache remembers: the
 * route's answer (account-answer.ts), made from what the memories hold, reading no database. Left to
 * the route: any other credential, a token not remembered or expired, an application's token, a
 * blocked or deleted user (each gets the route's error), an organization not remembered, and a view
 * that opens a sealed secret.
 */
export function quickAccount(context: AppContext): QuickAnswer {
  return (request) => {
    const header = request.headers.get('authorization');
    const raw = header === null ? undefined : plainBearerToken(header);
    if (raw === undefined) return undefined;
    const remembered = rememberedAccessToken(context, raw);
    const user = remembered?.token.user ? remembered.user : undefined;
    if (!user || user.isForbidden || user.isDeleted) return undefined;
    const organization = peekRememberedOrganization(context, user.owner);
    return organization && rememberedAccountJson(context, user, organization);
  };
}
