import type { Server } from 'bun';

export interface SiteverifyCall {
  path: string;
  secret: string;
  response: string;
  remoteip: string;
}

/**
 * A captcha service's siteverify endpoint on 127.0.0.1, answering as reCAPTCHA, hCaptcha and
 * Turnstile do: a form of secret and response in, JSON {success, error-codes} out. A token is good
 * when it is `good-<secret>`; `status` makes it fail as a service that is down; under /chunked the
 * answer is sent in chunks, as some servers send it.
 */
export function startFakeSiteverify() {
  const calls: SiteverifyCall[] = [];
  let status = 200;
  const server: Server<unknown> = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const form = new URLSearchParams(await request.text());
      const call = {
        path: url.pathname,
        secret: form.get('secret') ?? '',
        response: form.get('response') ?? '',
        remoteip: form.get('remoteip') ?? '',
      };
      calls.push(call);
      const success = call.secret !== '' && call.response === `good-${call.secret}`;
      const answer = JSON.stringify(
        success
          ? { success: true, challenge_ts: new Date().toISOString(), hostname: 'localhost' }
          : { success: false, 'error-codes': ['invalid-input-response'] },
      );
      const headers = { 'content-type': 'application/json' };
      if (url.pathname.startsWith('/chunked')) {
        const half = Math.floor(answer.length / 2);
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(answer.slice(0, half)));
            controller.enqueue(new TextEncoder().encode(answer.slice(half)));
            controller.close();
          },
        });
        return new Response(stream, { status, headers });
      }
      return new Response(answer, { status, headers });
    },
  });
  return {
    url: (path: string) => `http://127.0.0.1:${server.port}${path}`,
    calls,
    failWith(next: number) {
      status = next;
    },
    stop: () => server.stop(true),
  };
}
