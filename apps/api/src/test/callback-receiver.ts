import type { Server } from 'bun';

export interface ReceivedCall {
  method: string;
  path: string;
  /** Form fields of a form body (POST) or of the query. */
  fields: Record<string, string>;
  /** The request headers, names in lower case. */
  headers: Record<string, string>;
  /** The raw body. */
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 that records the calls it gets. `answer` decides the status of
 * each call (default 200) and may hold a call open until the test releases it.
 */
export function startCallbackReceiver(
  answer: (call: ReceivedCall, index: number) => number | Promise<number> = () => 200,
) {
  const calls: ReceivedCall[] = [];
  const server: Server<unknown> = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const fields: Record<string, string> = Object.fromEntries(url.searchParams);
      const body = await request.text();
      const contentType = request.headers.get('content-type') ?? '';
      if (
        request.method === 'POST' &&
        (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))
      ) {
        Object.assign(fields, Object.fromEntries(new URLSearchParams(body)));
      }
      const call = {
        method: request.method,
        path: url.pathname,
        fields,
        headers: Object.fromEntries(request.headers),
        body,
      };
      calls.push(call);
      return new Response(null, { status: await answer(call, calls.length - 1) });
    },
  });
  return {
    url: (path: string) => `http://127.0.0.1:${server.port}${path}`,
    calls,
    stop: () => server.stop(true),
  };
}
