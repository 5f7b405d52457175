/**
 * Client-credentials token endpoint: Latchkey against panva's oidc-provider, RS256 and ES256.
 * Each server is pinned to core 0 (taskset), wrk to core 1; loopback, no TLS, request logs off in
 * both. Also measures the raw signing rate of each key type on core 0 as the ceiling.
 *   bun bench/token-endpoint/run.ts [--seconds 10] [--alg ES256|RS256] [--server latchkey|oidc-provider]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedBenchApplication } from './seed.ts';

const here = import.meta.dir;
const root = join(here, '..', '..');
const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const seconds = Number(option('seconds') ?? 10);
const algorithms = (option('alg') ? [option('alg')] : ['ES256', 'RS256']) as ('RS256' | 'ES256')[];
const servers = option('server') ? [option('server')] : ['latchkey', 'oidc-provider'];
const SERVER_CORE = '0';
const LOAD_CORE = '1';

function freePort(): number {
  const server = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
}

async function waitFor(url: string, init?: RequestInit) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(url, init);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await Bun.sleep(100);
  }
}

async function run(command: string[], env: Record<string, string> = {}): Promise<string> {
  const child = Bun.spawn(command, { env: { ...(process.env as Record<string, string>), ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [out, err] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  if ((await child.exited) !== 0) throw new Error(`${command.join(' ')} failed:\n${out}${err}`);
  return out;
}

/** wrk on the load core; answers requests/s and fails on any non-2xx answer. */
async function load(url: string, authorization: string, duration: number): Promise<number> {
  const output = await run(['taskset', '-c', LOAD_CORE, 'wrk', '-t1', '-c64', `-d${duration}s`, '-s', join(here, 'post.lua'), url], { BENCH_AUTHORIZATION: authorization });
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (non2xx) throw new Error(`${non2xx[1]} failed responses from ${url}:\n${output}`);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(output)![1]);
}

async function checkToken(url: string, authorization: string) {
  const response = await fetch(url, { method: 'POST', body: 'grant_type=client_credentials&scope=read', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization } });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) throw new Error(`token request to ${url} failed: ${response.status} ${JSON.stringify(body)}`);
  return JSON.parse(Buffer.from(body.access_token.split('.')[0]!, 'base64url').toString()).alg as string;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function benchLatchkey(alg: 'RS256' | 'ES256') {
  const port = freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  const server = Bun.spawn(['taskset', '-c', SERVER_CORE, 'bun', join(root, 'apps/api/src/index.ts')], {
    cwd: dataDir,
    env: {
      ...(process.env as Record<string, string>),
      LATCHKEY_HOST: '127.0.0.1',
      LATCHKEY_PORT: String(port),
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_ORIGIN: `http://127.0.0.1:${port}`,
      LATCHKEY_ADMIN_PASSWORD: 'benchmark-admin-password',
      LATCHKEY_PORTAL: 'false',
      LATCHKEY_LOG_LEVEL: 'warn',
      LATCHKEY_SIGNIN_RATE_LIMIT: '1000000000',
    },
    stdout: 'ignore',
    stderr: 'inherit',
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`);
    const { clientId, clientSecret } = await seedBenchApplication(dataDir, alg);
    const url = `http://127.0.0.1:${port}/api/login/oauth/access_token`;
    const authorization = basic(clientId, clientSecret);
    if ((await checkToken(url, authorization)) !== alg) throw new Error(`Latchkey did not sign with ${alg}`);
    await load(url, authorization, 3);
    return await load(url, authorization, seconds);
  } finally {
    server.kill();
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchOidcProvider(alg: 'RS256' | 'ES256') {
  const port = freePort();
  const clientId = 'bench-client';
  const clientSecret = 'bench-client-secret-0123456789abcdef';
  const server = Bun.spawn(['taskset', '-c', SERVER_CORE, 'node', join(here, 'oidc-provider-server.mjs'), String(port), alg, clientId, clientSecret], {
    cwd: here,
    env: { ...(process.env as Record<string, string>), NODE_ENV: 'production' },
    stdout: 'ignore',
    stderr: 'inherit',
  });
  try {
    const url = `http://127.0.0.1:${port}/token`;
    await waitFor(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
    const authorization = basic(clientId, clientSecret);
    if ((await checkToken(url, authorization)) !== alg) throw new Error(`oidc-provider did not sign with ${alg}`);
    await load(url, authorization, 3);
    return await load(url, authorization, seconds);
  } finally {
    server.kill();
    await server.exited;
  }
}

async function signRate(runtime: 'bun' | 'node', alg: string): Promise<number> {
  const output = await run(['taskset', '-c', SERVER_CORE, runtime, join(here, 'sign-rate.mjs'), alg, '3']);
  return JSON.parse(output).perSecond;
}

const rows: string[] = [];
for (const alg of algorithms) {
  const bunSign = await signRate('bun', alg);
  const nodeSign = await signRate('node', alg);
  const latchkey = servers.includes('latchkey') ? await benchLatchkey(alg) : NaN;
  const peer = servers.includes('oidc-provider') ? await benchOidcProvider(alg) : NaN;
  rows.push(
    `| ${alg} | ${Math.round(latchkey)} | ${Math.round(peer)} | ${(latchkey / peer).toFixed(2)}× | ${bunSign} | ${((latchkey / bunSign) * 100).toFixed(0)} % | ${nodeSign} |`,
  );
}
console.log(`\nclient_credentials, one core each, wrk -t1 -c64 -d${seconds}s\n`);
console.log('| key | Latchkey req/s | oidc-provider req/s | ratio | raw signing/s, Bun (one core) | Latchkey / raw signing | raw signing/s, Node (one core) |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
