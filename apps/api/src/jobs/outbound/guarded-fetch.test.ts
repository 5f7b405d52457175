import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { RefusedAddressError } from './address-guard.ts';
import { guardedFetch } from './guarded-fetch.ts';
import { ResponseTooLargeError } from './http-send.ts';

let server: ReturnType<typeof Bun.serve>;
let base: string;
const limits = { timeoutMs: 10_000, maxResponseBytes: 64 * 1024, allowPrivate: true };

beforeAll(() => {
  server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname === '/json')
        return Response.json({ hello: 'world', method: request.method, body: await request.text() });
      if (url.pathname === '/chunked')
        return new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"parts":'));
              controller.enqueue(new TextEncoder().encode('["a","b"]}'));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        );
      if (url.pathname === '/large') return new Response('x'.repeat(200 * 1024));
      return new Response('no', { status: 404 });
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.stop(true));

describe('a fetch through the outbound guard', () => {
  test('answers the status, headers and body, and sends the form it was given', async () => {
    const response = await guardedFetch(limits)(`${base}/json`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams({ a: '1' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ hello: 'world', method: 'POST', body: 'a=1' });
  });

  test('reads a chunked body without its framing', async () => {
    const response = await guardedFetch(limits)(`${base}/chunked`);
    expect(await response.json()).toEqual({ parts: ['a', 'b'] });
  });

  test('an answer longer than the limit is an error, not a cut body', async () => {
    await expect(guardedFetch(limits)(`${base}/large`)).rejects.toBeInstanceOf(ResponseTooLargeError);
    // The control: the same answer within a larger limit.
    const whole = await guardedFetch({ ...limits, maxResponseBytes: 512 * 1024 })(`${base}/large`);
    expect((await whole.text()).length).toBe(200 * 1024);
  });

  test('loopback is refused unless private addresses are allowed', async () => {
    await expect(guardedFetch({ ...limits, allowPrivate: false })(`${base}/json`)).rejects.toBeInstanceOf(
      RefusedAddressError,
    );
  });
});
