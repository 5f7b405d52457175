import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, insertRow } from '@latchkey/db';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { flushAuditLog } from './audit-log.ts';
import { csvCell } from './csv.ts';

/**
 * get-records' filters (outcome, action, a time range, with Casdoor's field/value) and
 * export-records, the same records as CSV: each organization's administrators see and export only
 * their organization's records.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let globex: OrganizationCallers;

const login = (organization: string, username: string, password: string) =>
  t.request('/api/login', { body: { organization, username, password, application: `${organization}-app` } });

beforeAll(async () => {
  ({ t, root, org: acme } = await startObjectTest());
  globex = await organizationWithCallers(t, 'globex');
  // Records are written just after each answer, at the time of the clock then: let them be written first.
  await flushAuditLog(t.context);
  t.clock.set(new Date('2026-11-20T10:00:00Z'));
  await login('acme', 'acme-user', 'wrong-password');
  await login('acme', 'acme-user', 'user-password');
  await login('globex', 'globex-user', 'wrong-password');
  await flushAuditLog(t.context);
  t.clock.set(new Date('2026-11-21T09:30:00Z'));
  await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'filtered', password: 'filtered-password' });
  await call(t, acme.app, '/api/delete-user', { owner: 'built-in', name: 'admin' });
  await login('acme', 'acme-user', 'wrong-again');
  await flushAuditLog(t.context);
});
afterAll(() => t.dispose());

interface Listed {
  owner: string;
  action: string;
  user: string;
  createdTime: string;
  response: string;
  statusCode: number;
}

async function listed(caller: Caller, query: string) {
  const answer = await call(t, caller, `/api/get-records?p=1&pageSize=100&${query}`);
  expect(answer.status).toBe('ok');
  const data = answer.data as Listed[];
  expect(answer.data2).toBe(data.length);
  return data;
}
const failed = (record: Listed) => record.statusCode >= 400 || JSON.parse(record.response).status === 'error';

describe('get-records filters', () => {
  test('by outcome: refusals and failed sign-ins, or what succeeded', async () => {
    const errors = await listed(acme.admin, 'owner=acme&outcome=error');
    expect(errors.map((record) => record.action).sort()).toEqual(['delete-user', 'login', 'login']);
    expect(errors.every(failed)).toBe(true);
    const oks = await listed(acme.admin, 'owner=acme&outcome=ok');
    expect(oks.length).toBeGreaterThan(0);
    expect(oks.some(failed)).toBe(false);
    const all = await listed(acme.admin, 'owner=acme');
    expect(all.length).toBe(errors.length + oks.length);
  });

  test('by action and user (Casdoor field/value), combined with the outcome and a time range', async () => {
    const failedSignIns = await listed(acme.admin, 'owner=acme&action=login&outcome=error');
    expect(failedSignIns.map((record) => record.createdTime)).toEqual(['2026-11-21T09:30:00Z', '2026-11-20T10:00:00Z']);
    const byAdmin = await listed(acme.admin, 'owner=acme&field=user&value=acme-admin&action=add-user');
    expect(byAdmin.map((record) => [record.user, record.action])).toEqual([['acme/acme-admin', 'add-user']]);
    const firstDay = await listed(acme.admin, 'owner=acme&action=login&from=2026-11-20&to=2026-11-20');
    expect(firstDay.map((record) => record.createdTime)).toEqual(['2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z']);
    const secondDay = await listed(acme.admin, 'owner=acme&from=2026-11-21T09:30:00Z&to=2026-11-21T09:30:00Z');
    expect(secondDay.map((record) => record.action).sort()).toEqual(['add-user', 'delete-user', 'login']);
    expect(await listed(acme.admin, 'owner=acme&from=2026-11-22&to=2026-11-22')).toEqual([]);
  });

  test('values the filters do not know are refused with the parameter named', async () => {
    for (const [query, name] of [
      ['outcome=maybe', 'outcome'],
      ['from=yesterday', 'from'],
      ['to=2026-02-30', 'to'],
      ['from=2026-11-20T10:00:00', 'from'],
      [`action=${'x'.repeat(101)}`, 'action'],
    ]) {
      const answer = await call(t, acme.admin, `/api/get-records?owner=acme&${query}`);
      expect({ query, msg: answer.msg }).toEqual({
        query,
        msg: `The parameter "${name}" has a value that is not allowed.`,
      });
    }
  });

  test('an organization administrator filters only their own organization’s records', async () => {
    const own = await listed(acme.admin, 'action=login&outcome=error');
    expect(own.length).toBe(2);
    expect(own.every((record) => record.owner === 'acme')).toBe(true);
    expect((await call(t, acme.admin, '/api/get-records?owner=globex&outcome=error')).status).toBe('error');
    const everyone = await listed(root, 'action=login&outcome=error');
    expect(new Set(everyone.map((record) => record.owner))).toEqual(new Set(['acme', 'globex']));
  });
});

/** The rows of a CSV text (RFC 4180: quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

async function exported(caller: Caller, query: string) {
  const response = await t.request(`/api/export-records?${query}`, { headers: caller.headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="records-[\w.-]+\.csv"$/);
  // Decoding text drops the byte order mark the file begins with.
  const [header, ...rows] = parseCsv(response.text.replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('export-records', () => {
  test('the filtered records, newest first, each with its outcome', async () => {
    const rows = await exported(acme.admin, 'owner=acme&action=login&outcome=error');
    expect(rows.map((row) => [row.owner, row.action, row.outcome, row.createdTime])).toEqual([
      ['acme', 'login', 'error', '2026-11-21T09:30:00Z'],
      ['acme', 'login', 'error', '2026-11-20T10:00:00Z'],
    ]);
    expect(JSON.parse(rows[0]!.response!)).toEqual({ status: 'error', msg: 'The username or password is wrong.' });
  });

  test('an organization administrator exports only their organization’s records; others are refused', async () => {
    const rows = await exported(acme.admin, '');
    expect(rows.length).toBe((await listed(acme.admin, 'owner=acme')).length);
    expect(rows.every((row) => row.owner === 'acme')).toBe(true);
    const everyone = await exported(root, 'action=login&outcome=error');
    expect(new Set(everyone.map((row) => row.owner))).toEqual(new Set(['acme', 'globex']));
    for (const [caller, query] of [
      [acme.admin, 'owner=globex'],
      [globex.admin, 'owner=acme'],
      [acme.user, 'owner=acme'],
    ] as const) {
      const response = await t.request(`/api/export-records?${query}`, { headers: caller.headers });
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.json.status).toBe('error');
    }
    expect(
      (await t.request('/api/export-records?owner=acme&outcome=maybe', { headers: acme.admin.headers })).json.msg,
    ).toBe('The parameter "outcome" has a value that is not allowed.');
  });

  test('cells are quoted where they must be, and none can run as a spreadsheet formula', async () => {
    const tricky = {
      owner: 'acme',
      name: 'tricky',
      createdTime: '2026-11-22T00:00:00Z',
      action: '=HYPERLINK("http://evil.example","x")',
      user: '+1+1',
      clientIp: '-2+3',
      method: '@SUM(A1)',
      requestUri: '\t=1',
      language: '\r=1',
      object: 'a "quoted", comma\r\nand a new line',
      response: '{"status":"ok","msg":"fine, really"}',
      statusCode: 200,
    };
    await insertRow(t.context.db, 'record', codecs.record.encode(tricky));
    const [row] = await exported(acme.admin, 'owner=acme&from=2026-11-22&to=2026-11-22');
    expect(row).toMatchObject({
      action: `'${tricky.action}`,
      user: `'+1+1`,
      clientIp: `'-2+3`,
      method: `'@SUM(A1)`,
      requestUri: `'\t=1`,
      language: `'\r=1`,
      object: tricky.object,
      response: tricky.response,
      outcome: 'ok',
    });
  });

  test('a long export is read in pages, each record once, in order, though many share a second', async () => {
    const times = ['2026-11-24T08:00:00Z', '2026-11-24T08:00:01Z', '2026-11-24T08:00:02Z'];
    const count = 1050;
    for (let i = 0; i < count; i++)
      await insertRow(
        t.context.db,
        'record',
        codecs.record.encode({
          owner: 'acme',
          name: `bulk-${String(i).padStart(5, '0')}`,
          createdTime: times[i % times.length],
          action: 'bulk',
          response: '{"status":"ok","msg":""}',
          statusCode: 200,
        }),
      );
    const rows = await exported(acme.admin, 'owner=acme&action=bulk');
    expect(rows.length).toBe(count);
    expect(new Set(rows.map((row) => row.name)).size).toBe(count);
    const order = rows.map((row) => `${row.createdTime} ${row.name}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  test('one cell: quotes doubled, quoted for commas and line breaks, formulas defused', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(200)).toBe('200');
    expect(csvCell(false)).toBe('false');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('=A1,"B"')).toBe(`"'=A1,""B"""`);
    expect(csvCell('\r\n=1')).toBe(`"'\r\n=1"`);
    expect(csvCell('a=1')).toBe('a=1');
  });
});
