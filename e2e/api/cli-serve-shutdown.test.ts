import { afterAll, describe, expect, test } from 'bun:test';
import { databaseEnvironment, startLatchkey } from '../support/server.ts';

const database = await databaseEnvironment();
afterAll(() => database.dispose());

/** True once the port refuses new connections. */
async function refusesConnections(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } });
    socket.end();
    return false;
  } catch {
    return true;
  }
}

describe('latchkey serve on SIGTERM', () => {
  test('stops accepting, finishes the request in flight, closes the database and exits with 0', async () => {
    const server = await startLatchkey({ env: database.env });
    const body = JSON.stringify({ organization: 'built-in', username: 'admin', password: server.adminPassword, type: 'login' });
    let answer = '';
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    const socket = await Bun.connect({
      hostname: '127.0.0.1',
      port: server.port,
      socket: {
        data(_socket, chunk) {
          answer += new TextDecoder().decode(chunk);
        },
        close: () => closed(),
      },
    });
    // A first request on the connection proves the server has accepted it.
    socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    socket.flush();
    while (!answer.includes('"status":"ok"')) await Bun.sleep(10);

    // The request in flight: its headers and half of its body have arrived when the signal comes.
    const half = Math.floor(body.length / 2);
    socket.write(
      `POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
    );
    socket.flush();
    await Bun.sleep(100);

    server.signal('SIGTERM');
    while (!(await refusesConnections(server.port))) await Bun.sleep(20);
    expect(server.output()).toContain('"msg":"shutting down"');

    socket.write(body.slice(half));
    socket.flush();
    await socketClosed;
    const signInAnswer = answer.slice(answer.indexOf('HTTP/1.1 ', 1));
    expect(signInAnswer).toStartWith('HTTP/1.1 200');
    expect(signInAnswer.slice(signInAnswer.indexOf('\r\n\r\n') + 4)).toContain('"status":"ok"');
    expect(signInAnswer.toLowerCase()).toContain('set-cookie: casdoor_session_id=');

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped","outcome":"drained"');
    await server.stop();
  });
});
