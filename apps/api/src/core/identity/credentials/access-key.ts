import { findApplication, findKeyByAccessKey, findUser, findUsersByAccessKey } from '@latchkey/db';
import type { AppContext } from '../../context.ts';
import { secretsEqual } from '../../crypto/compare.ts';
import { ApiError } from '../../errors/api-error.ts';
import { applicationIdentity, type SignedInIdentity, userIdentity } from '../identity.ts';

const invalid = () => new ApiError('auth.access_key_invalid');

/**
 * An access key + secret: a key object (active, not expired) stands for its user or application,
 * always inside the key's own organization; a user's own accessKey/accessSecret fields (Casdoor's
 * older model, /api/add-user-keys) stand for that user.
 */
export async function identityFromAccessKey(
  context: AppContext,
  accessKey: string,
  accessSecret: string,
): Promise<SignedInIdentity> {
  const key = await findKeyByAccessKey(context.db, accessKey);
  if (key) {
    if (!secretsEqual(context.secrets.open(key.accessSecret), accessSecret)) throw invalid();
    if (key.state !== 'Active') throw invalid();
    if (key.expireTime && !(Date.parse(key.expireTime) > context.clock.now().getTime())) throw invalid();
    if (key.user) {
      const user = await findUser(context.db, key.organization, key.user);
      if (!user) throw invalid();
      if (user.isForbidden || user.isDeleted) throw new ApiError('auth.user_forbidden');
      return userIdentity(user, 'accessKey');
    }
    const application = key.application ? await findApplication(context.db, key.application) : undefined;
    if (!application || application.organization !== key.organization) throw invalid();
    return applicationIdentity(application, 'accessKey');
  }
  // The user fields are not unique by construction: try each holder of this key against its own secret.
  const users = await findUsersByAccessKey(context.db, accessKey, 8);
  let match: (typeof users)[number] | undefined;
  for (const user of users) {
    const stored = user.accessSecret ? context.secrets.open(user.accessSecret) : '';
    if (stored && secretsEqual(stored, accessSecret) && !match) match = user;
  }
  if (users.length === 0) secretsEqual('no key has this secret', accessSecret);
  if (!match) throw invalid();
  if (match.isForbidden || match.isDeleted) throw new ApiError('auth.user_forbidden');
  return userIdentity(match, 'accessKey');
}
