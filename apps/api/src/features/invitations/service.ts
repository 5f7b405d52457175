import {
  findApplication,
  findFirstApplicationOfOrganization,
  findOrganization,
  organizationDefaultApplication,
} from '@latchkey/db';
import { type Language, translate } from '@latchkey/i18n';
import type { Application, Invitation } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { applicationProvider } from '../integrations/caller-provider.ts';
import { sendEmailWith } from '../notifications/email.ts';
import {
  contentOf,
  emailReceiversOf,
  MAX_SENDER_LENGTH,
  MAX_TITLE_LENGTH,
  oneLine,
} from '../notifications/message-input.ts';
import { escapeHtml } from '../oauth/authorize/page.ts';
import { getObject } from '../objects/read-service.ts';
import { ANY_APPLICATION, invitationKind } from './kind.ts';
import { findUsableInvitation, unusableReason } from './signup-invitation.ts';

/** An invitation by id that the caller administers; refused (or not found) otherwise. */
export async function administeredInvitation(context: AppContext, identity: Identity, id: string): Promise<Invitation> {
  const invitation = await getObject(context, invitationKind, identity, id);
  if (!invitation) throw new ApiError('invitation.not_found', { id });
  return invitation;
}

/**
 * GET /api/get-invitation-info (anyone): what a sign-up page needs of a code for an application —
 * its name, and the username, email and phone it fixes — as Casdoor masks it: no code, quota,
 * count, group or times. A code that cannot be used is answered with the reason.
 */
export async function invitationInfo(context: AppContext, applicationId: string, code: string): Promise<Invitation> {
  const name = applicationId.includes('/') ? applicationId.slice(applicationId.indexOf('/') + 1) : applicationId;
  const application = name ? await findApplication(context.db, name) : undefined;
  if (!application) throw new ApiError('auth.application_not_found', { name: applicationId });
  const invitation = await findUsableInvitation(context, application, code.trim());
  return {
    ...invitation,
    createdTime: '',
    updatedTime: '',
    code: '***',
    defaultCode: '***',
    isRegexp: false,
    quota: -1,
    usedCount: -1,
    signupGroup: '',
    expireTime: '',
  };
}

/** GET /api/verify-invitation: whether an invitation can be used now; the reason when it cannot. */
export async function verifyInvitation(context: AppContext, identity: Identity, id: string): Promise<void> {
  const invitation = await administeredInvitation(context, identity, id);
  const reason = unusableReason(context, invitation);
  if (reason) throw new ApiError(reason);
}

/** The application an invitation signs up to: its own, else its organization's default one, else its first. */
async function invitationApplication(context: AppContext, invitation: Invitation): Promise<Application> {
  const named =
    invitation.application && invitation.application !== ANY_APPLICATION
      ? invitation.application
      : await organizationDefaultApplication(context.db, invitation.owner);
  const application =
    (named ? await findApplication(context.db, named) : undefined) ??
    (await findFirstApplicationOfOrganization(context.db, invitation.owner));
  if (application?.organization !== invitation.owner)
    throw new ApiError('invitation.no_application', { organization: invitation.owner });
  return application;
}

/** The sign-up page of an application with the invitation's code (Casdoor's link: /signup/<application>?invitationCode=…). */
export function invitationLink(context: AppContext, application: Application, invitation: Invitation): string {
  const code = invitation.defaultCode || invitation.code;
  return `${context.config.origin}/signup/${encodeURIComponent(application.name)}?invitationCode=${encodeURIComponent(code)}`;
}

/**
 * POST /api/send-invitation: emails the invitation's code and link to each address (the body, a
 * JSON list) through the Email provider of the application it signs up to. The provider's title
 * and content (`%code` and `%link` replaced) are the message, else a message of our own in the
 * caller's language. Without an Email provider the answer says to add one.
 */
export async function sendInvitation(
  context: AppContext,
  identity: Identity,
  id: string,
  destinations: unknown,
  language: Language,
): Promise<void> {
  const invitation = await administeredInvitation(context, identity, id);
  const receivers = emailReceiversOf(destinations);
  const application = await invitationApplication(context, invitation);
  const provider = await applicationProvider(context, application, 'Email');
  if (!provider)
    throw new ApiError('invitation.no_email_provider', {
      organization: invitation.owner,
      application: application.name,
    });
  const organization = await findOrganization(context.db, invitation.owner);
  const code = invitation.defaultCode || invitation.code;
  const link = invitationLink(context, application, invitation);
  const template = provider.metadata.includes('%code') || provider.metadata.includes('%link') ? provider.metadata : '';
  const content = template
    ? template.replaceAll('%code', escapeHtml(code)).replaceAll('%link', escapeHtml(link))
    : `<p>${escapeHtml(translate(language, 'invitation.email_content', { organization: organization?.displayName || invitation.owner }))}</p>` +
      `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
      `<p>${escapeHtml(translate(language, 'invitation.email_code', { code }))}</p>`;
  await sendEmailWith(context, provider, invitation.owner, {
    title: oneLine(provider.title || translate(language, 'invitation.email_title'), 'title', MAX_TITLE_LENGTH),
    content: contentOf(content),
    sender: oneLine(organization?.displayName || invitation.owner, 'sender', MAX_SENDER_LENGTH),
    receivers,
  });
}
