import { forgetSyncerRuns, makeSyncerDue } from '@latchkey/db';
import { Syncer } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkLiteralHost, RefusedAddressError } from '../../jobs/outbound/address-guard.ts';
import { nudgeSyncSchedule } from '../../jobs/syncers/schedule.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { MASK } from '../objects/fields.ts';
import { defineKind } from '../objects/kind.ts';
import { checkSyncerShape, runProblem } from './check.ts';
import { syncerId } from './syncer-id.ts';

const SECRETS = ['password', 'sshPassword'] as const;

function checkSyncer(context: AppContext, syncer: Syncer, changed?: ReadonlySet<string>): Syncer {
  if (!syncer.organization && syncer.owner !== ADMIN_OWNER) syncer.organization = syncer.owner;
  syncer.type ||= 'Database';
  checkSyncerShape(syncer);
  if (syncer.isEnabled) {
    const problem = runProblem(syncer);
    if (problem) throw problem;
    try {
      checkLiteralHost(syncer.host, context.config.allowPrivateCallbackUrls);
    } catch (error) {
      if (error instanceof RefusedAddressError) throw new ApiError('syncer.address_refused', { host: syncer.host });
      throw error;
    }
  }
  for (const field of SECRETS) if (!changed || changed.has(field)) syncer[field] = context.secrets.seal(syncer[field]);
  return syncer;
}

/**
 * Syncers: owned by "admin" (or by the organization itself, as Casdoor's SDKs write them) and
 * administered through their `organization`, into which (and
 * nowhere else) they sync users from an outside database table. Table and column names must be
 * plain identifiers and may fill only the user fields an administrator may write; an enabled
 * syncer must be one Latchkey runs. Passwords are sealed at rest and shown as "***". A change makes
 * the syncer due at once; runs are in run.ts and on the schedule (jobs/syncers).
 */
export const syncerKind = defineKind<Syncer>({
  name: 'syncer',
  schema: Syncer,
  placement: 'admin-with-organization',
  ownerMayBeOrganization: true,
  organizationOf: (syncer) => syncer.organization || (syncer.owner === ADMIN_OWNER ? '' : syncer.owner),
  listing: {
    filterable: {
      name: 'text',
      organization: 'exact',
      type: 'exact',
      databaseType: 'exact',
      host: 'text',
      table: 'text',
      isEnabled: 'flag',
    },
    sortable: ['createdTime', 'name', 'organization', 'type'],
  },
  fields: { readOnly: ['errorText'], secrets: SECRETS },
  present: (_context, syncer) => ({
    ...syncer,
    password: syncer.password ? MASK : '',
    sshPassword: syncer.sshPassword ? MASK : '',
  }),
  hooks: {
    prepareAdd: (context, syncer) => checkSyncer(context, syncer),
    prepareUpdate: (context, syncer, { changed }) => checkSyncer(context, syncer, changed),
    afterUpdate: async (trx, _context, next, { stored }) => {
      if (syncerId(next) !== syncerId(stored)) await forgetSyncerRuns(trx, syncerId(stored));
      await makeSyncerDue(trx, syncerId(next));
    },
    afterDelete: async (trx, _context, syncer) => {
      await forgetSyncerRuns(trx, syncerId(syncer));
    },
    afterCommit: (context) => nudgeSyncSchedule(context),
  },
});
