import { describe, expect, test } from 'bun:test';
import { refusal } from '../../test/caught.ts';
import { type FieldRules, mergeChanges, parseColumns } from './fields.ts';
import { parseId } from './id.ts';
import { checkName } from './names.ts';

describe('owner/name ids', () => {
  test('exactly one slash with text on both sides', () => {
    expect(parseId('acme/alice')).toEqual({ owner: 'acme', name: 'alice' });
    for (const id of ['', 'acme', 'acme/', '/alice', 'a/b/c', 'a//b', '/']) {
      expect(refusal(() => parseId(id))).toEqual({ code: 'general.invalid_id', params: { id } });
    }
  });
});

describe('object names', () => {
  test('refuse / ? : # & % = + ; and empty or padded names', () => {
    expect(checkName('alice-1_2.3')).toBe('alice-1_2.3');
    for (const name of ['a/b', 'a?b', 'a:b', 'a#b', 'a&b', 'a%b', 'a=b', 'a+b', 'a;b'])
      expect(refusal(() => checkName(name))?.code).toBe('general.forbidden_name_characters');
    expect(refusal(() => checkName(''))?.code).toBe('object.name_required');
    expect(refusal(() => checkName(5))?.code).toBe('object.name_required');
    expect(refusal(() => checkName(' alice'))?.code).toBe('object.name_invalid');
    expect(refusal(() => checkName('x'.repeat(101)))?.code).toBe('object.name_invalid');
  });
});

describe('field rules', () => {
  type Thing = { owner: string; name: string; nick: string; isAdmin: boolean; secret: string; createdTime: string };
  const rules: FieldRules<Thing> = {
    readOnly: ['createdTime'],
    secrets: ['secret'],
    selfWritable: ['nick'],
    globalOnly: [],
  };
  const stored: Thing = {
    owner: 'acme',
    name: 'alice',
    nick: 'al',
    isAdmin: false,
    secret: 'sealed',
    createdTime: 't0',
  };
  const presented = { ...stored, secret: '***' };
  const known = Object.keys(stored);
  const merge = (body: Record<string, unknown>, access: 'admin' | 'self', columns?: string) =>
    mergeChanges({
      rules,
      known,
      defaults: { ...stored, nick: '', secret: '' },
      stored,
      presented,
      body,
      columns: parseColumns(columns, known),
      access,
      isGlobalAdmin: false,
    });

  test('a user changes what they may and nothing else, by whole object or by columns', () => {
    expect(merge({ ...presented, nick: 'Ally' }, 'self').changed).toEqual(new Set(['nick']));
    expect(refusal(() => merge({ ...presented, isAdmin: true }, 'self'))).toEqual({
      code: 'object.field_not_writable',
      params: { field: 'isAdmin' },
    });
    expect(refusal(() => merge({ isAdmin: true }, 'self', 'isAdmin'))).toEqual({
      code: 'object.field_not_writable',
      params: { field: 'isAdmin' },
    });
    expect(refusal(() => merge({ name: 'bob' }, 'self'))).toEqual({
      code: 'object.field_not_writable',
      params: { field: 'name' },
    });
    expect(refusal(() => merge({ owner: 'built-in' }, 'self', 'owner'))).toEqual({
      code: 'object.field_not_writable',
      params: { field: 'owner' },
    });
    expect(refusal(() => merge({ secret: 'mine' }, 'self'))).toEqual({
      code: 'object.field_not_writable',
      params: { field: 'secret' },
    });
  });

  test('columns= takes only those fields; snake_case is understood; unknown columns are refused', () => {
    expect(merge({ nick: 'Ally', isAdmin: true }, 'admin', 'nick').next).toEqual({ ...stored, nick: 'Ally' });
    expect(merge({ isAdmin: true }, 'admin', 'is_admin').next.isAdmin).toBe(true);
    expect(refusal(() => merge({}, 'admin', 'nick,password'))).toEqual({
      code: 'object.unknown_column',
      params: { column: 'password' },
    });
  });

  test('read-only fields are ignored, "***" keeps a secret, null empties a field, absent fields stay', () => {
    const { next, changed } = merge({ createdTime: 'forged', secret: '***', nick: null }, 'admin');
    expect(next).toEqual({ ...stored, nick: '' });
    expect(changed).toEqual(new Set(['nick']));
    expect(merge({}, 'admin').changed.size).toBe(0);
  });
});
