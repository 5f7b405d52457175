/**
 * Fairness between organizations: while organization X (its administrator, or an anonymous
 * attacker) runs an attack, organization Y's health check, password sign-in and client_credentials
 * token stay within 2× of their idle latencies — or the table says they did not.
 *
 *   bun bench/fairness.ts [--seconds 10] [--ramp 1] [--rate 200] [--slack-ms 0] [--only casbin,spraying,...]
 *
 * One real server (`bun apps/api/src/index.ts`, SQLite, loopback) pinned to core 0, the measuring
 * client and the attacks on core 1 (taskset, when there is one and two cores). For each attack: Y
 * is measured idle for `seconds`, then the attack starts in a process of its own, and after `ramp`
 * seconds Y is measured again for `seconds` while it runs. Every request has a deadline; an attack
 * that leaves the server unanswering is NOT held, and the server is started again on its data.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { attackerAddress } from './fairness/addresses.ts';
import { startAttack } from './fairness/attack-runner.ts';
import { ATTACKS } from './fairness/attacks/index.ts';
import { call } from './fairness/http.ts';
import { measureY, PROBES, type Probe } from './fairness/probe.ts';
import { type AttackResult, compare, figuresOf, formatReport, verdictOf } from './fairness/report.ts';
import { importCostlyUsers, seedOrganizations } from './fairness/seed.ts';
import { settle } from './fairness/settle.ts';
import { startLatchkeyProcess } from './lib/latchkey-process.ts';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const seconds = Number(option('seconds') ?? 10);
const ramp = Number(option('ramp') ?? 1);
// Attackers send at most this many requests a second (0: as fast as answers come back), so that
// the cost of an attack is its own work and not that of a flood of cheap refusals.
const rate = Number(option('rate') ?? 200);
// Milliseconds allowed above 2× idle before a request is not held (0: the strict rule).
const slackMs = Number(option('slack-ms') ?? 0);
const only = option('only')?.split(',');
const attacks = only ? ATTACKS.filter((attack) => only.includes(attack.name)) : ATTACKS;
if (attacks.length === 0) throw new Error(`--only names none of: ${ATTACKS.map((attack) => attack.name).join(', ')}`);

const SERVER_CORE = '0';
const LOAD_CORE = '1';
// Once pinned, this process sees one core; the variable says it was pinned.
const pinned =
  process.env.LATCHKEY_BENCH_PINNED === '1' || (Bun.which('taskset') !== null && availableParallelism() >= 2);

// The measuring client runs on the load core: this script starts itself again there.
if (pinned && process.env.LATCHKEY_BENCH_PINNED !== '1') {
  const child = Bun.spawn(['taskset', '-c', LOAD_CORE, process.execPath, ...process.argv.slice(1)], {
    env: { ...process.env, LATCHKEY_BENCH_PINNED: '1' },
    stdio: ['inherit', 'inherit', 'inherit'],
  });
  process.on('SIGINT', () => child.kill('SIGINT'));
  process.exit(await child.exited);
}

const serverPrefix = pinned ? ['taskset', '-c', SERVER_CORE] : [];
// Attacks run below the measuring client's priority on the load core, so that Y's latencies are the server's.
const attackPrefix = [
  ...(pinned ? ['taskset', '-c', LOAD_CORE] : []),
  ...(Bun.which('nice') ? ['nice', '-n', '5'] : []),
];

const ROOT_PASSWORD = 'fairness-benchmark-admin';
const serverEnv = {
  LATCHKEY_ADMIN_PASSWORD: ROOT_PASSWORD,
  // Clients are told apart by X-Forwarded-For, as behind a reverse proxy (see fairness/addresses.ts).
  LATCHKEY_TRUST_PROXY: 'true',
  // The webhook attack's receiver listens on 127.0.0.1.
  LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true',
};

/** The import's count of users and its first refusal, on one line. */
function importSummary(report: string): string {
  const lines = report.split('\n').map((line) => line.trim());
  const users = lines.find((line) => line.startsWith('users')) ?? '';
  const refusal = lines.find((line) => line.startsWith('user ')) ?? 'no user refused';
  return `${users.replace(/\s+/g, ' ')}; ${refusal} (and so on)`.slice(0, 300);
}

/** True once /api/health has answered three times in a row within a second each, before the deadline. */
async function answersAgain(url: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  let inARow = 0;
  while (Date.now() < deadline) {
    try {
      const answer = await call(url, '/api/health', { from: '127.0.0.3', timeoutMs: 1_000 });
      inARow = answer.status === 200 ? inARow + 1 : 0;
    } catch {
      inARow = 0;
    }
    if (inARow === 3) return true;
    await Bun.sleep(100);
  }
  return false;
}

