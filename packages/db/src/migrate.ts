import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { type Migration, type MigrationResult, Migrator } from 'kysely/migration';
import * as organizationsAndUsers from './migrations/0001_organizations_and_users.ts';
import * as applicationsAndTokens from './migrations/0002_applications_and_tokens.ts';
import * as authorization from './migrations/0003_authorization.ts';
import * as providersWebhooksRecords from './migrations/0004_providers_webhooks_records.ts';
import * as objectListIndexes from './migrations/0200_object_list_indexes.ts';
import * as objectCounts from './migrations/0201_object_counts.ts';
import * as tokenClientAuthentication from './migrations/0300_token_client_authentication.ts';
import * as tokenPartialIndexes from './migrations/0301_token_partial_indexes.ts';
import * as rateLimitCounters from './migrations/0500_rate_limit_counters.ts';
import * as policyMembers from './migrations/0600_policy_members.ts';
import * as housekeeping from './migrations/0601_housekeeping.ts';
import * as outboundDeliveries from './migrations/0602_outbound_deliveries.ts';
import * as resources from './migrations/0610_resources.ts';
import * as sessionGroups from './migrations/0611_session_groups.ts';
import * as syncers from './migrations/0700_syncers.ts';
import * as commerce from './migrations/0710_commerce.ts';
import { type MultiFactorMigrationHooks, multiFactorMigration } from './migrations/0800_multi_factor.ts';
import * as webauthn from './migrations/0810_webauthn.ts';
import * as verificationCodes from './migrations/0820_verification_codes.ts';
import * as invitationsAndCaptcha from './migrations/0830_invitations_and_captcha.ts';
import * as federatedSignin from './migrations/0840_federated_signin.ts';
import * as userSearch from './migrations/0900_user_search.ts';
import * as changeNotifications from './migrations/0940_change_notifications.ts';
import * as mfaCodes from './migrations/0950_mfa_codes.ts';
import * as outboundDeliveryLog from './migrations/0960_outbound_delivery_log.ts';
import * as recordFilters from './migrations/0970_record_filters.ts';
import * as appleLink from './migrations/0980_apple_link.ts';
import * as providerTokens from './migrations/0981_provider_tokens.ts';
import * as uniqueAccountLinks from './migrations/0982_unique_account_links.ts';
import * as policyChangeNotifications from './migrations/0990_policy_change_notifications.ts';
import * as tokenLookupByName from './migrations/0991_token_lookup_by_name.ts';

/** What migrations that protect stored secrets need from the server (its secret key); see each migration. */
export type MigrationHooks = MultiFactorMigrationHooks;

/** Every migration, in order. Listed here (not read from disk) so that a compiled binary carries them. */
export function migrationsWith(hooks: MigrationHooks = {}): Record<string, Migration> {
  return {
    '0001_organizations_and_users': organizationsAndUsers,
    '0002_applications_and_tokens': applicationsAndTokens,
    '0003_authorization': authorization,
    '0004_providers_webhooks_records': providersWebhooksRecords,
    '0200_object_list_indexes': objectListIndexes,
    '0201_object_counts': objectCounts,
    '0300_token_client_authentication': tokenClientAuthentication,
    '0301_token_partial_indexes': tokenPartialIndexes,
    '0500_rate_limit_counters': rateLimitCounters,
    '0600_policy_members': policyMembers,
    '0601_housekeeping': housekeeping,
    '0602_outbound_deliveries': outboundDeliveries,
    '0610_resources': resources,
    '0611_session_groups': sessionGroups,
    '0700_syncers': syncers,
    '0710_commerce': commerce,
    '0800_multi_factor': multiFactorMigration(hooks),
    '0810_webauthn': webauthn,
    '0820_verification_codes': verificationCodes,
    '0830_invitations_and_captcha': invitationsAndCaptcha,
    '0840_federated_signin': federatedSignin,
    '0900_user_search': userSearch,
    '0940_change_notifications': changeNotifications,
    '0950_mfa_codes': mfaCodes,
    '0960_outbound_delivery_log': outboundDeliveryLog,
    '0970_record_filters': recordFilters,
    '0980_apple_link': appleLink,
    '0981_provider_tokens': providerTokens,
    '0982_unique_account_links': uniqueAccountLinks,
    '0990_policy_change_notifications': policyChangeNotifications,
    '0991_token_lookup_by_name': tokenLookupByName,
  };
}

/** Every migration, without hooks (for counting them, or a database that holds no secret yet). */
export const migrations: Record<string, Migration> = migrationsWith();

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run on the schema as it was before them, not on `Database`; Kysely's Migrator takes Kysely<any>.
async function migratorOf(db: Kysely<any>, hooks: MigrationHooks): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; on a Postgres
  // server where another schema already has them (a second instance, a parallel test) it would
  // skip creating its own. Name the schema we are in.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    migrationTableSchema,
    provider: { getMigrations: async () => migrationsWith(hooks) },
  });
}

/** Brings the schema up to date. Safe to run from several processes at once (Kysely takes a lock). */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function migrateToLatest(db: Kysely<any>, hooks: MigrationHooks = {}): Promise<MigrationResult[]> {
  const { error, results = [] } = await (await migratorOf(db, hooks)).migrateToLatest();
  if (error) throw new MigrationError(results.find((result) => result.status === 'Error')?.migrationName, error);
  return results;
}

/** The names of the migrations the database has not had yet (all of them on an empty database); reads only. */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const known = await (await migratorOf(db, {})).getMigrations();
  return known.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}
