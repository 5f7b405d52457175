/** Type-checks every workspace package that has a tsconfig.json; fails when any has an error. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dir, '..');
const packages = ['apps', 'packages']
  .flatMap((folder) => readdirSync(join(root, folder)).map((name) => join(folder, name)))
  .concat(['e2e'])
  .filter((dir) => existsSync(join(root, dir, 'tsconfig.json')));

let failures = 0;
for (const dir of packages) {
  const child = Bun.spawnSync([join(root, 'node_modules/.bin/tsc'), '--noEmit', '-p', '.'], {
    cwd: join(root, dir),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const output = `${child.stdout.toString()}${child.stderr.toString()}`.trim();
  if (child.exitCode === 0) console.log(`typecheck ${dir}: ok`);
  else {
    failures++;
    console.log(`typecheck ${dir}: FAILED\n${output}`);
  }
}
process.exit(failures > 0 ? 1 : 0);
