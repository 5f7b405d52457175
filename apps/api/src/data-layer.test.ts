import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * All SQL lives in packages/db: its repositories and prepared statements, and for tests the
 * helpers of @latchkey/db/testing. The API calls them, and so do its tests and the end-to-end tests.
 */
const SOURCE_ROOT = import.meta.dir;
const E2E_ROOT = join(SOURCE_ROOT, '..', '..', '..', 'e2e');
const DB_ROOT = join(SOURCE_ROOT, '..', '..', '..', 'packages', 'db', 'src');
/** This file, which spells out what it looks for. */
const THIS_FILE = relative(SOURCE_ROOT, import.meta.path);

/** What betrays a query: a query builder call, a raw statement, or SQL text. */
const QUERY_SIGNS: { name: string; pattern: RegExp }[] = [
  {
    name: 'query builder call',
    pattern: /\.(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery)\(/,
  },
  { name: 'sql template', pattern: /\bsql(\.raw|\.ref|\.table|\.lit)?\s*(`|\()/ },
  {
    name: 'SQL text',
    pattern: /['"`]\s*(select\s[^'"`]*\sfrom\s|insert\s+into\s|update\s+"?\w+"?\s+set\s|delete\s+from\s)/i,
  },
  { name: 'SQL schema text', pattern: /['"`]\s*(create|drop|alter)\s+(table|schema|database|index|trigger)\s/i },
];

/** The query signs in a source text, one line each. */
function querySigns(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, index) => {
    for (const sign of QUERY_SIGNS)
      if (sign.pattern.test(line)) found.push(`${index + 1}: ${sign.name}: ${line.trim()}`);
  });
  return found;
}

/** Every TypeScript file under a folder, tests and test helpers included, as paths relative to it. */
function sourceFiles(root: string, folder = root): string[] {
  return readdirSync(folder).flatMap((entry) => {
    if (entry === 'node_modules') return [];
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return sourceFiles(root, path);
    return path.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

/** The query signs in the files under a folder, as `path:line: sign: text`. */
function offendingLines(root: string, files: string[]): string[] {
  return files.flatMap((path) => querySigns(readFileSync(join(root, path), 'utf8')).map((sign) => `${path}:${sign}`));
}

describe('the data layer', () => {
  test('the check recognizes every kind of query (positive control)', () => {
    expect(querySigns("const row = await context.db.selectFrom('user').selectAll().executeTakeFirst();")).toHaveLength(
      1,
    );
    expect(querySigns("await trx.deleteFrom('token').where('name', '=', name).execute();")).toHaveLength(1);
    expect(querySigns('await sql`select 1`.execute(db);')).toHaveLength(1);
    expect(
      querySigns('await selectRows(context, \'select * from "token" where "accessTokenHash" = ?\', [hash]);'),
    ).toHaveLength(1);
    expect(querySigns('const text = `insert into "record" ("id") values (?)`;')).toHaveLength(1);
    expect(querySigns('await context.db.executeQuery(compiled);')).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, which the check must recognize.
    expect(querySigns('await client.query(`create database ${name}`);')).toHaveLength(1);
    expect(querySigns("await admin.query('drop schema t_1 cascade');")).toHaveLength(1);
    expect(querySigns('const user = await findUser(context.db, owner, name);')).toEqual([]);
    expect(querySigns("const row = await storedRow(t.context.db, 'token', { name });")).toEqual([]);
  });

  test('the check finds the queries of a real source file (positive control)', () => {
    expect(sourceFiles(DB_ROOT)).toContain('repositories/tokens.ts');
    expect(offendingLines(DB_ROOT, ['repositories/tokens.ts']).length).toBeGreaterThan(3);
  });

  test('apps/api builds no query and holds no SQL text, in its tests and test helpers neither', () => {
    const files = sourceFiles(SOURCE_ROOT).filter((path) => path !== THIS_FILE);
    expect(files.length).toBeGreaterThan(350);
    expect(files).toContain('test/fixtures.ts');
    expect(files.filter((path) => path.endsWith('.test.ts')).length).toBeGreaterThan(80);
    expect(offendingLines(SOURCE_ROOT, files)).toEqual([]);
  });

  test('the end-to-end tests build no query and hold no SQL text', () => {
    const files = sourceFiles(E2E_ROOT);
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain('support/server.ts');
    expect(offendingLines(E2E_ROOT, files)).toEqual([]);
  });
});
