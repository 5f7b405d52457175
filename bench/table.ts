/**
 * Every row of the performance table in one run: Latchkey and its reference side by side, each
 * server pinned to core 0, wrk -t1 on core 1, measured in alternating rounds so that whatever else
 * the machine does falls on both alike. Wall-clock requests per second first, per CPU-second second.
 *
 *   bun bench/table.ts [--seconds 3] [--rounds 5] [--warmup 3] [--connections 50] [--binary dist/latchkey] [--no-search]
 *   bun bench/table.ts --memory [--binary dist/latchkey]     the memory row alone
 *   bun bench/table.ts --memory --later-start                the same on the binary's second start on its folder
 *   bun bench/table.ts --only health,get-account             those request rows alone (health, userinfo, get-account, es256, rs256)
 *
 * Rows: /api/health against a bare Elysia app; /api/userinfo against oidc-provider's /me with an
 * opaque token of its own; /api/get-account against the bare Elysia app; client_credentials ES256
 * against oidc-provider; client_credentials RS256-2048 against Bun's own RS256 signing rate; the
 * memory of the single binary (API and console) once both answered and a console page was loaded
 * (every process it runs summed); the cost of a substring search
 * on users at 100,000 against 1,000 (bench/users-list.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startLatchkeyProcess } from './lib/latchkey-process.ts';
import { type LoadRequest, load, type Measurement, median, run, waitFor } from './lib/wrk.ts';
import { BENCH_USER, seedBenchApplication } from './token-endpoint/seed.ts';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const seconds = Number(option('seconds') ?? 3);
const rounds = Number(option('rounds') ?? 5);
/** Seconds of load each server takes before the rounds, so that they measure the steady state (compiled code). */
const warmup = Number(option('warmup') ?? 3);
const connections = Number(option('connections') ?? 50);
const binary = option('binary') ?? join(import.meta.dir, '..', 'dist', 'latchkey');
const withSearch = !process.argv.includes('--no-search');
const onlyMemory = process.argv.includes('--memory');
const laterStart = process.argv.includes('--later-start');
/** `--only health,get-account`: those request rows alone (keys: health, userinfo, get-account, es256, rs256), no memory or search row. */
const onlyRows = option('only')?.split(',');
const SERVER_CORE = '0';
const LOAD_CORE = '1';
const pinned = ['taskset', '-c', SERVER_CORE];

interface Server {
  pid: number;
  stop(): Promise<void>;
}

const started: Server[] = [];
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** A Latchkey with an application signing with `alg`, its client's Basic credentials and a user's access token. */
async function startLatchkey(alg: 'ES256' | 'RS256') {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  const server = await startLatchkeyProcess(dataDir, {
    prefix: pinned,
    env: { LATCHKEY_SIGNIN_RATE_LIMIT: '1000000000', LATCHKEY_CLIENT_FAILURE_LIMIT: '1000000000' },
  });
  started.push({
    pid: server.pid,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  const { clientId, clientSecret } = await seedBenchApplication(dataDir, alg);
  const tokenUrl = `${server.url}/api/login/oauth/access_token`;
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
  const body = (await answer.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`Latchkey gave no user token: ${JSON.stringify(body)}`);
  return { ...server, tokenUrl, authorization: basic(clientId, clientSecret), userToken: body.access_token };
}

async function startPeer(command: string[], readyUrl: string, cwd: string) {
  const child = Bun.spawn([...pinned, ...command], {
    cwd,
    env: { ...(process.env as Record<string, string>), NODE_ENV: 'production' },
    stdout: 'pipe',
    stderr: 'ignore',
  });
  started.push({
    pid: child.pid,
    async stop() {
      child.kill();
      await child.exited;
    },
  });
  await waitFor(readyUrl);
  return { pid: child.pid, stdout: child.stdout };
}

/** The token a peer printed as `TOKEN <value>`. */
async function printedToken(stdout: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stdout.getReader();
  let text = '';
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
    const match = /^TOKEN (\S+)$/m.exec(text);
    if (match) return match[1]!;
  }
  throw new Error(`the peer printed no token:\n${text}`);
}

/** Resident memory (kB) of each process in the tree under `root` (the root first). */
function treeRss(root: number): { pid: number; kb: number }[] {
  const parents = new Map<number, number>();
  for (const entry of new Bun.Glob('[0-9]*').scanSync({ cwd: '/proc', onlyFiles: false })) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.split(') ')[1]!.split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, parent] of parents) if (parent === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree.map((pid) => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return { pid, kb: Number(match?.[1] ?? 0) };
    } catch {
      return { pid, kb: 0 }; // ended
    }
  });
}

