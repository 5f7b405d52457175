import { describe, expect, test } from 'bun:test';
import { refusal } from '../../test/caught.ts';
import { type Listing, parseListQuery } from './list-query.ts';

const listing: Listing = {
  filterable: { name: 'text', type: 'exact', isAdmin: 'flag', score: 'number' },
  sortable: ['createdTime', 'name'],
};
const codeOf = (run: () => unknown) => refusal(run)?.code;

describe('list parameters', () => {
  test('without p and pageSize there is no page; the default order is newest first', () => {
    expect(parseListQuery({}, listing)).toEqual({ filters: [], sort: { column: 'createdTime', direction: 'desc' } });
    expect(parseListQuery({ p: '2' }, listing).page).toBeUndefined();
  });

  test('p and pageSize make an offset and a limit', () => {
    expect(parseListQuery({ p: '3', pageSize: '20' }, listing).page).toEqual({ offset: 40, limit: 20 });
  });

  test('text fields match by "contains", flags and numbers by equality, the value always as data', () => {
    expect(parseListQuery({ field: 'name', value: "x' or '1'='1" }, listing).filters).toEqual([
      { column: 'name', match: 'contains', value: "x' or '1'='1" },
    ]);
    expect(parseListQuery({ field: 'type', value: 'normal-user' }, listing).filters).toEqual([
      { column: 'type', match: 'equals', value: 'normal-user' },
    ]);
    expect(parseListQuery({ field: 'isAdmin', value: 'true' }, listing).filters).toEqual([
      { column: 'isAdmin', match: 'equals', value: 1 },
    ]);
    expect(parseListQuery({ field: 'score', value: '42' }, listing).filters).toEqual([
      { column: 'score', match: 'equals', value: 42 },
    ]);
    expect(parseListQuery({ field: 'name', value: '' }, listing).filters).toEqual([]);
  });

  test('sortField and sortOrder', () => {
    expect(parseListQuery({ sortField: 'name', sortOrder: 'ascend' }, listing).sort).toEqual({
      column: 'name',
      direction: 'asc',
    });
    expect(parseListQuery({ sortField: 'name', sortOrder: 'descend' }, listing).sort).toEqual({
      column: 'name',
      direction: 'desc',
    });
    expect(parseListQuery({ sortField: 'name' }, listing).sort).toEqual({ column: 'name', direction: 'desc' });
  });

  test('SQL-shaped or unknown fields, sort fields and orders are refused before any SQL is built', () => {
    for (const field of [
      'name)or(1=1',
      'name;drop table user',
      '"name"',
      'password',
      'updatexml(1,2,3)',
      '__proto__',
      'constructor',
    ]) {
      expect(codeOf(() => parseListQuery({ field, value: 'x' }, listing))).toBe('object.unknown_filter_field');
    }
    for (const sortField of ['created_time desc,(select 1)', 'name desc', 'password', 'toString']) {
      expect(codeOf(() => parseListQuery({ sortField }, listing))).toBe('object.unknown_sort_field');
    }
    for (const sortOrder of ['asc; drop table user', 'ASC', 'up']) {
      expect(codeOf(() => parseListQuery({ sortOrder }, listing))).toBe('object.invalid_sort_order');
    }
  });

  test('malformed numbers are refused', () => {
    for (const [p, pageSize] of [
      ['0', '10'],
      ['-1', '10'],
      ['1', '0'],
      ['1', '1001'],
      ['x', '10'],
      ['1', '1e3'],
      ['1', '10 or 1=1'],
      ['99999999999', '10'],
    ]) {
      expect(codeOf(() => parseListQuery({ p, pageSize }, listing))).toBe('general.invalid_parameter');
    }
    expect(codeOf(() => parseListQuery({ field: 'isAdmin', value: 'maybe' }, listing))).toBe(
      'general.invalid_parameter',
    );
    expect(codeOf(() => parseListQuery({ field: 'score', value: '1 or 1' }, listing))).toBe(
      'general.invalid_parameter',
    );
    expect(codeOf(() => parseListQuery({ field: 'name', value: 'x'.repeat(300) }, listing))).toBe(
      'general.invalid_parameter',
    );
  });
});
