/**
 * How far Latchkey's client-credentials request (ES256) is from its floor: the same request served
 * by floor-server.ts, which does only the work every such request needs on the same stack (Bun,
 * node:crypto, bun:sqlite, Latchkey's schema and codecs). Both pinned to core 0, wrk on core 1, a
 * warm-up each, then alternating rounds; prints each round and the medians, wall-clock first.
 *
 *   bun bench/token-endpoint/floor.ts [--seconds 3] [--rounds 9] [--warmup 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startLatchkeyProcess } from '../lib/latchkey-process.ts';
import { type LoadRequest, load, type Measurement, median, waitFor } from '../lib/wrk.ts';
import { seedBenchApplication } from './seed.ts';

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const seconds = option('seconds', 3);
const rounds = option('rounds', 9);
const warmup = option('warmup', 5);
const pinned = ['taskset', '-c', '0'];
const LOAD_CORE = '1';

const tokenRequest = (url: string, clientId: string, clientSecret: string): LoadRequest => ({
  url,
  method: 'POST',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
  },
  body: 'grant_type=client_credentials&scope=read',
});

const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-floor-bench-'));
const latchkey = await startLatchkeyProcess(dataDir, {
  prefix: pinned,
  env: { LATCHKEY_SIGNIN_RATE_LIMIT: '1000000000', LATCHKEY_CLIENT_FAILURE_LIMIT: '1000000000' },
});
const floorPort = freePort();
const floorClient = { id: 'bench-client', secret: 'bench-client-secret-0123456789abcdef' };
const floor = Bun.spawn(
  [...pinned, 'bun', join(import.meta.dir, 'floor-server.ts'), String(floorPort), floorClient.id, floorClient.secret],
  { stdout: 'ignore', stderr: 'inherit' },
);
try {
  const { clientId, clientSecret } = await seedBenchApplication(dataDir, 'ES256');
  await waitFor(`http://127.0.0.1:${floorPort}/`);
  const servers = [
    {
      name: 'Latchkey',
      pid: latchkey.pid,
      request: tokenRequest(`${latchkey.url}/api/login/oauth/access_token`, clientId, clientSecret),
    },
    {
      name: 'floor',
      pid: floor.pid,
      request: tokenRequest(`http://127.0.0.1:${floorPort}/`, floorClient.id, floorClient.secret),
    },
  ];
  const measure = (server: (typeof servers)[number], duration: number) =>
    load(server.request, { seconds: duration, connections: 50, core: LOAD_CORE, serverPid: server.pid });
  for (const server of servers) await measure(server, warmup);
  const results: Measurement[][] = servers.map(() => []);
  for (let round = 0; round < rounds; round++)
    for (const [index, server] of servers.entries()) results[index]!.push(await measure(server, seconds));
  const [ours, floors] = results as [Measurement[], Measurement[]];
  const microseconds = (m: Measurement) => (1e6 / m.perCpuSecond).toFixed(0);
  for (let round = 0; round < rounds; round++)
    process.stdout.write(
      `round ${round + 1}: Latchkey ${Math.round(ours[round]!.perSecond)}/s (${microseconds(ours[round]!)} µs of CPU a request), floor ${Math.round(floors[round]!.perSecond)}/s (${microseconds(floors[round]!)} µs)\n`,
    );
  const wallRatio = median(ours.map((m, round) => m.perSecond / floors[round]!.perSecond));
  const cpuRatio = median(ours.map((m, round) => m.perCpuSecond / floors[round]!.perCpuSecond));
  process.stdout.write(
    `Latchkey / floor, median of the rounds' ratios: ${wallRatio.toFixed(3)} wall-clock, ${cpuRatio.toFixed(3)} per CPU-second\n`,
  );
} finally {
  floor.kill();
  await floor.exited;
  await latchkey.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
