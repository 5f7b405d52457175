import { deleteRows } from '@latchkey/db';
import { Adapter } from '@latchkey/types';
import { MASK } from '../objects/fields.ts';
import { formatId } from '../objects/id.ts';
import { defineKind } from '../objects/kind.ts';

const usedBy = [
  { table: 'enforcer', column: 'adapter', holds: 'id' },
  { table: 'permission', column: 'adapter', holds: 'id' },
] as const;

/**
 * Casbin adapters: where an enforcer's policy lines live. Latchkey keeps every adapter's lines in
 * its own database (the casbin_rule table, keyed by the adapter's id); the connection fields are
 * kept for Casdoor compatibility, the password sealed and shown as "***".
 */
export const adapterKind = defineKind<Adapter>({
  name: 'adapter',
  schema: Adapter,
  placement: 'organization',
  listing: { filterable: { name: 'text', type: 'exact', databaseType: 'exact', host: 'text' }, sortable: ['createdTime', 'name', 'type'] },
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
});
