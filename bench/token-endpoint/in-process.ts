/**
 * CPU time of one client-credentials request inside the server's process, without HTTP: the app's
 * own handler (`app.handle`) on a SQLite data folder, 50 requests in flight, and the bare signing
 * cost of the same key in the same process, so that what the request costs beyond its signature is
 * a difference of two figures taken a moment apart. No sockets, no wrk, no second process: on a
 * shared machine it moves far less than the HTTP benchmark, and it is what to compare when
 * changing the request's own work (the HTTP server's part is left out).
 *
 *   taskset -c 0 bun bench/token-endpoint/in-process.ts [--alg ES256|RS256] [--seconds 3] [--rounds 3]
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codecs, createDb } from '@latchkey/db';
import { loadConfig } from '../../apps/api/src/core/config/index.ts';
import { createLogger } from '../../apps/api/src/core/logging/logger.ts';
import { flushAuditLog } from '../../apps/api/src/features/records/audit-log.ts';
import { createApp } from '../../apps/api/src/server/app.ts';
import { openContext } from '../../apps/api/src/server/open-context.ts';
import { seedBenchApplication } from './seed.ts';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const alg = (option('alg') ?? 'ES256') as 'ES256' | 'RS256';
const seconds = Number(option('seconds') ?? 3);
const rounds = Number(option('rounds') ?? 3);
const IN_FLIGHT = 50;

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-in-process-'));
try {
  const config = loadConfig({
    LATCHKEY_HOST: '127.0.0.1',
    LATCHKEY_PORT: '1',
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_ORIGIN: 'http://127.0.0.1:1',
    LATCHKEY_ADMIN_PASSWORD: 'in-process-bench-password',
    LATCHKEY_LOG_LEVEL: 'warn',
    LATCHKEY_PORTAL: 'false',
    LATCHKEY_SIGNIN_RATE_LIMIT: '1000000000',
    LATCHKEY_CLIENT_FAILURE_LIMIT: '1000000000',
  });
  const log = createLogger(config.logLevel);
  const { context, database } = await openContext(config, log);
  const { clientId, clientSecret } = await seedBenchApplication(dataDir, alg);
  const app = createApp(context);
  const authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const request = () =>
    new Request('http://127.0.0.1:1/api/login/oauth/access_token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
      body: 'grant_type=client_credentials&scope=read',
    });
  let signingInput = '';
  const one = async () => {
    const answer = await app.handle(request());
    if (answer.status !== 200) throw new Error(`answer ${answer.status}: ${await answer.text()}`);
    const { access_token: token } = (await answer.json()) as { access_token: string };
    signingInput = token.slice(0, token.lastIndexOf('.'));
  };
  const run = async (until: number) => {
    let count = 0;
    const lane = async () => {
      while (performance.now() < until) {
        await one();
        count++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    await flushAuditLog(context);
    return count;
  };
  await run(performance.now() + 1000);

  // The cert's key as the server signs with it (node:crypto `sign`, JOSE encoding for ECDSA).
  const source = createDb({ dialect: 'sqlite', file: join(dataDir, 'latchkey.db') });
  const cert = codecs.cert.decode(
    (await source.db
      .selectFrom('cert')
      .selectAll()
      .where('name', '=', `bench-${alg.toLowerCase()}`)
      .executeTakeFirstOrThrow()) as Record<string, unknown>,
  );
  await source.close();
  const privateKey = createPrivateKey(context.secrets.open(cert.privateKey));
  const key = alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' as const } : privateKey;
  const signOnce = () => sign('sha256', signingInput, key).toString('base64url');

  const lines: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = cpuMicros();
    const count = await run(performance.now() + seconds * 1000);
    const perRequest = (cpuMicros() - before) / count;
    const signatures = alg === 'ES256' ? 20_000 : 1_000;
    const signStart = cpuMicros();
    for (let i = 0; i < signatures; i++) signOnce();
    const perSignature = (cpuMicros() - signStart) / signatures;
    lines.push(
      `| ${alg} | ${round + 1} | ${count} | ${perRequest.toFixed(1)} | ${perSignature.toFixed(1)} | ${(perRequest - perSignature).toFixed(1)} | ${Math.round((100 * perSignature) / perRequest)} % |`,
    );
  }
  console.log(
    '| key | round | requests | CPU µs per request | µs per signature | beyond signing | signing rate reached |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const line of lines) console.log(line);
  await database.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
