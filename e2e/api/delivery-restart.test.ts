import { afterAll, beforeAll, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'bun';
import { databaseEnvironment, type RunningLatchkey, startLatchkey } from '../support/server.ts';
import { until } from '../support/until.ts';

/**
 * A webhook whose receiver fails while the server stops: the retry is kept in the database and
 * the restarted server delivers it, once.
 */
let receiver: Server<unknown>;
let answer = 503;
const answered: { status: number; body: string }[] = [];
/** The witness organization's webhook fails its first attempt, whatever `answer` says. */
let witnessFailed = false;
let dataDir: string;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;
let node: RunningLatchkey | undefined;

beforeAll(async () => {
  receiver = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const body = await request.text();
      let status = answer;
      if (body.includes('witness-co') && !witnessFailed) {
        witnessFailed = true;
        status = 503;
      }
      answered.push({ status, body });
      return new Response(null, { status });
    },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'latchkey-e2e-restart-'));
  database = await databaseEnvironment();
});
afterAll(async () => {
  await node?.stop();
  receiver.stop(true);
  rmSync(dataDir, { recursive: true, force: true });
  await database.dispose();
});

const adminPassword = `restart-${randomBytes(9).toString('base64url')}`;
const start = () =>
  startLatchkey({
    dataDir,
    env: { ...database.env, LATCHKEY_ADMIN_PASSWORD: adminPassword, LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true' },
  });

async function asAdmin(running: RunningLatchkey, path: string, body?: unknown) {
  const credentials = `username=built-in/admin&password=${encodeURIComponent(running.adminPassword)}`;
  const response = await fetch(`${running.url}${path}${path.includes('?') ? '&' : '?'}${credentials}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = (await response.json()) as { status: string; msg: string; data: any };
  expect({ path, status: envelope.status, msg: envelope.msg }).toEqual({ path, status: 'ok', msg: '' });
  return envelope.data;
}

test('a webhook retry pending at a restart is delivered once by the restarted server', async () => {
  node = await start();
  await asAdmin(node, '/api/add-webhook', {
    owner: 'admin',
    name: 'restart-hook',
    organization: 'built-in',
    url: `http://127.0.0.1:${receiver.port}/hook`,
    events: ['add-organization'],
    isEnabled: true,
    maxRetries: 5,
    retryInterval: 1,
  });
  expect(await asAdmin(node, '/api/add-organization', { owner: 'admin', name: 'kept-co' })).toBe('Affected');
  await until(() => answered.length === 1, 'the first attempt was answered 503');
  await node.stop();
  node = undefined;
  expect(answered.map((call) => call.status)).toEqual([503]);

  answer = 200;
  node = await start();
  await until(() => answered.some((call) => call.status === 200), 'the restarted server delivered it');
  const record = (await asAdmin(node, '/api/get-records?field=action&value=add-organization&p=1&pageSize=1'))[0];
  await until(
    async () =>
      (await asAdmin(node!, `/api/get-record?id=${encodeURIComponent(`${record.owner}/${record.name}`)}`))
        .isTriggered === true,
    'the record is marked triggered',
  );
  // A duplicate, were there one, would be a retry after the retry interval (1 s). A witness
  // webhook whose first attempt fails is retried by the same server after that interval: once its
  // retry has come, so would have a duplicate.
  expect(await asAdmin(node, '/api/add-organization', { owner: 'admin', name: 'witness-co' })).toBe('Affected');
  await until(
    () => answered.filter((call) => call.body.includes('witness-co')).length === 2,
    'the witness webhook was retried after its failed first attempt',
  );
  const kept = answered.filter((call) => JSON.parse(call.body).object.includes('kept-co'));
  expect(kept.map((call) => call.status)).toEqual([503, 200]);
  expect(kept.map((call) => JSON.parse(call.body).action)).toEqual(['add-organization', 'add-organization']);
  expect(answered.filter((call) => call.body.includes('witness-co')).map((call) => call.status)).toEqual([503, 200]);
}, 300_000);
