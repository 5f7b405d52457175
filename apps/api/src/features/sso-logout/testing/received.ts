import { findApplication } from '@latchkey/db';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { applicationSigningKey } from '../../../core/tokens/signing-keys.ts';
import type { ReceivedCall } from '../../../test/callback-receiver.ts';
import type { TestApp } from '../../../test/create-test-app.ts';
import type { SsoLogoutNotification } from '../notification.ts';

/** The SSO-logout notifications a receiver got at `path` (form field `content`). */
export function receivedNotifications(calls: readonly ReceivedCall[], path = '/sso'): SsoLogoutNotification[] {
  return calls.filter((call) => call.path === path).map((call) => JSON.parse(call.fields.content!));
}

/**
 * The back-channel logout tokens a receiver got at `/backchannel/<application>`, each verified as a
 * relying party would (its application's key, our issuer, its client id as audience), by application.
 */
export async function receivedLogoutTokens(t: TestApp, calls: readonly ReceivedCall[]) {
  const tokens = [];
  for (const call of calls.filter((c) => c.path.startsWith('/backchannel/'))) {
    const application = (await findApplication(t.context.db, call.path.split('/')[2]!))!;
    const key = await applicationSigningKey(t.context, application);
    const { payload } = await jwtVerify(call.fields.logout_token!, key.publicKey, {
      issuer: t.context.config.origin,
      audience: application.clientId,
    });
    tokens.push({ application: application.name, header: decodeProtectedHeader(call.fields.logout_token!), payload });
  }
  return tokens.sort((a, b) => a.application.localeCompare(b.application));
}
