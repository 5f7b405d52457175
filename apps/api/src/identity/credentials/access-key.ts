import { findApplication, findKeyByAccessKey, findUser, findUserByAccessKey } from '@latchkey/db';
import type { AppContext } from '../../context.ts';
import { secretsEqual } from '../../crypto/compare.ts';
import { ApiError } from '../../errors/api-error.ts';
import { applicationIdentity, userIdentity, type SignedInIdentity } from '../identity.ts';

const invalid = () => new ApiError('auth.access_key_invalid');

/**
 * An access key + secret: a key object (active, not expired) stands for its user or application; a
 * user's own accessKey/accessSecret fields stand for that user.
 */
export async function identityFromAccessKey(context: AppContext, accessKey: string, accessSecret: string): Promise<SignedInIdentity> {
  const key = await findKeyByAccessKey(context.db, accessKey);
  if (key) {
    if (!secretsEqual(context.secrets.open(key.accessSecret), accessSecret)) throw invalid();
    if (key.state !== 'Active') throw invalid();
    if (key.expireTime && Date.parse(key.expireTime) <= context.clock.now().getTime()) throw invalid();
    if (key.user) {
      const user = await findUser(context.db, key.organization, key.user);
      if (!user) throw invalid();
      if (user.isForbidden || user.isDeleted) throw new ApiError('auth.user_forbidden');
      return userIdentity(user, 'accessKey');
    }
    const application = await findApplication(context.db, key.application);
    if (!application || application.organization !== key.organization) throw invalid();
    return applicationIdentity(application, 'accessKey');
  }
  const user = await findUserByAccessKey(context.db, accessKey);
  const stored = user ? context.secrets.open(user.accessSecret) : '';
  if (!user || !stored || !secretsEqual(stored, accessSecret)) {
    if (!user) secretsEqual('no key has this secret', accessSecret);
    throw invalid();
  }
  if (user.isForbidden || user.isDeleted) throw new ApiError('auth.user_forbidden');
  return userIdentity(user, 'accessKey');
}
