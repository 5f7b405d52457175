import { afterEach, describe, expect, test } from 'bun:test';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePortalServer, useEmbeddedPortal } from './portal-server.ts';

/** A portal archive laid out as the binary carries it (see scripts/build-binary.ts). */
async function archiveFile(folder: string, marker: string): Promise<string> {
  const path = join(folder, `portal-${marker}.tar.gz`);
  await Bun.Archive.write(
    path,
    { 'apps/admin/server.js': `// ${marker}\n`, 'apps/admin/.next/static/chunks/app.js': 'void 0;\n' },
    { compress: 'gzip' },
  );
  return path;
}

describe("the binary's portal", () => {
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'latchkey-portal-'));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    useEmbeddedPortal(undefined);
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  test('is unpacked once into the data folder, by version, and an upgrade removes the old copy', async () => {
    const dataDir = folder();
    const archives = folder();
    useEmbeddedPortal({ archive: await archiveFile(archives, 'one'), hash: 'aaaa1111' });
    const first = await locatePortalServer({ dataDir });
    expect(first).toEqual({ directory: join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin') });
    expect(readFileSync(join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin', 'server.js'), 'utf8')).toBe('// one\n');
    // A second start finds it unpacked (a file changed there stays as it is: nothing is unpacked again).
    await Bun.write(join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin', 'server.js'), '// kept\n');
    expect(await locatePortalServer({ dataDir })).toEqual(first);
    expect(readFileSync(join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin', 'server.js'), 'utf8')).toBe('// kept\n');

    useEmbeddedPortal({ archive: await archiveFile(archives, 'two'), hash: 'bbbb2222' });
    expect(await locatePortalServer({ dataDir })).toEqual({
      directory: join(dataDir, 'portal', 'bbbb2222', 'apps', 'admin'),
    });
    expect(readdirSync(join(dataDir, 'portal'))).toEqual(['bbbb2222']);
  });

  test('an archive without the server is reported, not started', async () => {
    const dataDir = folder();
    const path = join(folder(), 'empty.tar.gz');
    await Bun.Archive.write(path, { 'README.txt': 'nothing here\n' }, { compress: 'gzip' });
    useEmbeddedPortal({ archive: path, hash: 'cccc3333' });
    const location = await locatePortalServer({ dataDir });
    expect('missing' in location).toBe(true);
    expect(existsSync(join(dataDir, 'portal', 'cccc3333', 'README.txt'))).toBe(true);
  });

  /** A folder of someone else's files, that nothing the portal does may touch. */
  function victim(): string {
    const made = folder();
    writeFileSync(join(made, 'important.txt'), 'keep me\n');
    mkdirSync(join(made, 'old-version'));
    writeFileSync(join(made, 'old-version', 'data.txt'), 'keep me too\n');
    return made;
  }
  const untouched = (path: string) => {
    expect(readdirSync(path).sort()).toEqual(['important.txt', 'old-version']);
    expect(readFileSync(join(path, 'important.txt'), 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(path, 'old-version', 'data.txt'), 'utf8')).toBe('keep me too\n');
  };

  test('a data folder whose portal is a symbolic link is refused: nothing is deleted or unpacked through it', async () => {
    const dataDir = folder();
    const elsewhere = victim();
    symlinkSync(elsewhere, join(dataDir, 'portal'));
    useEmbeddedPortal({ archive: await archiveFile(folder(), 'one'), hash: 'aaaa1111' });
    await expect(locatePortalServer({ dataDir })).rejects.toThrow('symbolic link');
    untouched(elsewhere);
    expect(lstatSync(join(dataDir, 'portal')).isSymbolicLink()).toBe(true);
    // Positive control: once the link is gone, the same call unpacks into a folder of its own.
    rmSync(join(dataDir, 'portal'));
    expect(await locatePortalServer({ dataDir })).toEqual({
      directory: join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin'),
    });
    untouched(elsewhere);
  });

  test('symbolic links inside the portal folder are removed as links, never followed', async () => {
    const dataDir = folder();
    const elsewhere = victim();
    mkdirSync(join(dataDir, 'portal'));
    // An old version that is a link to someone else's folder, and the current version's name linked to a folder holding a server.
    symlinkSync(elsewhere, join(dataDir, 'portal', 'old-hash'));
    mkdirSync(join(dataDir, 'portal', 'older-hash'));
    symlinkSync(elsewhere, join(dataDir, 'portal', 'older-hash', 'nested-link'));
    const planted = folder();
    mkdirSync(join(planted, 'apps', 'admin', '.next', 'static'), { recursive: true });
    writeFileSync(join(planted, 'apps', 'admin', 'server.js'), '// planted\n');
    symlinkSync(planted, join(dataDir, 'portal', 'aaaa1111'));
    useEmbeddedPortal({ archive: await archiveFile(folder(), 'one'), hash: 'aaaa1111' });
    const location = await locatePortalServer({ dataDir });
    expect(location).toEqual({ directory: join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin') });
    expect(lstatSync(join(dataDir, 'portal', 'aaaa1111')).isDirectory()).toBe(true);
    expect(readFileSync(join(dataDir, 'portal', 'aaaa1111', 'apps', 'admin', 'server.js'), 'utf8')).toBe('// one\n');
    expect(readdirSync(join(dataDir, 'portal'))).toEqual(['aaaa1111']);
    untouched(elsewhere);
    expect(readFileSync(join(planted, 'apps', 'admin', 'server.js'), 'utf8')).toBe('// planted\n');
  });
});
