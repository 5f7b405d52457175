import { findApplication } from '@latchkey/db';
import { Invitation } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { randomPassword } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { defineKind } from '../objects/kind.ts';
import { codeMatches, compileCodePattern, isPattern, MAX_CODE_LENGTH } from './code.ts';

export const ACTIVE = 'Active';
const STATES = new Set([ACTIVE, 'Suspended']);
/** An invitation for any application of its organization. */
export const ANY_APPLICATION = 'All';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new code when none is given: 12 letters and digits, too many to guess. */
const newCode = () => randomPassword(12);

/** Checks and completes an invitation as an administrator wrote it (add and update alike). */
async function checkInvitation(context: AppContext, invitation: Invitation): Promise<Invitation> {
  invitation.state ||= ACTIVE;
  if (!STATES.has(invitation.state)) throw new ApiError('invitation.state_invalid', { state: invitation.state });
  if (!Number.isInteger(invitation.quota) || invitation.quota < 0) throw new ApiError('invitation.quota_invalid');
  invitation.code = invitation.code.trim() || newCode();
  if (invitation.code.length > MAX_CODE_LENGTH || invitation.defaultCode.length > MAX_CODE_LENGTH)
    throw new ApiError('invitation.code_too_long', { max: MAX_CODE_LENGTH });
  invitation.isRegexp = isPattern(invitation.code);
  if (invitation.isRegexp) compileCodePattern(invitation.code);
  else invitation.defaultCode ||= invitation.code;
  if (!codeMatches(invitation, invitation.defaultCode)) throw new ApiError('invitation.default_code_mismatch');

  invitation.email = invitation.email.trim().toLowerCase();
  if (invitation.email && !EMAIL.test(invitation.email)) throw new ApiError('invitation.email_invalid');
  invitation.phone = invitation.phone.trim();
  invitation.username = invitation.username.trim();
  if (invitation.expireTime && !Number.isFinite(Date.parse(invitation.expireTime)))
    throw new ApiError('invitation.expire_time_invalid');

  const organization = invitation.owner;
  if (invitation.application && invitation.application !== ANY_APPLICATION) {
    const application = await findApplication(context.db, invitation.application);
    if (application?.organization !== organization)
      throw new ApiError('invitation.application_not_found', { name: invitation.application, organization });
  }
  // signupGroup may name a group of the organization not added yet (the reference check keeps it
  // to the organization's own); a sign-up joins it once it exists.
  return invitation;
}

/**
 * Invitations: codes that let people sign up to an organization, each as many times as its quota
 * says, until it expires or is suspended, optionally for one application, one username, email or
 * phone, and putting new users into a group of the organization (if it exists by then). The count of uses is kept by the server (a sign-up
 * claims one with a conditional update).
 */
export const invitationKind = defineKind<Invitation>({
  name: 'invitation',
  schema: Invitation,
  placement: 'organization',
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      code: 'text',
      application: 'exact',
      email: 'text',
      state: 'exact',
    },
    sortable: ['createdTime', 'updatedTime', 'name', 'displayName', 'quota', 'usedCount', 'state'],
  },
  fields: { readOnly: ['isRegexp', 'usedCount'] },
  hooks: {
    prepareAdd: (context, invitation) => checkInvitation(context, invitation),
    prepareUpdate: (context, invitation) => checkInvitation(context, invitation),
  },
});
