import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { recordCompletedSignIn } from '../../core/identity/password-signin.ts';
import { isSignedIn, notAllowed, pleaseSignIn } from '../../core/identity/privileges.ts';
import { type PendingSignin, pendingSigninOf } from '../mfa/pending-signin.ts';
import { hasSecondFactor, partiesOf, recordEnrolledFactor } from '../mfa/second-step.ts';
import { passkeyOwner } from './credentials.ts';
import type { RegisteredPasskey } from './registration.ts';

/** Who adds a passkey, and the pending sign-in it is added within (a required set-up), if any. */
export interface Registrant {
  user: User;
  pending?: PendingSignin;
}

/**
 * Who a webauthn/signup call adds a passkey for: the signed-in user themselves; or, without a
 * sign-in, the user of the browser's pending sign-in that waits for them to set up a second factor
 * their organization or application requires (Casdoor's `RequiredMfa`), by that sign-in's cookie —
 * a passkey is a second factor as an authenticator app is.
 */
export async function registrantOf(context: AppContext, identity: Identity, request: Request): Promise<Registrant> {
  if (isSignedIn(identity)) {
    if (identity.kind !== 'user') throw notAllowed();
    return { user: await passkeyOwner(context, identity, { owner: '', name: '' }) };
  }
  const pending = await pendingSigninOf(context, request);
  if (!pending) throw pleaseSignIn();
  if (pending.stage !== 'enrol' || hasSecondFactor(pending.factors)) throw notAllowed();
  const { user } = await partiesOf(context, pending);
  return { user, pending };
}

/**
 * A passkey added within a pending sign-in's required set-up: the sign-in has passed its second
 * factor (the passkey's), and completes with its next call (POST /api/login without password, or
 * the authorization page's form).
 */
export async function passkeyEnrolledWithin(
  context: AppContext,
  pending: PendingSignin,
  user: User,
  registered: RegisteredPasskey,
  clientIp: string,
): Promise<void> {
  await recordEnrolledFactor(context, pending, registered.factor);
  await recordCompletedSignIn(context, user, clientIp);
}
