import { type Database, findApplication, findProvidersNamed } from '@latchkey/db';
import type { Application, Provider } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import { applicationSigningKey, type SigningKey } from '../../core/tokens/signing-keys.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Where the notifications of a logout find what they need about an application: the application
 * itself, its notification providers and the key it signs logout tokens with. Read when the
 * notifications are sent, or remembered beforehand when the same write deletes them (an
 * organization deleted with its applications).
 */
export interface LogoutRecipients {
  application(name: string): Promise<Application | undefined>;
  notificationProviders(application: Application): Promise<Provider[]>;
  signingKey(application: Application): Promise<SigningKey>;
}

/** The application's providers of category Notification that Latchkey can deliver to (Casdoor's "Custom HTTP"). */
async function findNotificationProviders(db: Db, context: AppContext, application: Application): Promise<Provider[]> {
  const found: Provider[] = [];
  for (const item of application.providers) {
    if (!item.name) continue;
    const candidates = await findProvidersNamed(db, item.name, application.organization);
    const provider =
      candidates.find((candidate) => candidate.owner === (item.owner || application.organization)) ??
      (item.owner ? undefined : candidates[0]);
    if (!provider) continue;
    if (provider.category !== 'Notification') continue;
    if (provider.type !== 'Custom HTTP' || !provider.receiver) {
      context.log.warn('notification provider type not supported for sso-logout', {
        provider: `${provider.owner}/${provider.name}`,
        type: provider.type,
      });
      continue;
    }
    found.push(provider);
  }
  return found;
}

/** Everything read from the database when the notifications are prepared. */
export function currentRecipients(context: AppContext): LogoutRecipients {
  return {
    application: (name) => findApplication(context.db, name),
    notificationProviders: (application) => findNotificationProviders(context.db, context, application),
    signingKey: (application) => applicationSigningKey(context, application),
  };
}

/**
 * The named applications, their notification providers and signing keys, read now inside a write's
 * transaction, for notifications sent after it has committed and deleted them. An application that
 * cannot sign (its cert is gone already) still gets its notification, only no logout token.
 */
export async function rememberRecipients(
  trx: Transaction<Database>,
  context: AppContext,
  names: Iterable<string>,
): Promise<LogoutRecipients> {
  const inTransaction: AppContext = { ...context, db: trx };
  const applications = new Map<string, { application: Application; providers: Provider[]; key?: SigningKey }>();
  for (const name of new Set(names)) {
    if (!name) continue;
    const application = await findApplication(trx, name);
    if (!application) continue;
    const providers = await findNotificationProviders(trx, context, application);
    const key = application.backchannelLogoutUri
      ? await applicationSigningKey(inTransaction, application).catch(() => undefined)
      : undefined;
    applications.set(name, { application, providers, key });
  }
  return {
    application: async (name) => applications.get(name)?.application,
    notificationProviders: async (application) => applications.get(application.name)?.providers ?? [],
    signingKey: async (application) => {
      const key = applications.get(application.name)?.key;
      if (!key) throw new Error(`no signing key remembered for application ${application.name}`);
      return key;
    },
  };
}
