import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser, insertRow } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import { type Caller, globalAdmin, organizationWithCallers } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { addOrganization, addUser, signIn } from '../../../test/fixtures.ts';
import { parseCsv } from '../upload/csv.ts';
import { defuseFormulaCell, readFormulaCell } from '../upload/formula-cells.ts';
import { EXPORT_COLUMNS } from './export-users.ts';

let t: TestApp;
let root: Caller;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  await addOrganization(t, 'beta');
  await addOrganization(t, 'gamma');
  for (const organization of ['acme', 'gamma'])
    await insertRow(t.context.db, 'group', {
      owner: organization,
      name: 'staff',
      parentId: organization,
      isTopGroup: 1,
    });
  await addUser(t, 'beta', 'beta-secret-user', 'beta-password');
});
afterAll(() => t.dispose());

async function upload(caller: Caller, content: string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([content]), 'users.csv');
  const response = await t.request(`/api/upload-users${query}`, {
    method: 'POST',
    body: form,
    headers: caller.headers,
  });
  return response.json as { status: string; msg: string; data: any };
}

async function exportCsv(caller: Caller, query = '') {
  const response = await t.request(`/api/export-users${query}`, { method: 'GET', headers: caller.headers });
  return { response, text: response.text };
}

const userCount = (owner: string) => countStoredRows(t.context.db, 'user', { owner });

describe('importing a large CSV file', () => {
  test('1,000 rows with a few bad ones: every bad row by its line, and nothing written', async () => {
    const before = await userCount('acme');
    const lines = ['name,displayName,password,isAdmin,score,groups'];
    for (let index = 0; index < 1000; index++) {
      const password = index % 50 === 0 ? `Bulk-password-${index}` : '';
      lines.push(`bulk-${index},Bulk ${index},${password},0,${index},staff`);
    }
    // A quoted cell over two lines moves every later row one line down: lines, not rows, are reported.
    lines[11] = 'bulk-10,"Bulk\nten",,0,10,staff';
    lines[301] = 'bulk-300,Bulk 300,,maybe,300,';
    lines[502] = 'bulk/501,Bulk 501,,0,501,';
    lines[900] = 'bulk-5,Twice,,0,899,';
    lines[1000] = 'bulk-999,Bulk 999,,0,999,nowhere';
    const answer = await upload(acme.admin, lines.join('\n'));
    expect(answer.status).toBe('error');
    expect(answer.msg).toBe('4 rows have problems, so no user was added.');
    expect(answer.data.rejected.map((row: { row: number; name: string }) => [row.row, row.name])).toEqual([
      [303, 'bulk-300'],
      [504, 'bulk/501'],
      [902, 'bulk-5'],
      [1002, 'bulk-999'],
    ]);
    expect(answer.data.accepted).toHaveLength(996);
    expect(await userCount('acme')).toBe(before);
    // The same file without its bad rows: all 1,000 users, in one go (positive control).
    lines[301] = 'bulk-300,Bulk 300,,0,300,';
    lines[502] = 'bulk-501,Bulk 501,,0,501,';
    lines[900] = 'bulk-899,Bulk 899,,0,899,';
    lines[1000] = 'bulk-999,Bulk 999,,0,999,staff';
    const good = await upload(acme.admin, lines.join('\n'));
    expect(good.status).toBe('ok');
    expect(good.data.added).toHaveLength(1000);
    expect(await userCount('acme')).toBe(before + 1000);
    expect(await findUser(t.context.db, 'acme', 'bulk-10')).toMatchObject({
      displayName: 'Bulk\nten',
      groups: ['acme/staff'],
    });
  }, 120_000);
});

