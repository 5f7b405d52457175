import { claimInvitationUse, findInvitationCandidates } from '@latchkey/db';
import type { MessageKey } from '@latchkey/i18n';
import type { Application, Invitation } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Trx } from '../objects/kind.ts';
import { codeMatches } from './code.ts';
import { ACTIVE, ANY_APPLICATION } from './kind.ts';

/** Casdoor's sign-up item that makes an invitation code necessary. */
export const INVITATION_CODE_ITEM = 'Invitation code';

/** What of a sign-up an invitation may fix. */
export interface InvitedPerson {
  username: string;
  email: string;
  phone: string;
}

/** Whether an invitation is for sign-ups through this application. */
const servesApplication = (invitation: Invitation, application: Application) =>
  !invitation.application || invitation.application === ANY_APPLICATION || invitation.application === application.name;

/** Why an invitation whose code matched cannot be used now (its state, expiry or quota); undefined when it can. */
export function unusableReason(context: AppContext, invitation: Invitation): MessageKey | undefined {
  if (invitation.state !== ACTIVE) return 'invitation.suspended';
  if (invitation.expireTime && Date.parse(invitation.expireTime) <= context.clock.now().getTime())
    return 'invitation.expired';
  if (invitation.usedCount >= invitation.quota) return 'invitation.exhausted';
  return undefined;
}

/** Why an invitation does not allow this person (a username, email or phone it is fixed to); undefined when it does. */
function personMismatch(invitation: Invitation, person: InvitedPerson): MessageKey | undefined {
  if (invitation.username && invitation.username !== person.username) return 'invitation.username_mismatch';
  if (invitation.email && invitation.email !== person.email.trim().toLowerCase()) return 'invitation.email_mismatch';
  if (invitation.phone && invitation.phone !== person.phone.trim()) return 'invitation.phone_mismatch';
  return undefined;
}

/**
 * The usable invitation of an organization that a code is, for an application (not yet counted):
 * the first that matches and can be used; else the reason the first match cannot, else that the
 * code is not valid. With `person`, a username, email or phone the invitation is fixed to must be theirs.
 */
export async function findUsableInvitation(
  context: AppContext,
  application: Application,
  code: string,
  person?: InvitedPerson,
): Promise<Invitation> {
  let reason: MessageKey | undefined;
  for (const invitation of await findInvitationCandidates(context.db, application.organization, code)) {
    if (!servesApplication(invitation, application) || !codeMatches(invitation, code)) continue;
    const problem = unusableReason(context, invitation) ?? (person ? personMismatch(invitation, person) : undefined);
    if (!problem) return invitation;
    reason ??= problem;
  }
  throw new ApiError(reason ?? 'invitation.code_not_valid');
}

/**
 * The invitation a sign-up presents, checked (Casdoor's `invitationCode`): required when the
 * application's sign-up items require an "Invitation code"; a code given is checked whether
 * required or not. Undefined when none is given and none is needed.
 */
export async function invitationForSignup(
  context: AppContext,
  application: Application,
  code: string,
  person: InvitedPerson,
): Promise<Invitation | undefined> {
  if (!code) {
    const required = application.signupItems.some((item) => item.name === INVITATION_CODE_ITEM && item.required);
    if (required) throw new ApiError('invitation.code_required');
    return undefined;
  }
  return findUsableInvitation(context, application, code, person);
}

/**
 * Counts one use of an invitation in the sign-up's transaction: of concurrent sign-ups, only as many
 * as its quota has left get through; the others are told it is used up (or suspended meanwhile).
 */
export async function claimInvitation(trx: Trx, context: AppContext, invitation: Invitation): Promise<void> {
  const now = formatTime(context.clock.now());
  if (!(await claimInvitationUse(trx, invitation.owner, invitation.name, now)))
    throw new ApiError('invitation.exhausted');
}
