import { Envelope, Organization, User } from '@latchkey/types';
import { type Static, Type as T } from '@sinclair/typebox';
import { getSchemaValidator } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ownView, showsSecrets } from './own-view.ts';

export const AccountAnswer = T.Composite([
  Envelope(User, T.Union([Organization, T.Null()])),
  T.Object({ sub: T.String({ description: "The user's id" }), name: T.String({ description: "The user's name" }) }),
]);
export type AccountAnswer = Static<typeof AccountAnswer>;

/** get-account's answer: the user as shown to themselves (own-view.ts) and their organization. */
export function accountAnswer(
  context: AppContext,
  user: Readonly<User>,
  organization: Readonly<Organization> | null,
): AccountAnswer {
  return { status: 'ok', msg: '', sub: user.id, name: user.name, data: ownView(context, user), data2: organization };
}

/** The answer as the route's schema cleans it (its properties only, in its order), made once. */
let cleaner: ((answer: AccountAnswer) => AccountAnswer) | undefined;
function cleaned(answer: AccountAnswer): AccountAnswer {
  if (!cleaner) {
    const validator = getSchemaValidator(AccountAnswer, { normalize: true });
    cleaner = (value) => (validator?.Clean?.(value) ?? value) as AccountAnswer;
  }
  return cleaner(answer);
}

interface Answered {
  organization: Readonly<Organization> | null;
  json: string;
}

/** JSON answers by remembered user (frozen, the same object until the memory forgets it). */
const answers = new WeakMap<Readonly<User>, Answered>();

/**
 * The JSON text of get-account's answer for a remembered user (the bearer cache's) and their
 * remembered organization, made once and kept while both are the objects remembered; a change to
 * either makes the memory hand out new objects, and so a new answer. Undefined when the view opens
 * a sealed secret (showsSecrets): such an answer is made afresh each time, never kept.
 */
export function rememberedAccountJson(
  context: AppContext,
  user: Readonly<User>,
  organization: Readonly<Organization> | null,
): string | undefined {
  const kept = answers.get(user);
  if (kept && kept.organization === organization) return kept.json;
  if (showsSecrets(user)) return undefined;
  const json = JSON.stringify(cleaned(accountAnswer(context, user, organization)));
  answers.set(user, { organization, json });
  return json;
}
