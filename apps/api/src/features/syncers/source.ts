import { readMysqlSource, readPostgresSource, SourceError, type SourceLimits, type SourceRead } from '@latchkey/db';
import type { Syncer } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { RefusedAddressError, resolvePermitted } from '../../jobs/outbound/address-guard.ts';

/** What one run reads at most, and how long it waits: a slow or hostile database cannot hold a run longer. */
export const SOURCE_LIMITS: SourceLimits = {
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 20_000,
  deadlineMs: 30_000,
  maxRows: 10_000,
  maxBytes: 32 * 1024 * 1024,
  maxValueLength: 4096,
};

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306 };

/**
 * The address to connect to: the host resolved once here and checked as webhook addresses are
 * (private, loopback and link-local networks refused unless LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS,
 * cloud metadata always); the connection goes to that literal address, so a second lookup cannot
 * lead elsewhere.
 */
async function permittedAddress(context: AppContext, host: string): Promise<string> {
  try {
    const [first] = await resolvePermitted(host, context.config.allowPrivateCallbackUrls);
    return first!.address;
  } catch (error) {
    if (error instanceof RefusedAddressError) throw new ApiError('syncer.address_refused', { host });
    throw new ApiError('syncer.failed', { detail: `the host ${host} could not be resolved` });
  }
}

function sourceFailure(error: SourceError, limits: SourceLimits): ApiError {
  switch (error.problem) {
    case 'timeout':
      return new ApiError('syncer.timeout', { detail: error.message });
    case 'too_many_rows':
      return new ApiError('syncer.too_many_rows', { max: limits.maxRows });
    case 'too_much_data':
      return new ApiError('syncer.too_much_data');
    default:
      return new ApiError('syncer.failed', { detail: error.message });
  }
}

/** Reads the syncer's columns (and its affiliation table) from its Postgres or MySQL database; failures are ApiErrors that say what happened. */
export async function readSyncerSource(
  context: AppContext,
  syncer: Syncer,
  columns: readonly string[],
  options: { limits?: SourceLimits; signal?: AbortSignal } = {},
): Promise<SourceRead> {
  const limits = options.limits ?? SOURCE_LIMITS;
  const address = await permittedAddress(context, syncer.host);
  const tls =
    syncer.sslMode === 'require' || syncer.sslMode === 'verify-full'
      ? { verify: syncer.sslMode === 'verify-full', servername: syncer.host }
      : false;
  try {
    const read = syncer.databaseType === 'mysql' ? readMysqlSource : readPostgresSource;
    return await read(
      {
        address,
        port: syncer.port || DEFAULT_PORTS[syncer.databaseType] || 5432,
        user: syncer.user,
        password: context.secrets.open(syncer.password),
        database: syncer.database,
        tls,
      },
      { table: syncer.table, columns, affiliationTable: syncer.affiliationTable || undefined, signal: options.signal },
      limits,
    );
  } catch (error) {
    if (error instanceof SourceError) throw sourceFailure(error, limits);
    throw error;
  }
}
