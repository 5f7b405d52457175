import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser, insertRow } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import ExcelJS from 'exceljs';
import { organizationWithCallers } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { signIn } from '../../../test/fixtures.ts';
import { parseCsv } from './csv.ts';
import { zipInflatedSize } from './zip-limits.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  await insertRow(t.context.db, 'group', { owner: 'acme', name: 'staff', parentId: 'acme', isTopGroup: 1 });
});
afterAll(() => t.dispose());

async function upload(content: BlobPart, filename: string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([content]), filename);
  const response = await t.request(`/api/upload-users${query}`, {
    method: 'POST',
    body: form,
    headers: acme.admin.headers,
  });
  return response.json;
}

async function xlsx(rows: unknown[][]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Users');
  for (const row of rows) sheet.addRow(row);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

const count = () => countStoredRows(t.context.db, 'user', { owner: 'acme' });

describe('upload-users', () => {
  test('CSV: users added with hashed passwords, groups and flags; existing users skipped', async () => {
    const csv =
      'name,displayName,password,email,isAdmin,groups,score\r\numa,"Uma, U.",uma-password,uma@example.com,1,acme/staff,7\nvic,Vic,,vic@example.com,false,,\nacme-user,Already,,,,,\n';
    const answer = await upload(csv, 'users.csv');
    expect(answer).toMatchObject({ status: 'ok', data: { added: ['uma', 'vic'], skipped: ['acme-user'] } });
    const uma = (await findUser(t.context.db, 'acme', 'uma'))!;
    expect(uma).toMatchObject({
      displayName: 'Uma, U.',
      email: 'uma@example.com',
      isAdmin: true,
      groups: ['acme/staff'],
      score: 7,
      registerType: 'Add User',
    });
    expect(uma.password).toStartWith('$argon2id$');
    expect(await signIn(t, 'acme', 'uma', 'uma-password', 'acme-app')).toStartWith('casdoor_session_id=');
  });

  test('XLSX, with Casdoor\'s "Label#field" headers and unknown columns ignored', async () => {
    const file = await xlsx([
      ['Name#name', 'Display name#displayName', 'Shoe size', 'Phone#phone'],
      ['wes', 'Wes', 44, '5550100'],
      [],
      ['xena', 'Xena', 38, '5550101'],
    ]);
    expect(await upload(file, 'users.xlsx')).toMatchObject({
      status: 'ok',
      data: { added: ['wes', 'xena'], ignoredColumns: ['Shoe size'] },
    });
    expect((await findUser(t.context.db, 'acme', 'xena'))?.phone).toBe('5550101');
  });

  test('a file with bad rows writes nothing and reports every row, good and bad', async () => {
    const before = await count();
    const csv = [
      'name,isAdmin,score,groups',
      'yan,yes,1,',
      'z/z,no,2,',
      'yan,no,3,',
      'zed,maybe,4,',
      'zoe,no,five,',
      'zara,no,6,built-in/admins',
      'zack,no,7,',
    ].join('\n');
    const answer = await upload(csv, 'users.csv');
    expect(answer.status).toBe('error');
    expect(answer.msg).toBe('5 rows have problems, so no user was added.');
    expect(answer.data.accepted).toEqual([
      { row: 2, name: 'yan' },
      { row: 8, name: 'zack' },
    ]);
    expect(answer.data.rejected).toEqual([
      { row: 3, name: 'z/z', msg: 'The name may not contain any of these characters: / ? : # & % = + ;' },
      { row: 4, name: 'yan', msg: 'The name "yan" appears twice in the file.' },
      { row: 5, name: 'zed', msg: 'The value of "isAdmin" is not valid.' },
      { row: 6, name: 'zoe', msg: 'The value of "score" is not valid.' },
      { row: 7, name: 'zara', msg: 'The group "built-in/admins" does not exist in this organization.' },
    ]);
    expect(await count()).toBe(before);
  });

  test('every row is checked before any password is hashed: one bad row costs no hashing', async () => {
    const real = t.context.passwords;
    let hashed = 0;
    t.context.passwords = {
      ...real,
      hash: (plain) => {
        hashed++;
        return real.hash(plain);
      },
    };
    try {
      const rows = Array.from({ length: 50 }, (_, index) => `bulk-${index},password-${index}-long-enough,no`);
      const bad = await upload(
        ['name,password,isAdmin', ...rows, 'bulk-bad,password-bad-long-enough,maybe'].join('\n'),
        'users.csv',
      );
      expect(bad.status).toBe('error');
      expect(bad.data.rejected).toEqual([{ row: 52, name: 'bulk-bad', msg: 'The value of "isAdmin" is not valid.' }]);
      expect(hashed).toBe(0);
      // The same rows without the bad one are hashed once each and added (positive control).
      const good = await upload(['name,password,isAdmin', ...rows].join('\n'), 'users.csv');
      expect(good.status).toBe('ok');
      expect(good.data.added).toHaveLength(50);
      expect(hashed).toBe(50);
    } finally {
      t.context.passwords = real;
    }
  });

  test('a large file is checked in pieces: requests arriving meanwhile are answered before it is done', async () => {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => t.app.fetch(request) });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const rows = Array.from({ length: 3000 }, (_, index) => `piece-${index},no`);
      const form = new FormData();
      form.append('file', new Blob([['name,isAdmin', ...rows, 'piece-bad,maybe'].join('\n')]), 'users.csv');
      let uploadDone = 0;
      const uploading = fetch(`${base}/api/upload-users`, {
        method: 'POST',
        body: form,
        headers: acme.admin.headers,
        signal: AbortSignal.timeout(240_000),
      }).then(async (response) => {
        uploadDone = performance.now();
        return response.json();
      });
      // Health is asked again and again while the upload runs; the longest wait between two answers
      // shows whether the check held the event loop.
      const started = performance.now();
      let last = started;
      let longestGap = 0;
      let answered = 0;
      while (!uploadDone && performance.now() - started < 240_000) {
        const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(240_000) });
        expect(health.status).toBe(200);
        const now = performance.now();
        if (!uploadDone) {
          longestGap = Math.max(longestGap, now - last);
          answered++;
        }
        last = now;
      }
      const answer = await uploading;
      expect(answer.status).toBe('error');
      expect(answer.data.rejected).toEqual([
        { row: 3002, name: 'piece-bad', msg: 'The value of "isAdmin" is not valid.' },
      ]);
      // Held for the whole check, health would have waited for all of it: one answer, one long gap.
      const took = uploadDone - started;
      expect(answered).toBeGreaterThan(3);
      expect(longestGap).toBeLessThan(took / 2);
    } finally {
      server.stop(true);
    }
  }, 300_000);

  test('users of another organization in the file, or uploads into another organization, are refused', async () => {
    expect((await upload('name,owner\nmallory,built-in\n', 'users.csv')).data.rejected[0].msg).toBe(
      'This row belongs to another organization than "acme".',
    );
    expect((await upload('name\nmallory\n', 'users.csv', '?owner=built-in')).msg).toBe(
      'You are not allowed to do this.',
    );
    expect(await findUser(t.context.db, 'built-in', 'mallory')).toBeUndefined();
  });

  test('files that are not CSV or XLSX, or not readable, are refused clearly', async () => {
    expect((await upload(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), 'users.pdf')).msg).toBe(
      'Only CSV and XLSX files can be uploaded.',
    );
    expect((await upload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]), 'users.xlsx')).msg).toBe(
      'The file could not be read as a spreadsheet.',
    );
    expect((await upload('', 'users.csv')).msg).toBe('The file has no rows.');
    expect((await upload('displayName\nNobody\n', 'users.csv')).msg).toBe(
      'The first row must name the columns, including "name".',
    );
    expect((await upload('name\n"open quote\n', 'users.csv')).msg).toBe('The file could not be read as a spreadsheet.');
    const noFile = await t.request('/api/upload-users', { body: { file: 'name\nx' }, headers: acme.admin.headers });
    expect(noFile.json.msg).toBe('Send the file as the multipart field "file".');
  });
});

describe('upload helpers', () => {
  test('CSV: quotes, doubled quotes, semicolons, CR LF and a byte-order mark', () => {
    expect(parseCsv('\ufeffa;b\r\n"x;y";"say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x;y', 'say "hi"'],
    ]);
    expect(parseCsv('"unterminated')).toBeUndefined();
  });

  test('the inflated size of an XLSX is read from its directory, so zip bombs are refused unopened', async () => {
    const bytes = new Uint8Array(await xlsx([['name'], ['a']]));
    const size = zipInflatedSize(bytes)!;
    expect(size.entries).toBeGreaterThan(3);
    expect(size.inflatedBytes).toBeGreaterThan(bytes.length);
    expect(zipInflatedSize(new TextEncoder().encode('not a zip'))).toBeUndefined();
  });
});
