/**
 * The portal's production build: `next build` writes a standalone server (`.next/standalone`), and
 * this completes it with the static assets Next leaves out, so that the folder
 * `.next/standalone/apps/admin` runs on its own (`bun server.js`). The API starts it from there,
 * and the single binary carries it.
 *
 *   bun scripts/portal-build.ts complete   copy the assets into the standalone folder (after next build)
 *   bun scripts/portal-build.ts ensure     build unless the build on disk comes from the same sources
 *
 * Plain Node APIs only: Playwright (under Node) imports it too.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const adminDirectory = join(repositoryRoot, 'apps', 'admin');
/** Everything the standalone server needs, laid out as in the repository (Next keeps the monorepo's shape). */
export const standaloneDirectory = join(adminDirectory, '.next', 'standalone');
/** Where `server.js` is, inside the standalone folder. */
export const standaloneServerPath = join('apps', 'admin');
const sourceHashMarker = join(adminDirectory, '.next', 'latchkey-source-hash');

function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '.next' ? [] : filesUnder(path);
    return [path];
  });
}

/** A hash of everything the portal build reads from this repository. */
export function portalSourceHash(): string {
  const hash = createHash('sha256');
  const roots = [
    'apps/admin/app',
    'apps/admin/components',
    'apps/admin/lib',
    'apps/admin/public',
    'packages/i18n/src',
    'packages/types/src',
  ].map((path) => join(repositoryRoot, path));
  const singles = [
    'apps/admin/proxy.ts',
    'apps/admin/next.config.ts',
    'apps/admin/package.json',
    'apps/admin/tsconfig.json',
    'packages/i18n/package.json',
    'packages/types/package.json',
    'scripts/portal-build.ts',
  ].map((path) => join(repositoryRoot, path));
  for (const file of [...roots.flatMap(filesUnder), ...singles.filter(existsSync)].sort()) {
    hash.update(relative(repositoryRoot, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** True when the standalone server and its assets are on disk. */
export function isStandaloneComplete(): boolean {
  const server = join(standaloneDirectory, standaloneServerPath);
  return existsSync(join(server, 'server.js')) && existsSync(join(server, '.next', 'static'));
}

/** Copies what `next build` leaves out of the standalone folder: the browser assets (and public/). */
export function completeStandalone(): void {
  const server = join(standaloneDirectory, standaloneServerPath);
  if (!existsSync(join(server, 'server.js')))
    throw new Error(`no standalone server at ${server}: is output: 'standalone' set in next.config.ts?`);
  rmSync(join(server, '.next', 'static'), { recursive: true, force: true });
  cpSync(join(adminDirectory, '.next', 'static'), join(server, '.next', 'static'), { recursive: true });
  if (existsSync(join(adminDirectory, 'public'))) {
    rmSync(join(server, 'public'), { recursive: true, force: true });
    cpSync(join(adminDirectory, 'public'), join(server, 'public'), { recursive: true });
  }
}

/** Builds apps/admin (next build + complete) unless the build on disk was made from the same sources. */
export function ensurePortalBuilt(): { built: boolean; seconds: number } {
  const expected = portalSourceHash();
  if (isStandaloneComplete() && existsSync(sourceHashMarker) && readFileSync(sourceHashMarker, 'utf8') === expected)
    return { built: false, seconds: 0 };
  const started = Date.now();
  const build = spawnSync('bun', ['run', 'build'], {
    cwd: adminDirectory,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error(`building the portal failed (exit ${build.status})`);
  if (!isStandaloneComplete()) completeStandalone();
  writeFileSync(sourceHashMarker, expected);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = process.argv[2];
  if (command === 'complete') completeStandalone();
  else if (command === 'ensure') {
    const { built, seconds } = ensurePortalBuilt();
    console.log(built ? `portal built in ${seconds.toFixed(1)} s` : 'portal build is up to date');
  } else {
    console.error('usage: bun scripts/portal-build.ts complete|ensure');
    process.exit(2);
  }
}
