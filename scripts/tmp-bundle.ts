// temporary: bundle the binary's entry without compiling, to inspect what start-up evaluates
import { join } from 'node:path';
const root = join(import.meta.dir, '..');
await Bun.write('/tmp/mem2/bundle/entry.ts', `import { runBinary } from ${JSON.stringify(join(root, 'apps/api/src/binary.ts'))};\nprocess.exit(await runBinary({ carrier: '/proc/self/exe', hash: 'x' }));\n`);
const b = await Bun.build({ entrypoints: ['/tmp/mem2/bundle/entry.ts'], target: 'bun', outdir: '/tmp/mem2/bundle/out', external: [] , loader: { '.ttf': 'file' } });
console.log(b.success, b.logs.slice(0, 5));
