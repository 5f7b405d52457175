import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';

/**
 * Where the portal's standalone Next.js server (`server.js`) is: in the source tree after
 * `bun run --cwd apps/admin build`, or, in the single binary, in the archive the binary carries,
 * unpacked once into the data folder.
 */
export interface EmbeddedPortal {
  /** Path of the tar.gz inside the binary (`with { type: 'file' }`). */
  archive: string;
  /** Hash of the archive: the folder it is unpacked to, so that an upgrade never runs an old copy. */
  hash: string;
}

/** The standalone build in the source tree (see scripts/portal-build.ts). */
export const sourcePortalServer = join(import.meta.dir, '..', '..', '..', 'admin', '.next', 'standalone', 'apps', 'admin');
/** Inside the archive (and the standalone folder), where server.js is. */
const serverInArchive = join('apps', 'admin');

let embedded: EmbeddedPortal | undefined;

/** Called by the binary's entry before anything starts. */
export function useEmbeddedPortal(portal: EmbeddedPortal | undefined): void {
  embedded = portal;
}

export const isPortalServer = (directory: string) => existsSync(join(directory, 'server.js')) && existsSync(join(directory, '.next', 'static'));

export type PortalServerLocation = { directory: string } | { missing: string };

/**
 * The folder to run the portal from. A binary unpacks its archive into
 * `<data folder>/portal/<hash>` the first time (into a temporary folder, then renamed, so that a
 * start that is interrupted never leaves half a portal), and removes the copies of other versions.
 */
export async function locatePortalServer(config: Pick<Config, 'dataDir'>): Promise<PortalServerLocation> {
  if (!embedded) {
    return isPortalServer(sourcePortalServer) ? { directory: sourcePortalServer } : { missing: 'the portal is not built; build it with: bun run --cwd apps/admin build' };
  }
  const cache = join(config.dataDir, 'portal');
  const target = join(cache, embedded.hash);
  const directory = join(target, serverInArchive);
  if (isPortalServer(directory)) return { directory };
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(cache)) if (entry !== embedded.hash) rmSync(join(cache, entry), { recursive: true, force: true });
  const unpacking = join(cache, `.unpacking-${process.pid}`);
  rmSync(unpacking, { recursive: true, force: true });
  const archive = new Bun.Archive(await Bun.file(embedded.archive).arrayBuffer());
  await archive.extract(unpacking);
  if (isPortalServer(directory)) {
    // Another process of the same version unpacked it meanwhile.
    rmSync(unpacking, { recursive: true, force: true });
  } else {
    rmSync(target, { recursive: true, force: true });
    renameSync(unpacking, target);
  }
  return isPortalServer(directory) ? { directory } : { missing: `the portal archive in this binary has no server.js at ${serverInArchive}` };
}