/** Starts the binary on `dataDir` and waits until the API and the console's sign-in page answer. */
async function startBinary(dataDir: string) {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = Bun.spawn([binary], {
    cwd: dataDir,
    env: {
      ...(process.env as Record<string, string>),
      LATCHKEY_HOST: '127.0.0.1',
      LATCHKEY_PORT: String(port),
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_ORIGIN: url,
      LATCHKEY_ADMIN_PASSWORD: 'bench-admin-password',
      LATCHKEY_LOG_LEVEL: 'warn',
    },
    stdout: 'ignore',
    stderr: 'inherit',
  });
  try {
    await waitFor(`${url}/api/health`);
    // The console answers 503 from the API until Next.js is up; waitFor waits for a status below 500.
    await waitFor(`${url}/login`);
  } catch (error) {
    child.kill('SIGTERM');
    await child.exited;
    throw error;
  }
  return {
    child,
    url,
    async stop() {
      child.kill('SIGTERM');
      await child.exited;
    },
  };
}

/**
 * The binary's resident memory, every process it runs summed: started on a fresh data folder (or,
 * with --later-start, started there, stopped and started again), once the API (`/api/health`) and
 * the console (its sign-in page, rendered by Next.js) have both answered, one more console page
 * loaded, and then twelve seconds of quiet: idle, as a server between requests is (the console's
 * thread gives back its memory after ten seconds without a request: server/portal-worker.ts).
 */
