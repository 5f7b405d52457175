import type { ResourceSpec } from './resources';

export const pageSizes = [10, 20, 50, 100] as const;

/** A list's page, search and sort, as kept in the URL. */
export interface ListState {
  page: number;
  pageSize: number;
  field: string;
  value: string;
  sortField: string;
  sortOrder: '' | 'ascend' | 'descend';
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export function readListState(spec: ResourceSpec, params: SearchParams): ListState {
  const page = Math.max(1, Number.parseInt(first(params.p), 10) || 1);
  const requestedSize = Number.parseInt(first(params.pageSize), 10);
  const pageSize = (pageSizes as readonly number[]).includes(requestedSize) ? requestedSize : 20;
  const field = spec.searchFields.includes(first(params.field)) ? first(params.field) : (spec.searchFields[0] ?? '');
  const value = first(params.value).slice(0, 200);
  const sortable = spec.columns.filter((column) => column.sortable).map((column) => column.name);
  const sortField = sortable.includes(first(params.sortField))
    ? first(params.sortField)
    : (spec.defaultSort?.field ?? '');
  const order = first(params.sortOrder);
  const sortOrder =
    order === 'ascend' || order === 'descend' ? order : sortField ? (spec.defaultSort?.order ?? 'ascend') : '';
  return { page, pageSize, field, value, sortField, sortOrder };
}

/** The URL of a list with some of its state changed (a new search or sort goes back to page 1). */
export function listHref(kind: string, state: ListState, changes: Partial<ListState>): string {
  const next = { ...state, ...changes };
  const query = new URLSearchParams();
  if (next.value) {
    query.set('field', next.field);
    query.set('value', next.value);
  }
  if (next.sortField && next.sortOrder) {
    query.set('sortField', next.sortField);
    query.set('sortOrder', next.sortOrder);
  }
  if (next.pageSize !== 20) query.set('pageSize', String(next.pageSize));
  if (next.page > 1) query.set('p', String(next.page));
  const text = query.toString();
  return text ? `/${kind}?${text}` : `/${kind}`;
}
