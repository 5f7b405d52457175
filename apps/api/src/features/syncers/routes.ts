import { Envelope, Syncer } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { notAllowed } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { accessTo } from '../objects/access.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { objectBodyOf } from '../objects/body.ts';
import { MASK } from '../objects/fields.ts';
import { parseId, requireParameter } from '../objects/id.ts';
import { findObject } from '../objects/read-service.ts';
import { objectRoutes } from '../objects/routes.ts';
import { writeSchema } from '../objects/write-schema.ts';
import { checkSyncerShape, runProblem } from './check.ts';
import { syncerKind } from './kind.ts';
import { runSyncerNow } from './run.ts';
import { readSyncerSource } from './source.ts';

const SyncReport = T.Object({
  read: T.Integer({ description: 'Rows read from the table' }),
  added: T.Integer({ description: 'New users' }),
  updated: T.Integer({ description: 'Users whose row had changed' }),
  unchanged: T.Integer(),
  rejected: T.Array(T.Object({ row: T.Integer(), key: T.String(), reason: T.String() }), {
    description: 'Rows that were not synced, and why',
  }),
});

/** A syncer the caller administers, by id (as get-syncer finds it: another organization's is refused). */
async function administeredSyncer(
  context: AppContext,
  identity: Parameters<typeof accessTo>[1],
  id: string,
): Promise<Syncer> {
  const parsed = parseId(id);
  const syncer = await findObject(context, syncerKind, { owner: parsed.owner, name: parsed.name });
  if (!syncer) throw new ApiError('syncer.not_found', { id });
  if (accessTo(syncerKind, identity, syncer) !== 'admin') throw notAllowed();
  return syncer;
}

/**
 * Syncers: the generic object routes, `run-syncer` (one run now, answered when it has ended, with
 * what it did) and `test-syncer-db` (whether the database of a syncer — as sent, its stored
 * password standing in for "***" — answers).
 */
export function syncerRoutes(context: AppContext) {
  return new Elysia({ name: 'syncers' })
    .use(objectRoutes(context, syncerKind))
    .use(auth(context))
    .get(
      '/api/run-syncer',
      async ({ identity, query, request }) => {
        const syncer = await administeredSyncer(context, identity, requireParameter(query.id, 'id'));
        noteAuditOrganization(request, syncer.organization);
        return ok(await runSyncerNow(context, syncer));
      },
      {
        admin: true,
        query: T.Object({
          id: T.Optional(T.String({ description: 'The syncer id (admin/name)' })),
          organization: T.Optional(
            T.String({ description: "The syncer's organization (Casdoor's clients send it; the id decides)" }),
          ),
        }),
        response: Envelope(SyncReport),
        detail: { summary: 'Run a syncer now: its users are synced before the answer', tags: ['Syncers'] },
      },
    )
    .post(
      '/api/test-syncer-db',
      async ({ identity, body, request }) => {
        const draft = {
          ...syncerKind.codec.defaults(),
          ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined)),
        } as Syncer;
        if (!draft.organization || accessTo(syncerKind, identity, draft) !== 'admin') throw notAllowed();
        noteAuditOrganization(request, draft.organization);
        const stored =
          draft.owner && draft.name
            ? await findObject(context, syncerKind, { owner: draft.owner, name: draft.name })
            : undefined;
        if (draft.password === MASK) {
          // The stored password stands in for "***" only for a syncer of the same organization.
          draft.password = stored && stored.organization === draft.organization ? stored.password : '';
        } else {
          draft.password = context.secrets.seal(draft.password);
        }
        draft.type ||= 'Database';
        checkSyncerShape(draft);
        const problem = runProblem({
          ...draft,
          table: draft.table || 'unused',
          tableColumns:
            draft.tableColumns.length > 0
              ? draft.tableColumns
              : [{ name: 'name', type: 'string', casdoorName: 'Name', isKey: true, isHashed: true, values: [] }],
        });
        if (problem) throw problem;
        await readSyncerSource(context, draft, []);
        return ok(null);
      },
      {
        admin: true,
        parse: objectBodyOf(Syncer),
        body: writeSchema(Syncer),
        response: Envelope(T.Null()),
        detail: { summary: "Check that a syncer's database answers", tags: ['Syncers'] },
      },
    );
}
