import { describe, expect, test } from 'bun:test';
import { drainServer } from './shutdown.ts';

/** A real server on a free loopback port whose /slow answers only when released. */
function serverWithSlowRoute() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let slowStarted!: () => void;
  const started = new Promise<void>((resolve) => (slowStarted = resolve));
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      if (new URL(request.url).pathname === '/slow') {
        slowStarted();
        await released;
        return new Response('finished');
      }
      return new Response('quick');
    },
  });
  return { server, url: `http://127.0.0.1:${server.port}`, release, started };
}

describe('drainServer', () => {
  test('refuses new connections at once and waits for the request in flight to finish', async () => {
    const { server, url, release, started } = serverWithSlowRoute();
    const slow = fetch(`${url}/slow`).then((response) => response.text());
    await started;
    let drained = false;
    const draining = drainServer(server, 60_000).then((outcome) => {
      drained = true;
      return outcome;
    });
    await expect(fetch(`${url}/quick`)).rejects.toThrow();
    expect(drained).toBe(false);
    release();
    expect(await slow).toBe('finished');
    expect(await draining).toBe('drained');
  });

  test('after the grace period, requests still running are cut off', async () => {
    const { server, url, release, started } = serverWithSlowRoute();
    const slow = fetch(`${url}/slow`).then(
      (response) => response.text(),
      () => 'cut off',
    );
    await started;
    expect(await drainServer(server, 50)).toBe('forced');
    expect(await slow).toBe('cut off');
    release();
  });
});
