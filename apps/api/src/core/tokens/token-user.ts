import { findUser, type TokenRecord } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../context.ts';

/**
 * The user a token, refresh token or code was issued to. It names its user by organization and
 * name, and records the user's id: a user deleted and created again under the same name is someone
 * else, and gets nothing issued to the one before. Whether the user may still sign in is the
 * caller's check.
 */
export async function findTokenUser(
  context: AppContext,
  token: Pick<TokenRecord, 'organization' | 'user' | 'userId'>,
): Promise<User | undefined> {
  if (!token.user) return undefined;
  const user = await findUser(context.db, token.organization, token.user);
  if (!user || (token.userId && token.userId !== user.id)) return undefined;
  return user;
}
