import { insertRow, rowExists } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { ImportOptions, Prepare, PreparedEntry } from './entry.ts';
import { prepareApplication, prepareProvider, prepareWebhook } from './prepare-applications.ts';
import {
  prepareAdapter,
  prepareEnforcer,
  prepareModel,
  preparePermission,
  prepareRole,
} from './prepare-authorization.ts';
import { prepareCert } from './prepare-certs.ts';
import { prepareGroup, prepareOrganization } from './prepare-organizations.ts';
import { prepareUser } from './prepare-users.ts';
import type { ImportReport, SectionCounts } from './report.ts';
import { ENFORCER_POLICIES, type ImportedSection, type ImportedTable, importedSections } from './sections.ts';

const preparers: Record<ImportedSection, Prepare> = {
  organizations: prepareOrganization,
  certs: prepareCert,
  providers: prepareProvider,
  applications: prepareApplication,
  groups: prepareGroup,
  users: prepareUser,
  models: prepareModel,
  adapters: prepareAdapter,
  enforcers: prepareEnforcer,
  roles: prepareRole,
  permissions: preparePermission,
  webhooks: prepareWebhook,
};

export class InitDataError extends Error {}

/** How an entry is named in the report: `user acme/alice`, or its position when it has no name. */
function entryLabel(label: string, raw: unknown, index: number): string {
  const entry = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const name = typeof entry.name === 'string' && entry.name ? entry.name : '';
  const owner = typeof entry.owner === 'string' && entry.owner ? entry.owner : '';
  if (!name) return `${label} #${index + 1} (no name)`;
  return owner ? `${label} ${owner}/${name}` : `${label} ${name}`;
}

type Outcome = { kind: 'added' } | { kind: 'present' } | { kind: 'rejected'; reason: string };

/** True when an object with the entry's owner and name is stored already (checked again when writing). */
async function alreadyStored(
  context: AppContext,
  table: ImportedTable,
  emptyOwner: string,
  raw: Record<string, unknown>,
): Promise<boolean> {
  const owner = typeof raw.owner === 'string' && raw.owner ? raw.owner : emptyOwner;
  if (!owner || typeof raw.name !== 'string' || !raw.name) return false;
  return rowExists(context.db, table, owner, raw.name);
}

/** Writes one entry in its own transaction: nothing of it is written unless all of it is. */
async function writeEntry(context: AppContext, entry: PreparedEntry): Promise<Outcome> {
  return context.db.transaction().execute(async (trx): Promise<Outcome> => {
    if (await rowExists(trx, entry.table, entry.owner, entry.name)) return { kind: 'present' };
    const conflict = await entry.conflict?.(trx);
    if (conflict) return { kind: 'rejected', reason: conflict };
    await insertRow(trx, entry.table, entry.row);
    await entry.writeRelated?.(trx);
    return { kind: 'added' };
  });
}

/**
 * Imports the objects of a Casdoor init_data.json (already parsed). Entries are checked one by one;
 * a valid entry is written in its own transaction, an invalid one is reported by name and skipped.
 * An object that already exists (same owner and name) is left as it is, so importing the same file
 * again changes nothing. Password hashes, client ids and secrets, and cert keys are kept, secrets
 * sealed at rest. Entries pass the same checks as the API's writes (cert sizes, hash costs); users
 * of `built-in` (global administrators) only with `allowBuiltInUsers`.
 */
export async function importInitData(
  context: AppContext,
  file: unknown,
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (!file || typeof file !== 'object' || Array.isArray(file))
    throw new InitDataError('the file does not hold a JSON object like Casdoor’s init_data.json');
  const data = file as Record<string, unknown>;
  const report: ImportReport = {
    counts: Object.fromEntries(
      importedSections.map(({ section }) => [section, { added: 0, present: 0, rejected: 0 }]),
    ) as Record<ImportedSection, SectionCounts>,
    rejected: [],
    notes: [],
    ignored: [],
  };

  for (const { section, table, label, emptyOwner } of importedSections) {
    const entries = data[section];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) {
      report.rejected.push({ entry: section, reason: 'this section is not a list' });
      continue;
    }
    const counts = report.counts[section];
    for (const [index, raw] of entries.entries()) {
      const name = entryLabel(label, raw, index);
      const reject = (reason: string) => {
        counts.rejected++;
        report.rejected.push({ entry: name, reason });
      };
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        reject('it is not an object');
        continue;
      }
      try {
        // An object that exists is kept as it is, without the cost of checking the entry (hashing, key generation).
        if (await alreadyStored(context, table, emptyOwner, raw as Record<string, unknown>)) {
          counts.present++;
          continue;
        }
        const prepared = await preparers[section]({
          context,
          raw: raw as Record<string, unknown>,
          file: data,
          options,
        });
        if (!prepared.ok) {
          reject(prepared.problem);
          continue;
        }
        const outcome = await writeEntry(context, prepared.entry);
        if (outcome.kind === 'rejected') reject(outcome.reason);
        else {
          counts[outcome.kind]++;
          if (outcome.kind === 'added')
            for (const note of prepared.entry.notes) report.notes.push({ entry: name, note });
        }
      } catch (error) {
        context.log.debug('import entry failed', { entry: name, error: errorMessage(error) });
        reject(`the database refused it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      }
    }
  }

  const known = new Set<string>([...importedSections.map(({ section }) => section), ENFORCER_POLICIES]);
  for (const [section, entries] of Object.entries(data)) {
    if (known.has(section)) continue;
    const count = Array.isArray(entries)
      ? entries.length
      : entries && typeof entries === 'object'
        ? Object.keys(entries).length
        : 0;
    if (count > 0) report.ignored.push({ section, entries: count });
  }
  return report;
}
