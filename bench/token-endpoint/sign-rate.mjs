/**
 * The raw JWS signing rate of one key on the current core: node:crypto sign() over a signing input
 * the size of a client-credentials access token, nothing else. Runs under Bun and under Node.
 * Reports signatures per second of wall time and per CPU-second.
 *   taskset -c 0 bun sign-rate.mjs RS256 3
 */
import { generateKeyPairSync, sign } from 'node:crypto';

const alg = process.argv[2] === 'ES256' ? 'ES256' : 'RS256';
const seconds = Number(process.argv[3] ?? 3);
const { privateKey } =
  alg === 'ES256'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey;
const input = Buffer.from('x'.repeat(620));

for (let i = 0; i < 200; i++) sign('sha256', input, key);
let count = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
while (performance.now() < started + seconds * 1000) {
  for (let i = 0; i < 20; i++) sign('sha256', input, key);
  count += 20;
}
const cpu = process.cpuUsage(cpuBefore);
const wall = (performance.now() - started) / 1000;
const runtime = typeof Bun === 'undefined' ? `node ${process.version}` : `bun ${Bun.version}`;
// Per CPU-second: the rate on a core of its own, even when the machine is shared.
console.log(
  JSON.stringify({
    alg,
    runtime,
    perSecond: Math.round(count / wall),
    perCpuSecond: Math.round(count / ((cpu.user + cpu.system) / 1e6)),
  }),
);
