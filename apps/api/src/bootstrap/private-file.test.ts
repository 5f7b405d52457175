import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateFile, writePrivateFile } from './private-file.ts';

const folder = mkdtempSync(join(tmpdir(), 'latchkey-private-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('private files', () => {
  test('created once, readable by the owner only; a second creation changes nothing; no temporary file is left', () => {
    const file = join(folder, 'secret.key');
    expect(createPrivateFile(file, 'first\n')).toBe(true);
    expect(createPrivateFile(file, 'second\n')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['secret.key']);
  });

  test('written over whole, readable by the owner only', () => {
    const file = join(folder, 'admin-password.txt');
    writePrivateFile(file, 'one\n');
    writePrivateFile(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder).sort()).toEqual(['admin-password.txt', 'secret.key']);
  });
});
