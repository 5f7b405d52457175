import { codecs, listAllRows, listCasbinPolicyRules } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { policyStoreOf } from '../../features/authorization/enforce/policy-store.ts';
import {
  ENFORCER_POLICIES,
  type ImportedSection,
  type ImportedTable,
  importedSections,
  plainSecretFields,
  sealedFields,
} from './sections.ts';

export interface ExportOptions {
  /** Include password hashes, client secrets, private keys and other secrets (opened, in plain text). */
  withSecrets: boolean;
}

export type InitDataExport = Record<ImportedSection, Record<string, unknown>[]> & {
  [ENFORCER_POLICIES]: Record<string, string[][]>;
};

function blank(value: unknown): unknown {
  return Array.isArray(value) ? [] : typeof value === 'number' ? 0 : '';
}

/** One stored row as the exported object: secrets opened when asked for, blanked otherwise. */
function exportedObject(
  context: AppContext,
  table: ImportedTable,
  row: Record<string, unknown>,
  withSecrets: boolean,
): Record<string, unknown> {
  const object = codecs[table].decode(row) as Record<string, unknown>;
  for (const field of sealedFields[table] ?? []) {
    object[field] = withSecrets ? context.secrets.open(String(object[field] ?? '')) : '';
  }
  if (!withSecrets) for (const field of plainSecretFields[table] ?? []) object[field] = blank(object[field]);
  return object;
}

/** The policy lines of each enforcer (kept in its policy store), as Casdoor's enforcerPolicies. */
async function enforcerPolicies(
  context: AppContext,
  enforcers: Record<string, unknown>[],
): Promise<Record<string, string[][]>> {
  const policies: Record<string, string[][]> = {};
  for (const enforcer of enforcers) {
    const store = policyStoreOf({ owner: String(enforcer.owner ?? ''), adapter: String(enforcer.adapter ?? '') });
    if (!store) continue;
    const rules = await listCasbinPolicyRules(context.db, store);
    if (rules.length === 0) continue;
    policies[`${enforcer.owner}/${enforcer.name}`] = rules.map((rule) => {
      const values = [rule.v0, rule.v1, rule.v2, rule.v3, rule.v4, rule.v5];
      while (values.length > 0 && values.at(-1) === '') values.pop();
      return values;
    });
  }
  return policies;
}

/**
 * Every core object in the shape of Casdoor's init_data.json, ordered by owner and name. Without
 * `withSecrets` the result carries no password hash, client secret, private key or access secret,
 * so it can be shared; with it, it is a full copy that `import-casdoor` reads back.
 */
export async function exportInitData(context: AppContext, options: ExportOptions): Promise<InitDataExport> {
  const result = {} as InitDataExport;
  for (const { section, table } of importedSections) {
    const rows = await listAllRows(context.db, table);
    result[section] = rows.map((row) => exportedObject(context, table, row, options.withSecrets));
  }
  result[ENFORCER_POLICIES] = await enforcerPolicies(context, result.enforcers);
  return result;
}
