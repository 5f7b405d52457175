import { countRows, findRow, type RowCondition, type RowFilter, type RowKey, selectRows } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { notAllowed } from '../../core/identity/privileges.ts';
import { accessTo, listScope, refuseForeignId, type ScopeQuery } from './access.ts';
import { parseId } from './id.ts';
import { type AnyObject, fieldsOf, type ObjectKind, type View } from './kind.ts';
import { type ListQuery, parseListQuery } from './list-query.ts';

/** Reading objects: one by id (get-<object>), a list (get-<objects>), each as its caller may see it. */

export interface ListResult<O> {
  data: O[];
  /** The total count when a page was asked for; null otherwise. */
  data2: number | null;
}

/** The object as this caller may see it; refuses a caller who may not see it at all. */
export function presentTo<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  identity: Identity,
  object: O,
  options: { withSecret?: boolean; detail?: boolean } = {},
): O {
  const access = accessTo(kind, identity, object);
  if (access === 'none') throw notAllowed();
  const view: View = {
    access,
    identity,
    withSecret: (options.withSecret ?? false) && identity.isGlobalAdmin,
    detail: options.detail ?? false,
  };
  const presented = kind.present(context, object, view) as Record<string, unknown>;
  // Only schema fields leave the server (tables may hold more, such as a token's hashes).
  return Object.fromEntries(fieldsOf(kind).map((field) => [field, presented[field]])) as O;
}

export async function findObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  key: RowKey,
): Promise<O | undefined> {
  const row = await findRow(context.db, kind.table, key);
  return row ? kind.codec.decode(row) : undefined;
}

export async function getObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  identity: Identity,
  id: string,
  withSecret = false,
): Promise<O | null> {
  const parsed = parseId(id);
  const stored = await findObject(context, kind, { owner: parsed.owner, name: parsed.name });
  if (!stored) {
    refuseForeignId(kind, identity, parsed);
    return null;
  }
  return presentTo(context, kind, identity, stored, { withSecret, detail: true });
}

export interface ListRequest {
  query: ListQuery & ScopeQuery;
  /** Conditions of the route itself (a user's group, say), on top of the caller's. */
  filters?: RowFilter[];
  /** Conditions a repository wrote for the kind's table (an audit record's outcome), on top of the filters. */
  conditions?: RowCondition[];
  /** get-global-<objects>: every organization (global administrators only). */
  global?: boolean;
  withSecret?: boolean;
}

/** A page (p + pageSize, with the total in data2) or every row the caller may see, filtered and sorted. */
export async function listObjects<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  identity: Identity,
  request: ListRequest,
): Promise<ListResult<O>> {
  const options = parseListQuery(request.query, kind.listing);
  const scope = request.global ? {} : listScope(kind, identity, request.query);
  const query = {
    table: kind.table,
    ...scope,
    filters: [...options.filters, ...(request.filters ?? [])],
    conditions: request.conditions ?? [],
    sort: options.sort,
  };
  const [rows, total] = await Promise.all([
    selectRows(context.db, context.dialect, { ...query, page: options.page }),
    options.page ? countRows(context.db, context.dialect, query) : Promise.resolve(null),
  ]);
  return {
    data: rows.map((row) =>
      presentTo(context, kind, identity, kind.codec.decode(row), { withSecret: request.withSecret }),
    ),
    data2: total,
  };
}
