import { deleteRows } from '@latchkey/db';
import { Adapter } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION, BUILT_IN_USER_ADAPTER } from '../../core/built-in-names.ts';
import { MASK } from '../objects/fields.ts';
import { formatId } from '../objects/id.ts';
import { defineKind } from '../objects/kind.ts';

const usedBy = [
  { table: 'enforcer', column: 'adapter', holds: 'id', mayNameNothingYet: true },
  { table: 'permission', column: 'adapter', holds: 'id' },
] as const;

/**
 * Casdoor's default adapter, which every organization's enforcers may name: each organization then
 * keeps lines of its own there (enforce/policy-store.ts).
 */
export const SHARED_ADAPTERS = [formatId(BUILT_IN_ORGANIZATION, BUILT_IN_USER_ADAPTER)];

/**
 * Casbin adapters: where an enforcer's policy lines live. Latchkey keeps every adapter's lines in
 * its own database (the casbin_rule table, keyed by the adapter's id); the connection fields are
 * kept for Casdoor compatibility, the password sealed and shown as "***".
 */
export const adapterKind = defineKind<Adapter>({
  name: 'adapter',
  schema: Adapter,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', type: 'exact', databaseType: 'exact', host: 'text' },
    sortable: ['createdTime', 'name', 'type'],
  },
  fields: { secrets: ['password'] },
  present: (_context, adapter) => ({ ...adapter, password: adapter.password ? MASK : '' }),
  hooks: {
    prepareAdd: (context, adapter) => {
      adapter.password = context.secrets.seal(adapter.password);
      adapter.useSameDb = true;
      return adapter;
    },
    prepareUpdate: (context, next, { changed }) => {
      if (changed.has('password')) next.password = context.secrets.seal(next.password);
      return next;
    },
    afterDelete: async (trx, _context, adapter) => {
      await deleteRows(trx, 'casbin_rule', { adapter: formatId(adapter.owner, adapter.name) });
    },
  },
  references: [...usedBy, { table: 'casbin_rule', column: 'adapter', holds: 'id' }],
  usedBy,
  builtIns: SHARED_ADAPTERS,
  sharedBuiltIns: SHARED_ADAPTERS,
});
