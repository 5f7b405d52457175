import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** All SQL lives in packages/db: its repositories and its prepared statements; the API calls them. */
const SOURCE_ROOT = import.meta.dir;

/** What betrays a query in the API: a query builder call, a raw statement, or SQL text. */
const QUERY_SIGNS: { name: string; pattern: RegExp }[] = [
  { name: 'query builder call', pattern: /\.(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery)\(/ },
  { name: 'sql template', pattern: /\bsql(\.raw|\.ref|\.table|\.lit)?\s*(`|\()/ },
  { name: 'SQL text', pattern: /['"`]\s*(select\s[^'"`]*\sfrom\s|insert\s+into\s|update\s+"?\w+"?\s+set\s|delete\s+from\s)/i },
];

/** The query signs in a source text, one line each. */
function querySigns(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, index) => {
    for (const sign of QUERY_SIGNS) if (sign.pattern.test(line)) found.push(`${index + 1}: ${sign.name}: ${line.trim()}`);
  });
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the data layer', () => {
  test('the check recognizes every kind of query (positive control)', () => {
    expect(querySigns("const row = await context.db.selectFrom('user').selectAll().executeTakeFirst();")).toHaveLength(1);
    expect(querySigns("await trx.deleteFrom('token').where('name', '=', name).execute();")).toHaveLength(1);
    expect(querySigns('await sql`select 1`.execute(db);')).toHaveLength(1);
    expect(querySigns("await selectRows(context, 'select * from \"token\" where \"accessTokenHash\" = ?', [hash]);")).toHaveLength(1);
    expect(querySigns("const text = `insert into \"record\" (\"id\") values (?)`;")).toHaveLength(1);
    expect(querySigns("await context.db.executeQuery(compiled);")).toHaveLength(1);
    expect(querySigns("const user = await findUser(context.db, owner, name);")).toEqual([]);
  });

  test('apps/api builds no query and holds no SQL text outside its tests', () => {
    const files = sourceFiles(SOURCE_ROOT)
      .map((path) => relative(SOURCE_ROOT, path))
      .filter((path) => !path.startsWith('test/') && !path.includes('/testing/'));
    expect(files.length).toBeGreaterThan(200);
    const offending = files.flatMap((path) => querySigns(readFileSync(join(SOURCE_ROOT, path), 'utf8')).map((sign) => `${path}:${sign}`));
    expect(offending).toEqual([]);
  });
});
