import { findUser, findUserNamesWith } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { looksLikeEmail, looksLikePhone, normalEmail, normalPhone } from './destinations.ts';

async function uniqueWith(
  context: AppContext,
  organization: string,
  column: 'email' | 'phone',
  values: string[],
): Promise<User | undefined> {
  for (const value of new Set(values)) {
    const names = await findUserNamesWith(context.db, organization, column, value, 2);
    if (names.length === 1) return findUser(context.db, organization, names[0]!);
    if (names.length > 1) return undefined;
  }
  return undefined;
}

/** A user of an organization by email address (as typed, or in lower case), when exactly one has it. */
export const userByEmail = (context: AppContext, organization: string, email: string) =>
  uniqueWith(context, organization, 'email', [email.trim(), normalEmail(email)]);

/** A user of an organization by phone number (as typed, or without spaces and dashes), when exactly one has it. */
export const userByPhone = (context: AppContext, organization: string, phone: string) =>
  uniqueWith(context, organization, 'phone', [phone.trim(), normalPhone(phone)]);

/** A user of an organization by what a person types: their name, else their email address or phone number. */
export async function findAccount(context: AppContext, organization: string, value: string): Promise<User | undefined> {
  const typed = value.trim();
  if (!organization || !typed) return undefined;
  const byName = await findUser(context.db, organization, typed);
  if (byName) return byName;
  if (looksLikeEmail(typed)) return userByEmail(context, organization, typed);
  if (looksLikePhone(typed)) return userByPhone(context, organization, typed);
  return undefined;
}

/** Whether an account may receive codes and use them: it exists and is neither forbidden nor deleted. */
export const usable = (user: User | undefined): user is User => !!user && !user.isForbidden && !user.isDeleted;
