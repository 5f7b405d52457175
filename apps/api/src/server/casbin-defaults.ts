import { codecs, findRow, insertRow, isUniqueViolation, type StoredRow, type TableName } from '@latchkey/db';
import {
  BUILT_IN_APPLICATION,
  BUILT_IN_ORGANIZATION,
  BUILT_IN_PERMISSION,
  BUILT_IN_USER_ADAPTER,
  BUILT_IN_USER_MODEL,
} from '../core/built-in-names.ts';
import { type AppContext, formatTime } from '../core/context.ts';

/** Casdoor's default role-based model (`built-in/user-model-built-in`), word for word. */
export const USER_MODEL_TEXT = `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act`;

/** The objects, as rows, with the fields Casdoor gives them. */
function defaults(now: string): { table: TableName; name: string; row: StoredRow }[] {
  const owner = BUILT_IN_ORGANIZATION;
  return [
    {
      table: 'model',
      name: BUILT_IN_USER_MODEL,
      row: codecs.model.encode({
        owner,
        name: BUILT_IN_USER_MODEL,
        createdTime: now,
        updatedTime: now,
        displayName: 'Built-in Model',
        modelText: USER_MODEL_TEXT,
      }),
    },
    {
      table: 'adapter',
      name: BUILT_IN_USER_ADAPTER,
      row: codecs.adapter.encode({
        owner,
        name: BUILT_IN_USER_ADAPTER,
        createdTime: now,
        table: 'casbin_user_rule',
        useSameDb: true,
      }),
    },
    {
      table: 'permission',
      name: BUILT_IN_PERMISSION,
      row: codecs.permission.encode({
        owner,
        name: BUILT_IN_PERMISSION,
        createdTime: now,
        displayName: 'Built-in Permission',
        description: 'Built-in Permission',
        users: [`${owner}/*`],
        model: `${owner}/${BUILT_IN_USER_MODEL}`,
        resourceType: 'Application',
        resources: [BUILT_IN_APPLICATION],
        actions: ['Read', 'Write', 'Admin'],
        effect: 'Allow',
        isEnabled: true,
        submitter: 'admin',
        approver: 'admin',
        approveTime: now,
        state: 'Approved',
      }),
    },
  ];
}

/**
 * Creates Casdoor's default Casbin objects of `built-in` that are missing: the model
 * `user-model-built-in`, the adapter `user-adapter-built-in` (Casdoor's SDKs and examples name
 * both) and the permission `permission-built-in`. Runs at every start, so a database made before
 * they existed gets them too; objects that exist are left as they are, and two servers starting
 * together create each one once. Every organization may use the model and adapter, never change
 * them (see the model and adapter kinds).
 */
export async function ensureCasbinDefaults(context: AppContext): Promise<string[]> {
  const created: string[] = [];
  for (const { table, name, row } of defaults(formatTime(context.clock.now()))) {
    if (await findRow(context.db, table, { owner: BUILT_IN_ORGANIZATION, name })) continue;
    try {
      await insertRow(context.db, table, row);
      created.push(`${BUILT_IN_ORGANIZATION}/${name}`);
    } catch (error) {
      // Another server created it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return created;
}
