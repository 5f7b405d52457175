import type { RowFilter, RowQuery } from '@latchkey/db';
import { type Static, Type as T } from '@sinclair/typebox';
import { ApiError } from '../../core/errors/api-error.ts';

/** Casdoor's list parameters, on every get-<objects> route. */
export const ListQuery = T.Object({
  p: T.Optional(T.String({ description: 'Page number, from 1. With pageSize, data2 is the total count.' })),
  pageSize: T.Optional(
    T.String({ description: 'Rows per page (1 to 1000). Without p and pageSize every row is returned.' }),
  ),
  field: T.Optional(T.String({ description: 'A field to search; each object lists the fields it allows.' })),
  value: T.Optional(
    T.String({ description: 'Text the field must contain (case-insensitive), or true/false for flags.' }),
  ),
  sortField: T.Optional(
    T.String({ description: 'A field to sort by; each object lists the fields it allows. Default createdTime.' }),
  ),
  sortOrder: T.Optional(T.String({ description: 'ascend, or descend (the default).' })),
});
export type ListQuery = Static<typeof ListQuery>;

/** How a searchable field matches: text contains the value, flags and numbers equal it. */
export type FilterMatch = 'text' | 'exact' | 'flag' | 'number';

export interface Listing {
  /** Searchable fields (the whitelist for `field`). */
  filterable: Record<string, FilterMatch>;
  /** Sortable fields (the whitelist for `sortField`). */
  sortable: readonly string[];
}

export interface ListOptions {
  page?: { offset: number; limit: number };
  filters: RowFilter[];
  sort: NonNullable<RowQuery['sort']>;
}

export const MAX_PAGE_SIZE = 1000;
const MAX_VALUE_LENGTH = 256;

function wholeNumber(raw: string, name: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(raw)) throw new ApiError('general.invalid_parameter', { name });
  const value = Number(raw);
  if (value < min || value > max) throw new ApiError('general.invalid_parameter', { name });
  return value;
}

function filterOf(listing: Listing, field: string, value: string): RowFilter {
  const match = Object.hasOwn(listing.filterable, field) ? listing.filterable[field] : undefined;
  if (!match) throw new ApiError('object.unknown_filter_field', { field });
  if (value.length > MAX_VALUE_LENGTH) throw new ApiError('general.invalid_parameter', { name: 'value' });
  switch (match) {
    case 'text':
      return { column: field, match: 'contains', value };
    case 'exact':
      return { column: field, match: 'equals', value };
    case 'flag': {
      const flag = { true: 1, '1': 1, false: 0, '0': 0 }[value.toLowerCase()];
      if (flag === undefined) throw new ApiError('general.invalid_parameter', { name: 'value' });
      return { column: field, match: 'equals', value: flag };
    }
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(value)) throw new ApiError('general.invalid_parameter', { name: 'value' });
      return { column: field, match: 'equals', value: Number(value) };
    }
  }
}

/**
 * Reads p, pageSize, field, value, sortField and sortOrder. A field or sort field outside the
 * object's whitelist, an unknown sort order or a malformed number is a clear error; nothing from
 * the query reaches SQL except as a bound value or a whitelisted column name.
 */
export function parseListQuery(query: ListQuery, listing: Listing): ListOptions {
  const options: ListOptions = { filters: [], sort: { column: 'createdTime', direction: 'desc' } };
  if (query.p && query.pageSize) {
    const page = wholeNumber(query.p, 'p', 1, 1_000_000_000);
    const limit = wholeNumber(query.pageSize, 'pageSize', 1, MAX_PAGE_SIZE);
    options.page = { offset: (page - 1) * limit, limit };
  }
  if (query.field && query.value) options.filters.push(filterOf(listing, query.field, query.value));
  if (query.sortField) {
    if (!listing.sortable.includes(query.sortField))
      throw new ApiError('object.unknown_sort_field', { field: query.sortField });
    options.sort.column = query.sortField;
  }
  const order = query.sortOrder ?? '';
  if (order !== '' && order !== 'ascend' && order !== 'descend')
    throw new ApiError('object.invalid_sort_order', { order });
  options.sort.direction = order === 'ascend' ? 'asc' : 'desc';
  return options;
}