async function binaryIdleRssMb(): Promise<{ total: number; processes: number } | undefined> {
  if (!existsSync(binary)) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-rss-'));
  try {
    if (laterStart) await (await startBinary(dataDir)).stop();
    const running = await startBinary(dataDir);
    try {
      const page = await fetch(`${running.url}/login`);
      const html = await page.text();
      if (page.status !== 200 || !html.includes('/_next/static/'))
        throw new Error(`the console's sign-in page did not render (${page.status})`);
      await Bun.sleep(12_000);
      const processes = treeRss(running.child.pid);
      return { total: Math.round(processes.reduce((sum, { kb }) => sum + kb, 0) / 1024), processes: processes.length };
    } finally {
      await running.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const memoryRow = (rss: Awaited<ReturnType<typeof binaryIdleRssMb>>) =>
  rss === undefined
    ? `| idle memory, \`dist/latchkey\` (API + console) | not measured: no binary at ${binary} (bun run build:binary) | — | — | ≤ 150 MB | |`
    : `| idle memory, \`dist/latchkey\` (API + console) | ${rss.total} MB RSS (${rss.processes} process${rss.processes === 1 ? '' : 'es'}) | — | — | ≤ 150 MB | ${rss.total <= 150 ? 'met' : 'not met'} |`;

if (onlyMemory) {
  process.stdout.write(`${memoryRow(await binaryIdleRssMb())}\n`);
  process.exit(0);
}

interface Pair {
  key: string;
  label: string;
  latchkey: { request: LoadRequest; pid: number };
  reference: { name: string; request?: LoadRequest; pid?: number; fixedRate?: () => Promise<number> };
  target: number;
}

const measure = (request: LoadRequest, pid: number) =>
  load(request, { seconds, connections, core: LOAD_CORE, serverPid: pid });

async function bunSigningRate(alg: string): Promise<number> {
  const output = await run([...pinned, 'bun', join(import.meta.dir, 'token-endpoint', 'sign-rate.mjs'), alg, '1.5']);
  return JSON.parse(output).perCpuSecond;
}

try {
  const es256 = await startLatchkey('ES256');
  const rs256 = await startLatchkey('RS256');
  const helloPort = freePort();
  const hello = await startPeer(
    ['bun', join(import.meta.dir, 'peers', 'hello-elysia.ts'), String(helloPort)],
    `http://127.0.0.1:${helloPort}/`,
    import.meta.dir,
  );
  const mePort = freePort();
  const me = await startPeer(
    ['node', join(import.meta.dir, 'peers', 'oidc-provider-userinfo.mjs'), String(mePort)],
    `http://127.0.0.1:${mePort}/.well-known/openid-configuration`,
    import.meta.dir,
  );
  const meToken = await printedToken(me.stdout);
  const tokenPort = freePort();
  const peerClientSecret = 'bench-client-secret-0123456789abcdef';
  const peerToken = await startPeer(
    [
      'node',
      join(import.meta.dir, 'token-endpoint', 'oidc-provider-server.mjs'),
      String(tokenPort),
      'ES256',
      'bench-client',
      peerClientSecret,
    ],
    `http://127.0.0.1:${tokenPort}/.well-known/openid-configuration`,
    import.meta.dir,
  );
  const helloRequest = { url: `http://127.0.0.1:${helloPort}/` };
  const clientCredentials = (url: string, authorization: string): LoadRequest => ({
    url,
    method: 'POST',
    headers: { ...form, Authorization: authorization },
    body: 'grant_type=client_credentials&scope=read',
  });
  const allPairs: Pair[] = [
    {
      key: 'health',
      label: '`GET /api/health`',
      latchkey: { request: { url: `${es256.url}/api/health` }, pid: es256.pid },
      reference: { name: 'bare Elysia hello-world', request: helloRequest, pid: hello.pid },
      target: 0.7,
    },
    {
      key: 'userinfo',
      label: "`GET /api/userinfo` with a user's bearer token",
      latchkey: {
        request: { url: `${es256.url}/api/userinfo`, headers: { Authorization: `Bearer ${es256.userToken}` } },
        pid: es256.pid,
      },
      reference: {
        name: 'oidc-provider `GET /me` (opaque token, memory adapter)',
        request: { url: `http://127.0.0.1:${mePort}/me`, headers: { Authorization: `Bearer ${meToken}` } },
        pid: me.pid,
      },
      target: 3,
    },
    {
      key: 'get-account',
      label: '`GET /api/get-account` with a bearer token',
      latchkey: {
        request: { url: `${es256.url}/api/get-account`, headers: { Authorization: `Bearer ${es256.userToken}` } },
        pid: es256.pid,
      },
      reference: { name: 'bare Elysia hello-world', request: helloRequest, pid: hello.pid },
      target: 0.4,
    },
    {
      key: 'es256',
      label: '`client_credentials`, ES256',
      latchkey: { request: clientCredentials(es256.tokenUrl, es256.authorization), pid: es256.pid },
      reference: {
        name: 'oidc-provider ES256',
        request: clientCredentials(`http://127.0.0.1:${tokenPort}/token`, basic('bench-client', peerClientSecret)),
        pid: peerToken.pid,
      },
      target: 3,
    },
    {
      key: 'rs256',
      label: '`client_credentials`, RS256-2048',
      latchkey: { request: clientCredentials(rs256.tokenUrl, rs256.authorization), pid: rs256.pid },
      reference: { name: "Bun's own RSA-2048 signing rate", fixedRate: () => bunSigningRate('RS256') },
      target: 0.85,
    },
  ];
  const pairs = onlyRows ? allPairs.filter((pair) => onlyRows.includes(pair.key)) : allPairs;
  // Warm every server up, then alternate.
  for (const pair of pairs) {
    await load(pair.latchkey.request, { seconds: warmup, connections, core: LOAD_CORE, serverPid: pair.latchkey.pid });
    if (pair.reference.request)
      await load(pair.reference.request, {
        seconds: warmup,
        connections,
        core: LOAD_CORE,
        serverPid: pair.reference.pid!,
      });
  }
  const results = pairs.map(() => ({ latchkey: [] as Measurement[], reference: [] as Measurement[] }));
  for (let round = 0; round < rounds; round++) {
    for (const [index, pair] of pairs.entries()) {
      results[index]!.latchkey.push(await measure(pair.latchkey.request, pair.latchkey.pid));
      if (pair.reference.request)
        results[index]!.reference.push(await measure(pair.reference.request, pair.reference.pid!));
      else {
        const rate = await pair.reference.fixedRate!();
        results[index]!.reference.push({ perSecond: rate, perCpuSecond: rate });
      }
    }
    process.stdout.write(`round ${round + 1} of ${rounds} done\n`);
  }
  for (const server of started.splice(0)) await server.stop();

  const rss = onlyRows ? undefined : await binaryIdleRssMb();
  let searchRatio: number | undefined;
  if (withSearch && !onlyRows) {
    await run(['bun', join(import.meta.dir, 'users-list.ts'), '--requests', '300']);
    const report = JSON.parse(readFileSync(join(import.meta.dir, 'results', 'users-list.json'), 'utf8'));
    const search = Object.entries(report.results as Record<string, { ratio: number }>).find(([label]) =>
      label.includes('substring search'),
    );
    searchRatio = search?.[1].ratio;
  }

  const figure = (value: number) => Math.round(value).toLocaleString('en-US');
  const verdict = (ratio: number, target: number, higherIsBetter = true) =>
    (higherIsBetter ? ratio >= target : ratio <= target) ? 'met' : 'not met';
  const lines = [
    `Server on core ${SERVER_CORE}, wrk -t1 -c${connections} on core ${LOAD_CORE}; ${rounds} alternating rounds of ${seconds} s: each rate is the median of its rounds, each ratio the median of the rounds' ratios.`,
    '',
    '| request | Latchkey | reference, same run | ratio | target | |',
    '|---|---|---|---|---|---|',
  ];
  const perCpu = [
    '',
    'Per CPU-second of each server process:',
    '',
    '| request | Latchkey | reference | ratio |',
    '|---|---|---|---|',
  ];
  const raw = ['', 'Each round, wall-clock requests per second (Latchkey / reference, ratio):', ''];
  for (const [index, pair] of pairs.entries()) {
    const ours = results[index]!.latchkey;
    const theirs = results[index]!.reference;
    const wall = median(ours.map((m) => m.perSecond));
    const wallPeer = median(theirs.map((m) => m.perSecond));
    const cpu = median(ours.map((m) => m.perCpuSecond));
    const cpuPeer = median(theirs.map((m) => m.perCpuSecond));
    // Each round's two figures were taken a moment apart, so their ratio is what the machine's drift
    // moves least; the ratio of two medians can pair a fast moment of one with a slow one of the other.
    const ratio = median(ours.map((m, round) => m.perSecond / theirs[round]!.perSecond));
    const cpuRatio = median(ours.map((m, round) => m.perCpuSecond / theirs[round]!.perCpuSecond));
    lines.push(
      `| ${pair.label} | ${figure(wall)}/s | ${pair.reference.name} ${figure(wallPeer)}/s | ${ratio.toFixed(2)} | ≥ ${pair.target} | ${verdict(ratio, pair.target)} |`,
    );
    perCpu.push(`| ${pair.label} | ${figure(cpu)} | ${figure(cpuPeer)} | ${cpuRatio.toFixed(2)} |`);
    const each = ours.map(
      (m, round) =>
        `${figure(m.perSecond)} / ${figure(theirs[round]!.perSecond)} (${(m.perSecond / theirs[round]!.perSecond).toFixed(2)})`,
    );
    raw.push(`- ${pair.label}: ${each.join('; ')}`);
  }
  if (!onlyRows) lines.push(memoryRow(rss));
  if (!onlyRows)
    lines.push(
      searchRatio === undefined
        ? '| `get-users` substring search, 100,000 vs 1,000 users | not measured (--no-search) | — | — | ≤ 2× | |'
        : `| \`get-users\` substring search, 100,000 vs 1,000 users | ${searchRatio}× | — | — | ≤ 2× | ${searchRatio <= 2 ? 'met' : 'not met'} |`,
    );
  process.stdout.write(`\n${[...lines, ...perCpu, ...raw].join('\n')}\n`);
} finally {
  for (const server of started) await server.stop();
}
