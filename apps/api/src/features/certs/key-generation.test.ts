import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createPrivateKey } from 'node:crypto';
import { generateCertificate } from '../../core/crypto/certificates.ts';
import { call, type OrganizationCallers, organizationWithCallers, startObjectTest } from '../../test/callers.ts';
import { refusal } from '../../test/caught.ts';
import type { TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let acme: OrganizationCallers;
let globex: OrganizationCallers;
beforeAll(async () => {
  ({ t, org: acme } = await startObjectTest());
  globex = await organizationWithCallers(t, 'globex');
});
afterAll(() => t.dispose());

/** How often a 5 ms timer ran while the work went on, and the longest the event loop went without running it. */
async function eventLoopDuring(
  work: () => Promise<unknown>,
): Promise<{ ticks: number; longestGap: number; ms: number }> {
  let ticks = 0;
  let longestGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 5);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  longestGap = Math.max(longestGap, performance.now() - last);
  return { ticks, longestGap, ms };
}

describe('RSA key generation', () => {
  test('a 4096-bit key is made off the event loop: timers keep running while it is made', async () => {
    const seen = await eventLoopDuring(() =>
      generateCertificate({ algorithm: 'RS256', bitSize: 4096, commonName: 'big' }),
    );
    // WebCrypto's generateKey ran on this thread: no timer at all ran during it.
    expect(seen.ticks).toBeGreaterThan(2);
    expect(seen.longestGap).toBeLessThan(Math.max(seen.ms / 2, 50));
  }, 300_000);

  test('the key is made by a thread at the lowest priority (nice 19), so requests come first even on one core', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the command in parentheses).
    // A thread may end between listing and reading (the runtime's own come and go): it is skipped.
    const niceValues = () =>
      readdirSync('/proc/self/task').flatMap((tid) => {
        let stat: string;
        try {
          stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        } catch {
          return [];
        }
        return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
      });
    let seen: number[] = [];
    const generating = generateCertificate({ algorithm: 'RS256', bitSize: 4096, commonName: 'niced' });
    const sampler = setInterval(() => (seen = [...new Set([...seen, ...niceValues()])]), 5);
    await generating;
    clearInterval(sampler);
    expect(seen).toContain(19);
    // The server's own threads keep their priority.
    expect(seen).toContain(0);
  }, 300_000);

  test('the generated pair is a real RSA key of the asked size, and a cert made of it signs', async () => {
    const generated = await generateCertificate({ algorithm: 'RS384', bitSize: 3072, commonName: 'sized' });
    expect(createPrivateKey(generated.privateKey).asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(
      (
        await call(t, acme.admin, '/api/add-cert', {
          owner: 'acme',
          name: 'given-3072',
          cryptoAlgorithm: 'RS384',
          bitSize: 3072,
          ...generated,
        })
      ).data,
    ).toBe('Affected');
  });

  test('one organization generates one key at a time; another organization is not held up by it', async () => {
    const add = (caller: OrganizationCallers['admin'], owner: string, name: string) =>
      call(t, caller, '/api/add-cert', { owner, name, cryptoAlgorithm: 'RS256', bitSize: 4096 });
    const [first, second, other] = await Promise.all([
      add(acme.admin, 'acme', 'rsa-first'),
      add(acme.admin, 'acme', 'rsa-second'),
      add(globex.admin, 'globex', 'rsa-other'),
    ]);
    expect([first.status, second.status].sort()).toEqual(['error', 'ok']);
    expect([first, second].find((answer) => answer.status === 'error')!.msg).toBe(
      'Too many requests. Please wait a moment and try again.',
    );
    expect(other).toMatchObject({ status: 'ok', data: 'Affected' });
    // Once the first is done, the organization may generate again (positive control).
    expect((await add(acme.admin, 'acme', 'rsa-third')).data).toBe('Affected');
  }, 300_000);
});

describe('the key generation quota', () => {
  test('an organization asks for at most 60 units a minute (a 4096-bit key costs 8); another organization and the next minute are not held', async () => {
    const { withKeyGenerationSlot, rsaGenerationUnits, KEY_GENERATION_LIMITS } = await import(
      '../../core/crypto/key-generation-slots.ts'
    );
    expect([rsaGenerationUnits(2048), rsaGenerationUnits(3072), rsaGenerationUnits(4096)]).toEqual([1, 3, 8]);
    const start = Date.now();
    const generate = (organization: string, units: number, at: number) =>
      withKeyGenerationSlot(t.context, organization, units, async () => 'made', at);
    const big = Math.floor(KEY_GENERATION_LIMITS.organizationUnitsPerMinute / 8);
    for (let index = 0; index < big; index++) expect(await generate('quota-a', 8, start + index)).toBe('made');
    expect((await refusal(generate('quota-a', 8, start + 1000)))?.code).toBe('general.too_many_requests');
    // What is left of the minute still serves small keys; another organization has its own quota.
    expect(await generate('quota-a', 1, start + 1000)).toBe('made');
    expect(await generate('quota-b', 8, start + 1000)).toBe('made');
    expect(await generate('quota-a', 8, start + 61_000)).toBe('made');
  });
});
