import 'server-only';
import { applicationDiscovery } from '../discovery';
import { canReceiveCode, type QuickStartApplication } from './app-kinds';
import type { Discovery } from './endpoints';
import { type SignInAttempt, signInAttempt } from './try-sign-in';

const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/**
 * What an application's quick start shows: the application, its discovery document as the server serves it, and a
 * sign-in to try against its first redirect URI that can receive a code (none when it has no such URI).
 */
export async function quickStartData(
  object: Record<string, unknown>,
): Promise<{ application: QuickStartApplication; discovery: Discovery; attempt: SignInAttempt | null }> {
  const application: QuickStartApplication = {
    name: String(object.name ?? ''),
    organization: String(object.organization ?? ''),
    clientId: String(object.clientId ?? ''),
    redirectUris: strings(object.redirectUris),
    grantTypes: strings(object.grantTypes),
  };
  const discovery = await applicationDiscovery(application.name);
  const authorize = discovery.ok ? discovery.endpoints.authorization_endpoint : undefined;
  const target = application.redirectUris.find(canReceiveCode);
  const attempt = authorize && target ? signInAttempt(authorize, application.clientId, target) : null;
  return { application, discovery, attempt };
}
