import type { Application, User } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { amrOf } from '../../core/identity/second-factors.ts';
import { finishSignIn, type SignedIn } from '../account/sign-in.ts';
import { issueAuthorizationCode } from '../oauth/authorize/issue-code.ts';
import { authorizationResponseUrl } from '../oauth/authorize/response.ts';
import { checkSpaParameters } from '../oauth/spa-login.ts';

/**
 * The end of a sign-in at a provider that began in a relying party's authorization request: the
 * request, kept by the server since, is checked again as the authorization endpoint checks it;
 * the user signs in (a session when the application keeps them) and the relying party gets its code
 * at its redirect URI, with `state` and `iss`.
 */
export async function issueCodeFor(
  context: AppContext,
  request: Request,
  input: { authorization: Record<string, string>; application: Application; user: User; factors: string[] },
): Promise<{ code: string; redirectUrl: string; signedIn: SignedIn }> {
  const checked = await checkSpaParameters(context, new Map(Object.entries(input.authorization)));
  if (checked.error) throw checked.error;
  const authorization = checked.authorization!;
  if (authorization.application.name !== input.application.name) throw new ApiError('federation.state_invalid');
  const signedIn = await finishSignIn(context, request, {
    user: input.user,
    application: authorization.application,
    factors: input.factors,
    autoSignin: false,
    startsSession: authorization.application.enableSigninSession,
  });
  const code = await issueAuthorizationCode(context, {
    request: authorization,
    user: input.user,
    authTime: nowSeconds(context),
    sessionId: signedIn.session?.sessionId,
    amr: amrOf(input.factors),
  });
  const redirectUrl = authorizationResponseUrl(authorization.redirectUri, {
    code,
    state: authorization.state,
    iss: context.config.origin,
  });
  return { code, redirectUrl, signedIn };
}
