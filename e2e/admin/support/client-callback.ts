import { createServer } from 'node:http';

/** What a test client's callback answers: the browser shows it when the sign-in comes back with its code. */
export const CLIENT_RECEIVED = 'client received the code';

/**
 * A test client's callback on its own loopback port: it keeps the address of every request it gets
 * (`received`) and answers each with CLIENT_RECEIVED. `redirectUri` is its /callback.
 */
export async function startClientCallback() {
  const received: URL[] = [];
  const server = createServer((request, response) => {
    received.push(new URL(request.url ?? '/', 'http://127.0.0.1'));
    response.writeHead(200, { 'content-type': 'text/plain' }).end(CLIENT_RECEIVED);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as { port: number }).port}/callback`;
  return { received, redirectUri, close: () => server.close() };
}
