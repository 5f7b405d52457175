#!/usr/bin/env node
// The two quick-start commands, for a machine that has only Node.js and npm:
//   npm start   installs Bun and the dependencies if missing, then starts Latchkey
//   npm test    the same installs, then runs the whole test suite
// Plain Node (no dependencies) so that it runs before anything is installed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUN_VERSION = '1.4.5';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const localBun = join(root, '.tools', 'node_modules', '.bin', 'bun');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' };

function bunVersion(command) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function ensureBun() {
  if (bunVersion('bun') === BUN_VERSION) return 'bun';
  if (existsSync(localBun) && bunVersion(localBun) === BUN_VERSION) return localBun;
  console.error(`Installing Bun ${BUN_VERSION} from npm into .tools/ ...`);
  // Bun's package fetches its binary in an install script; allow that one script explicitly.
  mkdirSync(join(root, '.tools'), { recursive: true });
  writeFileSync(
    join(root, '.tools', 'package.json'),
    `${JSON.stringify({ private: true, allowScripts: { bun: true } })}\n`,
  );
  execFileSync(
    'npm',
    ['install', '--prefix', join(root, '.tools'), '--no-audit', '--no-fund', '--save-exact', `bun@${BUN_VERSION}`],
    {
      stdio: 'inherit',
      env,
    },
  );
  return localBun;
}

function run(bun, args, options = {}) {
  const result = spawnSync(bun, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const command = process.argv[2];
const bun = ensureBun();
env.PATH = `${dirname(bun === 'bun' ? execFileSync('which', ['bun'], { encoding: 'utf8' }).trim() : bun)}:${env.PATH}`;
run(bun, ['install', '--frozen-lockfile']);

if (command === 'start') {
  // The portal runs from its standalone build (apps/admin/.next/standalone).
  const portalServer = join(root, 'apps', 'admin', '.next', 'standalone', 'apps', 'admin');
  if (
    existsSync(join(root, 'apps', 'admin', 'package.json')) &&
    !(existsSync(join(portalServer, 'server.js')) && existsSync(join(portalServer, '.next', 'static')))
  ) {
    run(bun, ['run', '--cwd', 'apps/admin', 'build']);
  }
  const child = spawn(bun, ['apps/api/src/index.ts', ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else if (command === 'test') {
  run(bun, ['scripts/test.ts', ...process.argv.slice(3)]);
} else {
  console.error('usage: node scripts/quickstart.mjs start|test');
  process.exit(2);
}