describe('GET /api/export-users', () => {
  test('round trip: exported from one organization, imported into another, the same users', async () => {
    await addUser(t, 'acme', 'formula', 'Formula-password-1', {
      displayName: '=HYPERLINK("http://evil.example","x")',
      firstName: "'=quoted",
      lastName: '-5',
      title: '@SUM(A1)',
      bio: 'Line one\nline two, with "quotes"; and more',
      address: ['1 Main St', 'Springfield'],
      properties: { team: 'blue', 'cost centre': '=42' },
      groups: ['acme/staff'],
      isAdmin: true,
      score: 7,
      email: 'formula@example.com',
    });
    const { response, text } = await exportCsv(acme.admin);
    expect(response.headers.get('content-type')).toStartWith('text/csv');
    expect(response.headers.get('content-disposition')).toStartWith('attachment; filename="users-acme-');
    const rows = parseCsv(text)!;
    expect(rows[0]).toEqual(EXPORT_COLUMNS);
    const formulaRow = rows.find((row) => row[EXPORT_COLUMNS.indexOf('name')] === 'formula')!;
    // Every cell a spreadsheet would run starts with a quote in the file.
    for (const field of ['displayName', 'firstName', 'lastName', 'title'])
      expect(formulaRow[EXPORT_COLUMNS.indexOf(field)]).toStartWith("'");
    expect(formulaRow[EXPORT_COLUMNS.indexOf('groups')]).toBe('staff');

    const imported = await upload(root, text, '?owner=gamma');
    expect(imported.status).toBe('ok');
    expect(await userCount('gamma')).toBe(await userCount('acme'));
    for (const name of ['formula', 'acme-admin', 'bulk-10']) {
      const original = (await findUser(t.context.db, 'acme', name))! as Record<string, unknown>;
      const copy = (await findUser(t.context.db, 'gamma', name))! as Record<string, unknown>;
      for (const field of EXPORT_COLUMNS) {
        const expected =
          field === 'groups' ? (original.groups as string[]).map((g) => g.replace('acme/', 'gamma/')) : original[field];
        expect({ field, value: copy[field] }).toEqual({ field, value: expected });
      }
      expect(copy.password).toBe('');
    }
  }, 120_000);

  test('no password hashes or secrets, unless a global administrator asks for them', async () => {
    const plain = (await exportCsv(acme.admin)).text;
    expect(plain).not.toContain('$argon2id$');
    expect(parseCsv(plain)![0]).not.toContain('passwordHash');
    expect(parseCsv(plain)![0]).not.toContain('accessSecret');
    const refused = await exportCsv(acme.admin, '?secrets=1');
    expect(refused.response.headers.get('content-type')).toStartWith('application/json');
    expect(JSON.parse(refused.text).msg).toBe('Only a global administrator may export passwords and other secrets.');
    const withSecrets = parseCsv((await exportCsv(root, '?owner=acme&secrets=1')).text)!;
    const hashColumn = withSecrets[0]!.indexOf('passwordHash');
    expect(hashColumn).toBeGreaterThan(0);
    const formula = withSecrets.find((row) => row[EXPORT_COLUMNS.indexOf('name')] === 'formula')!;
    expect(formula[hashColumn]).toStartWith('$argon2id$');
  });

  test('an organization administrator exports and imports only within their organization', async () => {
    const own = parseCsv((await exportCsv(acme.admin)).text)!;
    const names = own.slice(1).map((row) => row[EXPORT_COLUMNS.indexOf('name')]);
    expect(names).toContain('acme-user');
    expect(names).not.toContain('beta-secret-user');
    const other = await exportCsv(acme.admin, '?owner=beta');
    expect(JSON.parse(other.text).msg).toBe('You are not allowed to do this.');
    expect((await upload(acme.admin, 'name\nintruder\n', '?owner=beta')).msg).toBe('You are not allowed to do this.');
    expect(await findUser(t.context.db, 'beta', 'intruder')).toBeUndefined();
    // A plain user may not export at all.
    const user = await exportCsv(acme.user);
    expect(JSON.parse(user.text).status).toBe('error');
    // Positive control: the global administrator exports beta.
    expect((await exportCsv(root, '?owner=beta')).text).toContain('beta-secret-user');
    expect(await signIn(t, 'acme', 'formula', 'Formula-password-1')).toStartWith('casdoor_session_id=');
    expect(await signIn(t, 'acme', 'bulk-50', 'Bulk-password-50')).toStartWith('casdoor_session_id=');
  });
});

describe('formula cells', () => {
  test('defused on export, read back exactly', () => {
    for (const value of ['=1+1', '+1', '-1', '@x', '\tx', '\rx', "'=x", "''+x", "'plain", 'plain', ''])
      expect(readFormulaCell(defuseFormulaCell(value))).toBe(value);
    expect(defuseFormulaCell('=1+1')).toBe("'=1+1");
    expect(defuseFormulaCell('plain')).toBe('plain');
  });
});
