import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { ListQuery } from '../objects/list-query.ts';
import { listObjects } from '../objects/read-service.ts';
import { ListEnvelope, ObjectListQuery, objectRoutes, ScopeQuery } from '../objects/routes.ts';
import { answer } from '../openapi/describe.ts';
import { exportRecords, MAX_EXPORTED_RECORDS } from './export.ts';
import { RecordFilterQuery, recordFilters } from './filters.ts';
import { recordKind } from './kind.ts';

const tags = [recordKind.tag];

/** The CSV file, or (before any of it is sent) the error envelope of a refusal. */
const csvAnswer = (() => {
  const csv = answer('A CSV file (UTF-8 with a byte order mark, CRLF rows), or the error envelope', 'text/csv', {
    'Content-Disposition': 'attachment; filename="records-<organization>-<day>.csv"',
  });
  return {
    ...csv,
    content: { ...csv.content, 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
})();

/** The file name of an export: the organization (or all) and the day. */
const exportFileName = (organization: string | undefined, day: string) =>
  `records-${(organization || 'all').replace(/[^\w.-]/g, '_')}-${day}.csv`;

/**
 * The audit log over the API: get-records (with filters of its own besides Casdoor's), get-record,
 * and export-records, the same records as CSV. Records are written by the audit-log plugin only.
 */
export const recordRoutes = (context: AppContext) =>
  new Elysia({ name: 'records' })
    .use(objectRoutes(context, recordKind, { omit: ['list', 'add', 'update', 'delete'] }))
    .use(auth(context))
    .get(
      '/api/get-records',
      async ({ identity, query }) => {
        const result = await listObjects(context, recordKind, identity, { query, ...recordFilters(query) });
        return ok(result.data, result.data2);
      },
      {
        audience: recordKind.audience.list,
        query: T.Composite([ObjectListQuery, RecordFilterQuery]),
        response: ListEnvelope(recordKind.schema),
        detail: {
          summary: 'List records (p, pageSize, field, value, sortField, sortOrder; outcome, action, from, to)',
          tags,
        },
      },
    )
    .get(
      '/api/export-records',
      ({ identity, query }) => {
        const body = exportRecords(context, identity, query);
        const day = context.clock.now().toISOString().slice(0, 10);
        return new Response(body, {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${exportFileName(query.owner, day)}"`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
        });
      },
      {
        audience: recordKind.audience.list,
        query: T.Composite([T.Pick(ListQuery, ['field', 'value']), ScopeQuery, RecordFilterQuery]),
        detail: {
          summary: `The records get-records lists with the same filters, newest first, as CSV (at most ${MAX_EXPORTED_RECORDS})`,
          tags,
          responses: {
            200: csvAnswer,
          },
        },
      },
    );
