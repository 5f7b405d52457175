import { findApplicationByClientId } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import type { AppContext } from '../../context.ts';
import { secretsEqual } from '../../crypto/compare.ts';
import { ApiError } from '../../errors/api-error.ts';
import { type ApplicationIdentity, applicationIdentity } from '../identity.ts';

/** The application with this client id, if the secret matches (compared in constant time). */
export async function authenticateClient(
  context: AppContext,
  clientId: string,
  clientSecret: string,
): Promise<Application | undefined> {
  const application = await findApplicationByClientId(context.db, clientId);
  const stored = application ? context.secrets.open(application.clientSecret) : '';
  // Compare even when the client is unknown, so timing does not tell which client ids exist.
  const matches = secretsEqual(stored || 'no client has this secret', clientSecret);
  return application && stored && matches ? application : undefined;
}

/** Client id + secret (HTTP Basic or query): the application acts as administrator of its organization. */
export async function identityFromClientSecret(
  context: AppContext,
  clientId: string,
  clientSecret: string,
): Promise<ApplicationIdentity> {
  const application = await authenticateClient(context, clientId, clientSecret);
  if (!application) throw new ApiError('auth.client_credentials_invalid');
  return applicationIdentity(application, 'clientSecret');
}
