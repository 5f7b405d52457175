/**
 * Client-credentials token endpoint: Latchkey against panva's oidc-provider, RS256 and ES256.
 * Each server is pinned to core 0 (taskset), wrk to core 1; loopback, no TLS, request logs off in
 * both; the raw signing rate of each key type on core 0 is the ceiling. The machine may be shared,
 * so every figure is also taken per CPU-second of the measured process (its rate on a core of its
 * own), and the servers and the signing loop are measured in alternating rounds.
 *   bun bench/token-endpoint/run.ts [--seconds 3] [--rounds 7] [--alg ES256|RS256] [--server latchkey|oidc-provider]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startLatchkeyProcess } from '../lib/latchkey-process.ts';
import { seedBenchApplication } from './seed.ts';

const here = import.meta.dir;
const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const seconds = Number(option('seconds') ?? 3);
const ROUNDS = Number(option('rounds') ?? 7);
const algorithms = (option('alg') ? [option('alg')] : ['ES256', 'RS256']) as ('RS256' | 'ES256')[];
const servers = option('server') ? [option('server')] : ['latchkey', 'oidc-provider'];
const SERVER_CORE = '0';
const LOAD_CORE = '1';

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
  const child = Bun.spawn(command, {
    env: { ...(process.env as Record<string, string>), ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [out, err] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  if ((await child.exited) !== 0) throw new Error(`${command.join(' ')} failed:\n${out}${err}`);
  return out;
}

/** CPU seconds (user + system, every thread) a process has used so far, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await Bun.file(`/proc/${pid}/stat`).text()).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Measurement {
  /** Requests per second of wall time. */
  perSecond: number;
  /** Requests per CPU-second of the server: its rate on a core of its own, whatever else the machine runs. */
  perCpuSecond: number;
}

/** wrk on the load core against a server process; fails on any non-2xx answer. */
async function load(url: string, authorization: string, duration: number, serverPid: number): Promise<Measurement> {
  const cpuBefore = await cpuSeconds(serverPid);
  const output = await run(
    ['taskset', '-c', LOAD_CORE, 'wrk', '-t1', '-c64', `-d${duration}s`, '-s', join(here, 'post.lua'), url],
    { BENCH_AUTHORIZATION: authorization },
  );
  const cpu = (await cpuSeconds(serverPid)) - cpuBefore;
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (non2xx) throw new Error(`${non2xx[1]} failed responses from ${url}:\n${output}`);
  const requests = Number(/(\d+) requests in/.exec(output)![1]);
  return { perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)![1]), perCpuSecond: requests / cpu };
}

