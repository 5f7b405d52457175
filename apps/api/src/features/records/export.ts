import { type RowCondition, recordsOlderThan, selectRows } from '@latchkey/db';
import type { AuditRecord } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { listScope, type ScopeQuery } from '../objects/access.ts';
import { type ListQuery, parseListQuery } from '../objects/list-query.ts';
import { presentTo } from '../objects/read-service.ts';
import { csvRow } from './csv.ts';
import { type RecordFilterQuery, recordFilters } from './filters.ts';
import { recordKind } from './kind.ts';

/** The most records one export holds (the newest); a narrower filter gets the rest. */
export const MAX_EXPORTED_RECORDS = 50_000;
const PAGE = 500;

/** The columns of the export: the record's fields, and its outcome as the console shows it. */
const columns = [
  'createdTime',
  'owner',
  'name',
  'organization',
  'user',
  'clientIp',
  'method',
  'requestUri',
  'action',
  'outcome',
  'statusCode',
  'response',
  'object',
  'language',
  'isTriggered',
] as const;

export type ExportQuery = Pick<ListQuery, 'field' | 'value'> & ScopeQuery & RecordFilterQuery;

function outcomeOf(record: AuditRecord): 'ok' | 'error' {
  return record.statusCode >= 400 || record.response.includes('"status":"error"') ? 'error' : 'ok';
}

/**
 * The records a get-records call with the same filters would list, newest first, as CSV: read in
 * pages after the last row sent (so that records written meanwhile neither repeat nor shift a page),
 * at most MAX_EXPORTED_RECORDS. Who may see what is decided before the first byte: a refusal is an
 * ordinary error answer, not a broken download.
 */
export function exportRecords(context: AppContext, identity: Identity, query: ExportQuery): ReadableStream<Uint8Array> {
  const scope = listScope(recordKind, identity, query);
  const { filters } = parseListQuery({ field: query.field, value: query.value }, recordKind.listing);
  const extra = recordFilters(query);
  const encoder = new TextEncoder();
  let sent = 0;
  let last: { createdTime: string; name: string } | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte order mark, so that spreadsheets read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(columns)}`));
        return;
      }
      const limit = Math.min(PAGE, MAX_EXPORTED_RECORDS - sent);
      const conditions: RowCondition[] = [...extra.conditions, ...(last ? [recordsOlderThan(last)] : [])];
      const rows =
        limit > 0
          ? await selectRows(context.db, context.dialect, {
              table: 'record',
              ...scope,
              filters: [...filters, ...extra.filters],
              conditions,
              sort: { column: 'createdTime', direction: 'desc' },
              page: { offset: 0, limit },
            })
          : [];
      if (rows.length === 0) {
        controller.close();
        return;
      }
      let text = '';
      for (const row of rows) {
        const record = presentTo(context, recordKind, identity, recordKind.codec.decode(row));
        text += csvRow(columns.map((column) => (column === 'outcome' ? outcomeOf(record) : record[column])));
      }
      const end = rows.at(-1)!;
      last = { createdTime: String(end.createdTime), name: String(end.name) };
      sent += rows.length;
      controller.enqueue(encoder.encode(text));
    },
  });
}
