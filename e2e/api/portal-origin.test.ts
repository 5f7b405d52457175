import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ensurePortalBuilt } from '../admin/support/latchkey.ts';
import { adminSession, databaseEnvironment, startLatchkey, type RunningLatchkey } from '../support/server.ts';

// One origin: the API and the portal behind one port, as `npm start` runs them.
let latchkey: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;

beforeAll(async () => {
  ensurePortalBuilt();
  database = await databaseEnvironment();
  latchkey = await startLatchkey({ portal: true, env: database.env });
}, 180_000);
afterAll(async () => {
  await latchkey?.stop();
  await database?.dispose();
});

describe('the portal and the API on one port', () => {
  test('the API still answers /api/*, with its envelope', async () => {
    const response = await fetch(`${latchkey.url}/api/health`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    const unknown = await fetch(`${latchkey.url}/api/get-nothing`).then((r) => r.json());
    expect(unknown.status).toBe('error');
  });

  test('a signed-out visitor of a console page is sent to sign-in, on the public origin, and back afterwards', async () => {
    const response = await fetch(`${latchkey.url}/users?p=2`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${latchkey.url}/login?next=%2Fusers%3Fp%3D2`);
  });

  test('the sign-in page is server-rendered in the language the browser asks for, and its assets load', async () => {
    const english = await fetch(`${latchkey.url}/login`);
    expect(english.status).toBe(200);
    const html = await english.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Sign in');
    const german = await fetch(`${latchkey.url}/login`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } }).then((r) => r.text());
    expect(german).toContain('<html lang="de"');
    expect(german).toContain('Anmelden');
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const script = await fetch(`${latchkey.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  test("the API's session cookie is the console's: a signed-in page renders with the user's data", async () => {
    const cookie = await adminSession(latchkey);
    const page = await fetch(`${latchkey.url}/account`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('built-in/admin');
    // After sign-out at the API, the same cookie no longer opens the console.
    await fetch(`${latchkey.url}/api/logout`, { method: 'POST', headers: { cookie } });
    const after = await fetch(`${latchkey.url}/account`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(307);
    expect(after.headers.get('location')).toContain('/login?next=%2Faccount');
  });

  test("the portal's own cookies pass back through the proxy", async () => {
    const response = await fetch(`${latchkey.url}/preferences/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: latchkey.url },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('latchkey_language=fr'))).toBe(true);
    const refused = await fetch(`${latchkey.url}/preferences/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(refused.status).toBe(403);
  });

  test('only the portal may name the client address: a forged portal header is not believed', async () => {
    const username = `nobody-${Date.now()}`;
    await fetch(`${latchkey.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-latchkey-portal': 'guess', 'x-forwarded-for': '203.0.113.50' },
      body: JSON.stringify({ organization: 'built-in', username, password: 'wrong', type: 'login' }),
    });
    const query = new URLSearchParams({ owner: 'built-in', p: '1', pageSize: '50', sortField: 'createdTime', sortOrder: 'descend', username: 'built-in/admin', password: latchkey.adminPassword });
    // The audit log is written just after each answer.
    let record: { clientIp: string } | undefined;
    for (let attempt = 0; attempt < 20 && !record; attempt++) {
      const records = (await fetch(`${latchkey.url}/api/get-records?${query}`).then((r) => r.json())).data as { clientIp: string; object: string }[];
      record = records.find((entry) => entry.object.includes(username));
      if (!record) await Bun.sleep(100);
    }
    expect(record).toBeDefined();
    expect(record!.clientIp).not.toBe('203.0.113.50');
    expect(record!.clientIp).toMatch(/^(127\.|::1|::ffff:127\.)/);
  });
});
