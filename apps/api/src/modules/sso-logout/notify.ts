import { codecs, findApplication } from '@latchkey/db';
import type { Application, Provider, User } from '@latchkey/types';
import type { AppContext } from '../../context.ts';
import { enqueueDelivery, runInBackground } from '../../outbound/deliveries.ts';
import { createLogoutToken } from './backchannel.ts';
import { applicationsOfSessions, type EndedAccess } from './end-access.ts';
import { buildSsoLogoutNotification } from './notification.ts';

export type LogoutScope = 'all' | 'session';

/** The application's providers of category Notification that Latchkey can deliver to (Casdoor's "Custom HTTP"). */
async function notificationProviders(context: AppContext, application: Application): Promise<Provider[]> {
  const found: Provider[] = [];
  for (const item of application.providers) {
    if (!item.name) continue;
    const rows = await context.db
      .selectFrom('provider')
      .selectAll()
      .where('name', '=', item.name)
      .where('owner', 'in', [...new Set([item.owner || application.organization, application.organization, 'admin'])])
      .execute();
    const row = rows.find((candidate) => candidate.owner === item.owner) ?? rows.find((candidate) => candidate.owner === application.organization) ?? rows[0];
    if (!row) continue;
    const provider = codecs.provider.decode(row) as Provider;
    if (provider.category !== 'Notification') continue;
    if (provider.type !== 'Custom HTTP' || !provider.receiver) {
      context.log.warn('notification provider type not supported for sso-logout', { provider: `${provider.owner}/${provider.name}`, type: provider.type });
      continue;
    }
    found.push(provider);
  }
  return found;
}

async function sendBackchannelLogout(context: AppContext, application: Application, user: User, sid: string | undefined) {
  if (!application.backchannelLogoutUri) return;
  const logoutToken = await createLogoutToken(context, application, user, sid);
  enqueueDelivery(context, { kind: 'backchannel-logout', url: application.backchannelLogoutUri, method: 'POST', form: { logout_token: logoutToken } });
}

async function sendSsoLogoutNotification(context: AppContext, application: Application, user: User, sessionIds: string[], tokenHashes: string[]) {
  const providers = await notificationProviders(context, application);
  if (providers.length === 0) return;
  const secret = context.secrets.open(application.clientSecret);
  if (!secret) return;
  const timestamp = Math.floor(context.clock.now().getTime() / 1000);
  const content = JSON.stringify(buildSsoLogoutNotification(user, sessionIds, tokenHashes, secret, timestamp));
  for (const provider of providers) {
    enqueueDelivery(context, {
      kind: 'sso-logout-notification',
      url: provider.receiver,
      method: provider.method.toUpperCase() === 'GET' ? 'GET' : 'POST',
      form: { [provider.title || 'content']: content },
    });
  }
}

/**
 * After a logout, in the background: an OIDC back-channel `logout_token` to each affected
 * application with a back-channel logout URI, and Casdoor's signed SSO-logout notification to the
 * notification providers of the user's sign-up application and of each affected application.
 * Affected: the applications of the ended sessions and tokens (and, for a single session, the
 * applications holding tokens issued in it). Never blocks or fails the logout itself.
 */
export function notifyLogout(context: AppContext, user: User, ended: EndedAccess, scope: LogoutScope): void {
  runInBackground(context, 'logout notifications', async () => {
    const sessionIds = ended.sessions.map((session) => session.sessionId);
    const tokenHashes = ended.tokens.map((token) => token.accessTokenHash).filter(Boolean);
    const affected = new Set([...ended.sessions.map((session) => session.application), ...ended.tokens.map((token) => token.application)]);
    if (scope === 'session') for (const name of await applicationsOfSessions(context, user, sessionIds)) affected.add(name);
    affected.delete('');

    const sid = scope === 'session' && sessionIds.length === 1 ? sessionIds[0] : undefined;
    const recipients = new Set([...(user.signupApplication ? [user.signupApplication] : []), ...affected]);
    for (const name of recipients) {
      const application = await findApplication(context.db, name);
      if (!application) continue;
      if (affected.has(name)) await sendBackchannelLogout(context, application, user, sid);
      await sendSsoLogoutNotification(context, application, user, sessionIds, tokenHashes);
    }
  });
}
