/**
 * Profiles the server under one request at a time: starts Latchkey under `bun --cpu-prof` pinned to
 * core 0, loads it with wrk on core 1 (as bench/table.ts does), stops it and prints where the CPU
 * time of the loaded window went (bench/lib/cpu-profile.ts).
 *
 *   bun bench/profile.ts [--only health,userinfo,account,token,token-rs256] [--seconds 5] [--top 20]
 *
 * Requests: `health` (GET /api/health), `userinfo` (GET /api/userinfo with a user's bearer token,
 * ES256), `account` (GET /api/get-account with the same token), `token` (client_credentials,
 * ES256, HTTP Basic), `token-rs256` (the same with an RS256-2048 cert). Each gets a fresh server and data folder;
 * the profiles are written to bench/results/profiles/<request>.cpuprofile (not committed).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSummary, readProfile, summarizeProfile } from './lib/cpu-profile.ts';
import { startLatchkeyProcess } from './lib/latchkey-process.ts';
import { type LoadRequest, load } from './lib/wrk.ts';
import { BENCH_USER, seedBenchApplication } from './token-endpoint/seed.ts';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const seconds = Number(option('seconds') ?? 5);
const top = Number(option('top') ?? 20);
const only = (option('only') ?? 'health,userinfo,account,token').split(',');
const profiles = join(import.meta.dir, 'results', 'profiles');
mkdirSync(profiles, { recursive: true });

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function profileRequest(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-profile-'));
  const spawnedAt = performance.now();
  const server = await startLatchkeyProcess(dataDir, {
    prefix: ['taskset', '-c', '0'],
    bunFlags: ['--cpu-prof', `--cpu-prof-dir=${profiles}`, `--cpu-prof-name=${name}.cpuprofile`],
    env: { LATCHKEY_SIGNIN_RATE_LIMIT: '1000000000', LATCHKEY_CLIENT_FAILURE_LIMIT: '1000000000' },
  });
  try {
    const { clientId, clientSecret } = await seedBenchApplication(dataDir, name === 'token-rs256' ? 'RS256' : 'ES256');
    const tokenUrl = `${server.url}/api/login/oauth/access_token`;
    let request: LoadRequest;
    if (name === 'health') request = { url: `${server.url}/api/health` };
    else if (name === 'token' || name === 'token-rs256')
      request = {
        url: tokenUrl,
        method: 'POST',
        headers: { ...form, Authorization: basic(clientId, clientSecret) },
        body: 'grant_type=client_credentials&scope=read',
      };
    else {
      const answer = await fetch(tokenUrl, {
        method: 'POST',
        headers: { ...form, authorization: basic(clientId, clientSecret) },
        body: new URLSearchParams({
          grant_type: 'password',
          username: BENCH_USER.name,
          password: BENCH_USER.password,
          scope: 'openid profile email',
        }),
      });
      const { access_token: token } = (await answer.json()) as { access_token?: string };
      if (!token) throw new Error('no user token');
      const path = name === 'account' ? '/api/get-account' : '/api/userinfo';
      request = { url: `${server.url}${path}`, headers: { Authorization: `Bearer ${token}` } };
    }
    const options = { seconds: 1, connections: 50, core: '1', serverPid: server.pid };
    await load(request, options);
    const fromMs = performance.now() - spawnedAt;
    const measured = await load(request, { ...options, seconds });
    const toMs = performance.now() - spawnedAt;
    await server.stop();
    const summary = summarizeProfile(readProfile(join(profiles, `${name}.cpuprofile`)), { fromMs, toMs }, top);
    process.stdout.write(
      `${formatSummary(summary, `${name}: ${Math.round(measured.perSecond)} requests/s, ${Math.round(measured.perCpuSecond)} per CPU-second`)}\n`,
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const name of only) await profileRequest(name);
