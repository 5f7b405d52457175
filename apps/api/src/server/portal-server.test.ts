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
import { portalArchiveHash, portalArchiveTrailer } from './portal-archive.ts';
import { type EmbeddedPortal, locatePortalServer, useEmbeddedPortal } from './portal-server.ts';

/** A file that carries a portal archive at its end, laid out as the binary does (see scripts/build-binary.ts). */
async function carrierOf(folder: string, files: Record<string, string>, name: string): Promise<EmbeddedPortal> {
  const archive = await new Bun.Archive(files, { compress: 'gzip' }).bytes();
  const carrier = join(folder, name);
  const executable = new TextEncoder().encode(`#!/bin/sh\n# an executable before its portal (${name})\n`);
  writeFileSync(carrier, Buffer.concat([executable, archive, portalArchiveTrailer(archive.length)]));
  return { carrier, hash: portalArchiveHash(archive) };
}

/** A carrier of a portal whose server.js says `marker`. */
const archiveFile = (folder: string, marker: string) =>
  carrierOf(
    folder,
    { 'apps/admin/server.js': `// ${marker}\n`, 'apps/admin/.next/static/chunks/app.js': 'void 0;\n' },
    `latchkey-${marker}`,
  );

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
    const one = await archiveFile(archives, 'one');
    useEmbeddedPortal(one);
    const first = await locatePortalServer({ dataDir });
    expect(first).toEqual({ directory: join(dataDir, 'portal', one.hash, 'apps', 'admin') });
    expect(readFileSync(join(dataDir, 'portal', one.hash, 'apps', 'admin', 'server.js'), 'utf8')).toBe('// one\n');
    // A second start finds it unpacked (a file changed there stays as it is: nothing is unpacked again).
    await Bun.write(join(dataDir, 'portal', one.hash, 'apps', 'admin', 'server.js'), '// kept\n');
    expect(await locatePortalServer({ dataDir })).toEqual(first);
    expect(readFileSync(join(dataDir, 'portal', one.hash, 'apps', 'admin', 'server.js'), 'utf8')).toBe('// kept\n');

    const two = await archiveFile(archives, 'two');
    useEmbeddedPortal(two);
    expect(await locatePortalServer({ dataDir })).toEqual({
      directory: join(dataDir, 'portal', two.hash, 'apps', 'admin'),
    });
    expect(readdirSync(join(dataDir, 'portal'))).toEqual([two.hash]);
  });

  test('an archive without the server is reported, not started', async () => {
    const dataDir = folder();
    const empty = await carrierOf(folder(), { 'README.txt': 'nothing here\n' }, 'latchkey-empty');
    useEmbeddedPortal(empty);
    const location = await locatePortalServer({ dataDir });
    expect('missing' in location).toBe(true);
    expect(existsSync(join(dataDir, 'portal', empty.hash, 'README.txt'))).toBe(true);
  });

  test('a carrier whose archive is missing or is not the version expected is refused, and nothing is run', async () => {
    const dataDir = folder();
    const files = folder();
    const bare = join(files, 'latchkey-bare');
    writeFileSync(bare, '#!/bin/sh\n');
    useEmbeddedPortal({ carrier: bare, hash: 'aaaa1111' });
    await expect(locatePortalServer({ dataDir })).rejects.toThrow('carries no portal archive');
    const one = await archiveFile(files, 'one');
    useEmbeddedPortal({ ...one, hash: 'bbbb2222' });
    await expect(locatePortalServer({ dataDir })).rejects.toThrow('is not the one this binary was built with');
    expect(readdirSync(join(dataDir, 'portal'))).toEqual([]);
    // Positive control: the same carrier with its own version is unpacked.
    useEmbeddedPortal(one);
    expect(await locatePortalServer({ dataDir })).toEqual({
      directory: join(dataDir, 'portal', one.hash, 'apps', 'admin'),
    });
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
    const one = await archiveFile(folder(), 'one');
    useEmbeddedPortal(one);
    await expect(locatePortalServer({ dataDir })).rejects.toThrow('symbolic link');
    untouched(elsewhere);
    expect(lstatSync(join(dataDir, 'portal')).isSymbolicLink()).toBe(true);
    // Positive control: once the link is gone, the same call unpacks into a folder of its own.
    rmSync(join(dataDir, 'portal'));
    expect(await locatePortalServer({ dataDir })).toEqual({
      directory: join(dataDir, 'portal', one.hash, 'apps', 'admin'),
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
    const one = await archiveFile(folder(), 'one');
    const planted = folder();
    mkdirSync(join(planted, 'apps', 'admin', '.next', 'static'), { recursive: true });
    writeFileSync(join(planted, 'apps', 'admin', 'server.js'), '// planted\n');
    symlinkSync(planted, join(dataDir, 'portal', one.hash));
    useEmbeddedPortal(one);
    const location = await locatePortalServer({ dataDir });
    expect(location).toEqual({ directory: join(dataDir, 'portal', one.hash, 'apps', 'admin') });
    expect(lstatSync(join(dataDir, 'portal', one.hash)).isDirectory()).toBe(true);
    expect(readFileSync(join(dataDir, 'portal', one.hash, 'apps', 'admin', 'server.js'), 'utf8')).toBe('// one\n');
    expect(readdirSync(join(dataDir, 'portal'))).toEqual([one.hash]);
    untouched(elsewhere);
    expect(readFileSync(join(planted, 'apps', 'admin', 'server.js'), 'utf8')).toBe('// planted\n');
  });
});
