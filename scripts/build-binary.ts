/**
 * Builds the single executable `dist/latchkey` (linux-x64): the API, its migrations and the portal's
 * standalone Next.js server (a tar.gz appended to the executable, unpacked into the data folder at
 * the first start and run on a worker thread of the binary's own process). Nothing else is needed
 * to run it.
 *
 *   bun run build:binary              build (the portal too when its sources changed), or nothing
 *                                     when dist/latchkey was built from the same sources
 *   bun run build:binary --force      build even so
 *   bun run build:binary --baseline   for x64 processors without AVX2 (before about 2013)
 *   bun run build:binary --outfile path
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { portalArchiveHash, portalArchiveTrailer } from '../apps/api/src/server/portal-archive.ts';
import { ensurePortalBuilt, portalSourceHash, repositoryRoot, standaloneDirectory } from './portal-build.ts';

const distDirectory = join(repositoryRoot, 'dist');
const workDirectory = join(distDirectory, '.binary');
export const defaultBinaryPath = join(distDirectory, 'latchkey');

function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path);
    return entry.name.endsWith('.test.ts') ? [] : [path];
  });
}

/**
 * svg-captcha reads its font from a path next to its own source at load time, which a binary run
 * on another machine does not have: the font is embedded in the binary instead, and the library
 * is given the embedded file's path.
 */
const embeddedCaptchaFont: import('bun').BunPlugin = {
  name: 'embedded-captcha-font',
  setup(build) {
    build.onLoad({ filter: /svg-captcha[\\/]lib[\\/]option-manager\.js$/ }, async (args) => {
      const source = await Bun.file(args.path).text();
      const fontPath = "path.join(__dirname, '../fonts/Comismsh.ttf')";
      if (!source.includes(fontPath)) throw new Error(`svg-captcha no longer loads its font as ${fontPath}`);
      return { contents: source.replace(fontPath, "require('../fonts/Comismsh.ttf')"), loader: 'js' };
    });
  },
};

/**
 * The compiled binary stores the bundle as Latin-1 text when every character of it is ASCII, and
 * as UTF-16 (twice the size, all of it read at start-up) when one is not. Bun escapes non-ASCII
 * characters in strings but keeps licence comments as they are, so the few of those that name
 * someone with an accented name are escaped here.
 */
const asciiLicenceComments: import('bun').BunPlugin = {
  name: 'ascii-licence-comments',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
      const source = await Bun.file(args.path).text();
      if (!/[\u0080-\uffff]/.test(source)) return undefined;
      const escaped = source.replace(/\/\/![^\n]*|\/\*![\s\S]*?\*\//g, (comment) =>
        comment.replace(
          /[\u0080-\uffff]/g,
          (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
        ),
      );
      return escaped === source ? undefined : { contents: escaped, loader: 'js' };
    });
  },
};

/** A hash of everything that goes into the binary; the same hash means the binary on disk is current. */
function inputsHash(): string {
  const hash = createHash('sha256');
  hash.update(portalSourceHash());
  const sources = [
    'apps/api/src',
    ...readdirSync(join(repositoryRoot, 'packages')).map((name) => `packages/${name}/src`),
  ].flatMap((path) => filesUnder(join(repositoryRoot, path)));
  const singles = ['apps/api/package.json', 'bun.lock', 'scripts/build-binary.ts'].map((path) =>
    join(repositoryRoot, path),
  );
  for (const file of [...sources, ...singles].sort()) {
    hash.update(relative(repositoryRoot, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function run(command: string[], cwd = repositoryRoot): void {
  const result = Bun.spawnSync(command, {
    cwd,
    stdout: 'inherit',
    stderr: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.exitCode !== 0) throw new Error(`${command.join(' ')} failed with exit code ${result.exitCode}`);
}

export interface BinaryBuild {
  path: string;
  /** False when the binary on disk was already built from the same sources. */
  built: boolean;
  seconds: number;
  bytes: number;
}

/** Builds the binary unless it is current; answers where it is. */
export async function buildBinary(
  options: { outfile?: string; force?: boolean; baseline?: boolean } = {},
): Promise<BinaryBuild> {
  const started = performance.now();
  const outfile = options.outfile ?? defaultBinaryPath;
  const stamp = `${outfile}.inputs`;
  // The portal first: its build is what the hash below must describe.
  ensurePortalBuilt();
  const target = options.baseline ? 'bun-linux-x64-baseline' : 'bun-linux-x64';
  const inputs = `${inputsHash()} ${target}`;
  if (!options.force && existsSync(outfile) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
    return {
      path: outfile,
      built: false,
      seconds: (performance.now() - started) / 1000,
      bytes: statSync(outfile).size,
    };
  }
  rmSync(workDirectory, { recursive: true, force: true });
  mkdirSync(workDirectory, { recursive: true });

  // The standalone folder as a reproducible tar.gz (sorted, no times or owners), symbolic links kept.
  const archive = join(workDirectory, 'portal.tar.gz');
  run([
    'tar',
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--use-compress-program=gzip -n -6',
    '-cf',
    archive,
    '-C',
    standaloneDirectory,
    '.',
  ]);
  const archiveBytes = readFileSync(archive);

  const entry = join(workDirectory, 'entry.ts');
  writeFileSync(
    entry,
    [
      '// Generated by scripts/build-binary.ts.',
      `import { runBinary } from ${JSON.stringify(join(repositoryRoot, 'apps/api/src/binary.ts'))};`,
      '',
      `process.exit(await runBinary({ carrier: '/proc/self/exe', hash: ${JSON.stringify(portalArchiveHash(archiveBytes))} }));`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(outfile, '..'), { recursive: true });
  const build = await Bun.build({
    entrypoints: [entry],
    // The console's Next.js server is loaded from the unpacked folder at run time, which needs the
    // packages' package.json files read as a script run by Bun would.
    compile: { target, outfile, autoloadPackageJson: true },
    plugins: [embeddedCaptchaFont, asciiLicenceComments],
  });
  if (!build.success) throw new Error(`bun build failed:\n${build.logs.join('\n')}`);
  if (readFileSync(outfile).includes(Buffer.from('// @bun\n', 'utf16le')))
    throw new Error('the bundle holds a character outside ASCII and is stored as UTF-16: find it and escape it');
  // The portal after everything Bun wrote, read back by apps/api/src/server/portal-archive.ts.
  appendFileSync(outfile, archiveBytes);
  appendFileSync(outfile, portalArchiveTrailer(archiveBytes.length));
  writeFileSync(stamp, inputs);
  rmSync(workDirectory, { recursive: true, force: true });
  return { path: outfile, built: true, seconds: (performance.now() - started) / 1000, bytes: statSync(outfile).size };
}

if (import.meta.main) {
  const outfileAt = process.argv.indexOf('--outfile');
  const result = await buildBinary({
    force: process.argv.includes('--force'),
    baseline: process.argv.includes('--baseline'),
    outfile: outfileAt > 0 ? process.argv[outfileAt + 1] : undefined,
  });
  const size = `${(result.bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    result.built
      ? `built ${relative(process.cwd(), result.path)} (${size}) in ${result.seconds.toFixed(1)} s`
      : `${relative(process.cwd(), result.path)} (${size}) is up to date`,
  );
}
