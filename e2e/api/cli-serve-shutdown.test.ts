import { afterAll, describe, expect, test } from 'bun:test';
import { databaseEnvironment, startLatchkey } from '../support/server.ts';
import { until } from '../support/until.ts';

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
    const body = JSON.stringify({
      organization: 'built-in',
      username: 'admin',
      password: server.adminPassword,
      type: 'login',
    });
    let answer = '';
    let closed = false;
    const socket = await Bun.connect({
      hostname: '127.0.0.1',
      port: server.port,
      socket: {
        data(_socket, chunk) {
          answer += new TextDecoder().decode(chunk);
        },
        close: () => {
          closed = true;
        },
      },
    });
    // A first request on the connection proves the server has accepted it.
    socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    socket.flush();
    await until(() => answer.includes('"status":"ok"'), 'the first request on the connection is answered', 10_000, 5);

    // The request in flight: its headers and half of its body have arrived when the signal comes.
    // It asks for "100 Continue", which the server sends once it has read the headers and started
    // the request: the sign that the request is in flight.
    const inFlightFrom = answer.length;
    const half = Math.floor(body.length / 2);
    socket.write(
      `POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
    );
    socket.flush();
    await until(
      () => answer.indexOf('HTTP/1.1 100 Continue\r\n\r\n', inFlightFrom) >= 0,
      'the server has started the request in flight (100 Continue)',
      10_000,
      5,
    );

    server.signal('SIGTERM');
    await until(() => refusesConnections(server.port), 'the server refuses new connections after SIGTERM', 10_000);
    expect(server.output()).toContain('"msg":"shutting down"');

    socket.write(body.slice(half));
    socket.flush();
    await until(() => closed, 'the server has answered the request in flight and closed the connection', 10_000);
    const continued = answer.indexOf('HTTP/1.1 100 Continue\r\n\r\n', inFlightFrom);
    const signInAnswer = answer.slice(continued + 'HTTP/1.1 100 Continue\r\n\r\n'.length);
    expect(signInAnswer).toStartWith('HTTP/1.1 200');
    expect(signInAnswer.slice(signInAnswer.indexOf('\r\n\r\n') + 4)).toContain('"status":"ok"');
    expect(signInAnswer.toLowerCase()).toContain('set-cookie: casdoor_session_id=');

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped","outcome":"drained"');
    await server.stop();
  });
});
