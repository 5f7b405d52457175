import type { ListFilter, ResourceSpec } from './resources';

export const pageSizes = [10, 20, 50, 100] as const;

/** A list's page, search and sort, as kept in the URL. */
export interface ListState {
  page: number;
  pageSize: number;
  field: string;
  value: string;
  sortField: string;
  sortOrder: '' | 'ascend' | 'descend';
  /** The list's own filters that are set (see ResourceSpec.listFilters). */
  filters: Partial<Record<ListFilter, string>>;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

const DAY = /^\d{4}-\d\d-\d\d$/;
/** What each list filter accepts; anything else in the URL is ignored. */
const filterValues: Record<ListFilter, (value: string) => boolean> = {
  outcome: (value) => value === 'ok' || value === 'error',
  action: (value) => value.length <= 100,
  from: (value) => DAY.test(value),
  to: (value) => DAY.test(value),
};

/** The filters among the URL's parameters that the list has and that hold a value it accepts. */
function readFilters(spec: ResourceSpec, params: SearchParams): ListState['filters'] {
  const filters: ListState['filters'] = {};
  for (const name of spec.listFilters ?? []) {
    const value = first(params[name]).trim();
    if (value && filterValues[name](value)) filters[name] = value;
  }
  return filters;
}

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
  return { page, pageSize, field, value, sortField, sortOrder, filters: readFilters(spec, params) };
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
  for (const [name, filter] of Object.entries(next.filters)) if (filter) query.set(name, filter);
  if (next.pageSize !== 20) query.set('pageSize', String(next.pageSize));
  if (next.page > 1) query.set('p', String(next.page));
  const text = query.toString();
  return text ? `/${kind}?${text}` : `/${kind}`;
}
