import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config/index.ts';
import { readPortalArchive } from './portal-archive.ts';

/**
 * Where the portal's standalone Next.js server (`server.js`) is: in the source tree after
 * `bun run --cwd apps/admin build`, or, in the single binary, in the archive the binary carries,
 * unpacked once into the data folder.
 */
export interface EmbeddedPortal {
  /** The file that carries the tar.gz at its end (portal-archive.ts): the executable itself. */
  carrier: string;
  /** Hash of the archive: the folder it is unpacked to, so that an upgrade never runs an old copy. */
  hash: string;
}

/** The standalone build in the source tree (see scripts/portal-build.ts). */
export const sourcePortalServer = join(
  import.meta.dir,
  '..',
  '..',
  '..',
  'admin',
  '.next',
  'standalone',
  'apps',
  'admin',
);
/** Inside the archive (and the standalone folder), where server.js is. */
const serverInArchive = join('apps', 'admin');

let embedded: EmbeddedPortal | undefined;

/** Called by the binary's entry before anything starts. */
export function useEmbeddedPortal(portal: EmbeddedPortal | undefined): void {
  embedded = portal;
}

export const isPortalServer = (directory: string) =>
  existsSync(join(directory, 'server.js')) && existsSync(join(directory, '.next', 'static'));

export type PortalServerLocation = { directory: string } | { missing: string };

/** What is at a path, a symbolic link there not followed. */
function entryAt(path: string): 'missing' | 'folder' | 'other' {
  try {
    return lstatSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * `<data folder>/portal` as a folder of our own: created (0700) when missing; a symbolic link or
 * anything else there is refused, since unpacking removes what else that folder holds.
 */
function portalCache(dataDir: string): string {
  const cache = join(dataDir, 'portal');
  if (entryAt(cache) === 'missing') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      mkdirSync(cache, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if (entryAt(cache) !== 'folder')
    throw new Error(`${cache} is a symbolic link or not a folder; the portal is not unpacked there`);
  return cache;
}

/** Removes an entry of the portal folder: a symbolic link as a link (rm never follows one), a folder with its content. */
const removeEntry = (path: string) => rmSync(path, { recursive: true, force: true });

/**
 * The folder to run the portal from. A binary unpacks its archive into
 * `<data folder>/portal/<hash>` the first time (into a temporary folder, then renamed, so that a
 * start that is interrupted never leaves half a portal), and removes the copies of other versions.
 * A `portal` that is a symbolic link is refused; links inside it are removed, never followed, and
 * a version folder that is a link is unpacked anew rather than run.
 */
export async function locatePortalServer(config: Pick<Config, 'dataDir'>): Promise<PortalServerLocation> {
  if (!embedded) {
    return isPortalServer(sourcePortalServer)
      ? { directory: sourcePortalServer }
      : { missing: 'the portal is not built; build it with: bun run --cwd apps/admin build' };
  }
  const cache = portalCache(config.dataDir);
  const target = join(cache, embedded.hash);
  const directory = join(target, serverInArchive);
  const unpacked = () => entryAt(target) === 'folder' && isPortalServer(directory);
  if (unpacked()) return { directory };
  for (const entry of readdirSync(cache))
    if (entry !== embedded.hash || entryAt(target) !== 'folder') removeEntry(join(cache, entry));
  const unpacking = join(cache, `.unpacking-${process.pid}`);
  removeEntry(unpacking);
  await new Bun.Archive(await readPortalArchive(embedded.carrier, embedded.hash)).extract(unpacking);
  if (unpacked()) {
    // Another process of the same version unpacked it meanwhile.
    removeEntry(unpacking);
  } else {
    removeEntry(target);
    renameSync(unpacking, target);
  }
  return unpacked()
    ? { directory }
    : { missing: `the portal archive in this binary has no server.js at ${serverInArchive}` };
}