async function checkToken(url: string, authorization: string) {
  const response = await fetch(url, {
    method: 'POST',
    body: 'grant_type=client_credentials&scope=read',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token)
    throw new Error(`token request to ${url} failed: ${response.status} ${JSON.stringify(body)}`);
  return JSON.parse(Buffer.from(body.access_token.split('.')[0]!, 'base64url').toString()).alg as string;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A server under test, started on the server core and ready for token requests. */
interface RunningServer {
  name: string;
  pid: number;
  url: string;
  authorization: string;
  stop(): Promise<void>;
}

async function startLatchkey(alg: 'RS256' | 'ES256'): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  let server: Awaited<ReturnType<typeof startLatchkeyProcess>>;
  try {
    server = await startLatchkeyProcess(dataDir, {
      prefix: ['taskset', '-c', SERVER_CORE],
      env: { LATCHKEY_ADMIN_PASSWORD: 'benchmark-admin-password', LATCHKEY_SIGNIN_RATE_LIMIT: '1000000000' },
    });
  } catch (error) {
    removeData();
    throw error;
  }
  const stop = async () => {
    await server.stop();
    removeData();
  };
  try {
    const { clientId, clientSecret } = await seedBenchApplication(dataDir, alg);
    const url = `${server.url}/api/login/oauth/access_token`;
    const authorization = basic(clientId, clientSecret);
    if ((await checkToken(url, authorization)) !== alg) throw new Error(`Latchkey did not sign with ${alg}`);
    return { name: 'Latchkey', pid: server.pid, url, authorization, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startOidcProvider(alg: 'RS256' | 'ES256'): Promise<RunningServer> {
  const port = freePort();
  const clientId = 'bench-client';
  const clientSecret = 'bench-client-secret-0123456789abcdef';
  const server = Bun.spawn(
    [
      'taskset',
      '-c',
      SERVER_CORE,
      'node',
      join(here, 'oidc-provider-server.mjs'),
      String(port),
      alg,
      clientId,
      clientSecret,
    ],
    {
      cwd: here,
      env: { ...(process.env as Record<string, string>), NODE_ENV: 'production' },
      stdout: 'ignore',
      stderr: 'ignore',
    },
  );
  const stop = async () => {
    server.kill();
    await server.exited;
  };
  try {
    const url = `http://127.0.0.1:${port}/token`;
    await waitFor(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
    const authorization = basic(clientId, clientSecret);
    if ((await checkToken(url, authorization)) !== alg) throw new Error(`oidc-provider did not sign with ${alg}`);
    return { name: 'oidc-provider', pid: server.pid, url, authorization, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Comparison {
  servers: Map<string, Measurement>;
  /** Raw signatures per CPU-second under Bun and Node on the server core. */
  bunSigning: number;
  nodeSigning: number;
}

/**
 * Both servers run side by side on the server core (only the one under load does work) and are
 * measured in alternating rounds, each round also measuring the raw signing rate, so that whatever
 * else the machine does falls on all of them alike; the result is the median round of each.
 */
async function compare(alg: 'RS256' | 'ES256', servers: RunningServer[]): Promise<Comparison> {
  for (const server of servers) await load(server.url, server.authorization, 2, server.pid);
  const rounds = new Map<string, Measurement[]>(servers.map((server) => [server.name, []]));
  const bunSigning: number[] = [];
  const nodeSigning: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of servers)
      rounds.get(server.name)!.push(await load(server.url, server.authorization, seconds, server.pid));
    bunSigning.push(await signRate('bun', alg));
    nodeSigning.push(await signRate('node', alg));
  }
  const result = new Map<string, Measurement>();
  for (const [name, measurements] of rounds) {
    result.set(name, {
      perSecond: median(measurements.map((m) => m.perSecond)),
      perCpuSecond: median(measurements.map((m) => m.perCpuSecond)),
    });
  }
  return { servers: result, bunSigning: median(bunSigning), nodeSigning: median(nodeSigning) };
}

/** Signatures per CPU-second of one key type on the server core. */
async function signRate(runtime: 'bun' | 'node', alg: string): Promise<number> {
  const output = await run(['taskset', '-c', SERVER_CORE, runtime, join(here, 'sign-rate.mjs'), alg, '1.5']);
  return JSON.parse(output).perCpuSecond;
}

const missing: Measurement = { perSecond: NaN, perCpuSecond: NaN };
const rows: string[] = [];
for (const alg of algorithms) {
  const running: RunningServer[] = [];
  let comparison: Comparison;
  try {
    if (servers.includes('latchkey')) running.push(await startLatchkey(alg));
    if (servers.includes('oidc-provider')) running.push(await startOidcProvider(alg));
    comparison = await compare(alg, running);
  } finally {
    for (const server of running) await server.stop();
  }
  const latchkey = comparison.servers.get('Latchkey') ?? missing;
  const peer = comparison.servers.get('oidc-provider') ?? missing;
  const bunSign = comparison.bunSigning;
  const nodeSign = comparison.nodeSigning;
  const round = (value: number) => Math.round(value);
  rows.push(
    `| ${alg} | ${round(latchkey.perCpuSecond)} (${round(latchkey.perSecond)}) | ${round(peer.perCpuSecond)} (${round(peer.perSecond)}) | ${(latchkey.perCpuSecond / peer.perCpuSecond).toFixed(2)}× | ${round(bunSign)} | ${((latchkey.perCpuSecond / bunSign) * 100).toFixed(0)} % | ${round(nodeSign)} |`,
  );
}
console.log(
  `\nclient_credentials, server on core ${SERVER_CORE}, wrk -t1 -c64 on core ${LOAD_CORE}, median of ${ROUNDS} alternating rounds of ${seconds} s`,
);
console.log(
  'requests per CPU-second of the server (requests per wall-clock second in brackets); signatures per CPU-second\n',
);
console.log(
  '| key | Latchkey | oidc-provider | Latchkey / oidc-provider | raw signing, Bun | Latchkey / raw signing | raw signing, Node |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