const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-fairness-'));
let server: Awaited<ReturnType<typeof startLatchkeyProcess>> | undefined;
const stopServer = async () => {
  await server?.stop();
  server = undefined;
};
process.on('SIGINT', () => {
  void stopServer().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  });
});

const results: AttackResult[] = [];
try {
  const env = { ...serverEnv, LATCHKEY_DATA_DIR: dataDir };
  const importReport = await importCostlyUsers(dataDir, env);
  server = await startLatchkeyProcess(dataDir, { prefix: serverPrefix, env: serverEnv });
  const deployment = await seedOrganizations(server.url, ROOT_PASSWORD, importReport);
  // Warm-up, not counted; its p95 sets how quick Y must be again before the next attack's idle window.
  const warmUp = await measureY(deployment, 3);
  const quietLimit = (probe: Probe) => {
    const p95 = figuresOf(warmUp[probe], 3).p95;
    return Math.max(3 * p95, p95 + 5);
  };
  const quietLimits = Object.fromEntries(PROBES.map((probe) => [probe, quietLimit(probe)])) as Record<Probe, number>;

  for (const [index, attack] of attacks.entries()) {
    process.stdout.write(`${attack.name}: idle… `);
    const notes: string[] = [];
    if (attack.name === 'costly-hashes') notes.push(`import-casdoor said: ${importSummary(importReport)}`);
    const idleStart = performance.now();
    const idle = await measureY(deployment, seconds);
    const idleSeconds = (performance.now() - idleStart) / 1000;
    process.stdout.write('attack… ');
    const running = startAttack(
      {
        attack: attack.name,
        url: deployment.url,
        xAdmin: deployment.xAdmin,
        seconds: ramp + seconds + 1,
        rate,
        attacker: attackerAddress(index),
      },
      attackPrefix,
    );
    let started = true;
    try {
      await running.ready;
    } catch (error) {
      started = false;
      notes.push(`the attack did not start: ${(error as Error).message.slice(0, 300)}`);
    }
    if (started) await Bun.sleep(ramp * 1000);
    const attackedStart = performance.now();
    const attacked = started ? await measureY(deployment, seconds) : { health: [], 'sign-in': [], token: [] };
    const attackedSeconds = (performance.now() - attackedStart) / 1000;
    const { summary, failure } = await running.finished;
    notes.push(...(summary?.notes ?? []));
    if (failure && started) notes.push(failure);
    if (!(await answersAgain(deployment.url, 30_000))) {
      notes.push(
        'the server did not answer /api/health within 30 s after the attack; it was killed and started again on its data',
      );
      await stopServer();
      server = await startLatchkeyProcess(dataDir, { prefix: serverPrefix, env: serverEnv });
      deployment.url = server.url;
    }
    if (!(await settle(deployment, quietLimits, 60_000)))
      notes.push(
        "Y's requests were still slow 60 s after the attack; the next attack's idle figures include what this one left behind",
      );
    const probes = compare(idle, attacked, { idle: idleSeconds, attacked: attackedSeconds }, slackMs);
    const verdict = verdictOf(probes, started && !failure);
    results.push({ name: attack.name, title: attack.title, probes, verdict, summary, notes });
    process.stdout.write(`${verdict}\n`);
  }
} finally {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
}

const header = [
  `Organization Y's latencies, idle and while organization X attacks (${seconds} s windows, the attack running ${ramp} s before and through the window).`,
  `Attackers send ${rate > 0 ? `at most ${rate} requests a second each` : 'as fast as answers come back'}. Server ${pinned ? `on core ${SERVER_CORE}` : 'unpinned (no taskset or one core)'}, Y's client and the attacks ${pinned ? `on core ${LOAD_CORE}` : 'unpinned'}. Held: no failed request, p50 and p95 each ≤ 2× idle${slackMs > 0 ? ` + ${slackMs} ms` : ''}.`,
  '',
  ...attacks.map((attack) => `- ${attack.name}: ${attack.title}`),
].join('\n');
process.stdout.write(`\n${formatReport(results, header)}\n`);
mkdirSync(join(import.meta.dir, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dir, 'results', 'fairness.json'),
  `${JSON.stringify({ seconds, ramp, rate, slackMs, pinned, results }, null, 2)}\n`,
);
