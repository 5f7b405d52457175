import { deleteCasbinRulesUnder, deleteRows, selectRows, type TableName, updateRows } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import type { Trx } from '../objects/kind.ts';

/** Tables whose rows belong to an organization through their `owner`. */
const ownedTables = [
  'user',
  'group',
  'role',
  'permission',
  'model',
  'adapter',
  'enforcer',
  'key',
  'session',
  'session_group',
  'cert',
  'provider',
  'webhook',
  'syncer',
  // What it sells and what its users bought.
  'product',
  'plan',
  'pricing',
  'subscription',
  'order',
  'payment',
  'transaction',
] as const;
/** Tables whose rows name their organization in an `organization` column. */
const organizationTables = ['application', 'token', 'webhook', 'key', 'syncer'] as const;
/** JSON lists and text columns that hold `organization/name` ids of the organization's own objects. */
const idColumns: { table: TableName; column: string; list: boolean }[] = [
  { table: 'role', column: 'users', list: true },
  { table: 'role', column: 'groups', list: true },
  { table: 'role', column: 'roles', list: true },
  { table: 'permission', column: 'users', list: true },
  { table: 'permission', column: 'groups', list: true },
  { table: 'permission', column: 'roles', list: true },
  { table: 'permission', column: 'model', list: false },
  { table: 'permission', column: 'adapter', list: false },
  { table: 'user', column: 'groups', list: true },
  { table: 'enforcer', column: 'model', list: false },
  { table: 'enforcer', column: 'adapter', list: false },
];

const movedId = (value: unknown, from: string, to: string) =>
  typeof value === 'string' && value.startsWith(`${from}/`) ? `${to}/${value.slice(from.length + 1)}` : value;

/**
 * Renames an organization everywhere it is named: the owner and organization columns of its
 * objects, the `organization/…` ids inside them, its top-level groups and its Casbin policy rows.
 */
export async function renameOrganizationContent(
  trx: Trx,
  context: AppContext,
  from: string,
  to: string,
): Promise<void> {
  for (const table of ownedTables) await updateRows(trx, table, { owner: from }, { owner: to });
  for (const table of organizationTables) await updateRows(trx, table, { organization: from }, { organization: to });
  await updateRows(trx, 'group', { owner: to, parentId: from }, { parentId: to });
  for (const { table, column, list } of idColumns) {
    const rows = await selectRows(trx, context.dialect, {
      table,
      key: { owner: to },
      filters: [{ column, match: 'contains', value: `${from}/` }],
    });
    for (const row of rows) {
      const value = list
        ? JSON.stringify((JSON.parse(String(row[column] || '[]')) as unknown[]).map((item) => movedId(item, from, to)))
        : movedId(row[column], from, to);
      if (value !== row[column])
        await updateRows(trx, table, { owner: to, name: String(row.name) }, { [column]: value });
    }
  }
  const rules = await selectRows(trx, context.dialect, {
    table: 'casbin_rule',
    filters: [{ column: 'adapter', match: 'contains', value: `${from}/` }],
  });
  for (const rule of rules) {
    const adapter = movedId(rule.adapter, from, to);
    if (adapter !== rule.adapter)
      await updateRows(trx, 'casbin_rule', { id: String(rule.id) }, { adapter: String(adapter) });
  }
}

/**
 * Deletes everything an organization holds, so that nothing of it keeps working after it is gone:
 * its users (and their sessions and tokens), applications, keys, roles, permissions, Casbin
 * objects and rules, certs, providers, webhooks, syncers and commerce objects. The audit log is kept.
 */
export async function deleteOrganizationContent(trx: Trx, _context: AppContext, organization: string): Promise<void> {
  // The lines of its own adapters and those it keeps over shared ones (enforce/policy-store.ts).
  await deleteCasbinRulesUnder(trx, `${organization}/`);
  for (const table of organizationTables) await deleteRows(trx, table, { organization });
  for (const table of ownedTables) await deleteRows(trx, table, { owner: organization });
}
