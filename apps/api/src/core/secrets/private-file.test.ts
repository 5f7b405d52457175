import { afterAll, describe, expect, test } from 'bun:test';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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

  test('a symbolic link at the destination is refused, and what it points to stays as it was', () => {
    const place = mkdtempSync(join(tmpdir(), 'latchkey-private-link-'));
    try {
      const target = join(place, 'victim.txt');
      writeFileSync(target, 'keep me\n', { mode: 0o644 });
      const link = join(place, 'export.json');
      symlinkSync(target, link);
      expect(() => writePrivateFile(link, 'secrets\n')).toThrow('is a symbolic link');
      expect(readFileSync(target, 'utf8')).toBe('keep me\n');
      expect(statSync(target).mode & 0o777).toBe(0o644);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      // A link pointing nowhere is refused too (writing through it would create its target).
      const dangling = join(place, 'dangling.json');
      symlinkSync(join(place, 'created-through-link.txt'), dangling);
      expect(() => writePrivateFile(dangling, 'secrets\n')).toThrow('is a symbolic link');
      expect(createPrivateFile(dangling, 'secrets\n')).toBe(false);
      expect(readdirSync(place).sort()).toEqual(['dangling.json', 'export.json', 'victim.txt']);
      // Positive control: a plain file in the same folder is written.
      writePrivateFile(join(place, 'plain.json'), 'fine\n');
      expect(readFileSync(join(place, 'plain.json'), 'utf8')).toBe('fine\n');
    } finally {
      rmSync(place, { recursive: true, force: true });
    }
  });
});
