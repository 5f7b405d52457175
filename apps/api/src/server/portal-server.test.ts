import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePortalServer, useEmbeddedPortal } from './portal-server.ts';

/** A portal archive laid out as the binary carries it (see scripts/build-binary.ts). */
async function archiveFile(folder: string, marker: string): Promise<string> {
  const path = join(folder, `portal-${marker}.tar.gz`);
  await Bun.Archive.write(path, { 'apps/admin/server.js': `// ${marker}\n`, 'apps/admin/.next/static/chunks/app.js': 'void 0;\n' }, { compress: 'gzip' });
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
    expect(await locatePortalServer({ dataDir })).toEqual({ directory: join(dataDir, 'portal', 'bbbb2222', 'apps', 'admin') });
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
});
