import type { Application, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { enqueueDelivery, runInBackground } from '../../jobs/outbound/deliveries.ts';
import { createLogoutToken } from './backchannel.ts';
import { applicationsOfSessions, type EndedAccess } from './end-access.ts';
import { buildSsoLogoutNotification } from './notification.ts';
import { currentRecipients, type LogoutRecipients } from './recipients.ts';

export type LogoutScope = 'all' | 'session';

async function sendBackchannelLogout(
  context: AppContext,
  recipients: LogoutRecipients,
  application: Application,
  user: User,
  sid: string | undefined,
) {
  if (!application.backchannelLogoutUri) return;
  const logoutToken = await createLogoutToken(
    context,
    await recipients.signingKey(application),
    application,
    user,
    sid,
  );
  enqueueDelivery(context, {
    kind: 'backchannel-logout',
    organization: application.organization,
    url: application.backchannelLogoutUri,
    method: 'POST',
    form: { logout_token: logoutToken },
  });
}

async function sendSsoLogoutNotification(
  context: AppContext,
  recipients: LogoutRecipients,
  application: Application,
  user: User,
  sessionIds: string[],
  tokenHashes: string[],
) {
  const providers = await recipients.notificationProviders(application);
  if (providers.length === 0) return;
  const secret = context.secrets.open(application.clientSecret);
  if (!secret) return;
  const timestamp = Math.floor(context.clock.now().getTime() / 1000);
  const content = JSON.stringify(buildSsoLogoutNotification(user, sessionIds, tokenHashes, secret, timestamp));
  for (const provider of providers) {
    enqueueDelivery(context, {
      kind: 'sso-logout-notification',
      organization: application.organization,
      url: provider.receiver,
      method: provider.method.toUpperCase() === 'GET' ? 'GET' : 'POST',
      form: { [provider.title || 'content']: content },
    });
  }
}

/** Tells the applications of one user's logout (see notifyLogout). */
async function announceLogout(
  context: AppContext,
  recipients: LogoutRecipients,
  user: User,
  ended: EndedAccess,
  scope: LogoutScope,
): Promise<void> {
  const sessionIds = ended.sessions.map((session) => session.sessionId);
  const tokenHashes = ended.tokens.map((token) => token.accessTokenHash).filter(Boolean);
  const affected = new Set([
    ...ended.sessions.map((session) => session.application),
    ...ended.tokens.map((token) => token.application),
  ]);
  if (scope === 'session')
    for (const name of await applicationsOfSessions(context, user, sessionIds)) affected.add(name);
  affected.delete('');

  const sid = scope === 'session' && sessionIds.length === 1 ? sessionIds[0] : undefined;
  const names = new Set([...(user.signupApplication ? [user.signupApplication] : []), ...affected]);
  for (const name of names) {
    const application = await recipients.application(name);
    // Only an application of the user's own organization is told, and signs with its secret or key:
    // whatever a row names, no organization's users make another organization's application sign.
    if (!application || application.organization !== user.owner) continue;
    if (affected.has(name)) await sendBackchannelLogout(context, recipients, application, user, sid);
    await sendSsoLogoutNotification(context, recipients, application, user, sessionIds, tokenHashes);
  }
}

/**
 * After a logout, in the background: an OIDC back-channel `logout_token` to each affected
 * application with a back-channel logout URI, and Casdoor's signed SSO-logout notification to the
 * notification providers of the user's sign-up application and of each affected application.
 * Affected: the applications of the ended sessions and tokens (and, for a single session, the
 * applications holding tokens issued in it). Only applications of the user's organization are
 * told (the portal's `app-built-in` only of `built-in` users). Never blocks or fails the logout itself.
 * `recipients` says where the applications are found (by default, in the database when sending).
 */
export function notifyLogout(
  context: AppContext,
  user: User,
  ended: EndedAccess,
  scope: LogoutScope,
  recipients: LogoutRecipients = currentRecipients(context),
): void {
  runInBackground(context, 'logout notifications', () => announceLogout(context, recipients, user, ended, scope));
}
