import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startSlowReceiver } from '../../test/slow-receiver.ts';
import { exchange, OutboundDeadlineError } from './http-send.ts';
import { MalformedResponseError, ResponseReader } from './response-reader.ts';

/**
 * The answer is read only as far as its framing says it goes: a receiver that keeps the
 * connection open after a complete answer does not hold the call until the deadline.
 */
const answers: Record<string, string> = {
  '/length': 'HTTP/1.1 201 Created\r\ncontent-length: 5\r\n\r\nhello',
  '/chunked':
    'HTTP/1.1 202 Accepted\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nx-trailer: 1\r\n\r\n',
  '/empty': 'HTTP/1.1 204 No Content\r\nx-a: b\r\n\r\n',
  '/interim': 'HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n',
  '/redirect': 'HTTP/1.1 302 Found\r\nlocation: http://169.254.169.254/\r\ncontent-length: 0\r\n\r\n',
  '/short': 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc',
  '/garbage': 'SSH-2.0-OpenSSH_9.6\r\n\r\n',
};
const receiver = startSlowReceiver((path) => (path in answers ? { raw: answers[path]! } : { quick: true }));
beforeAll(() => receiver.ready);
afterAll(() => receiver.stop());

const send = (path: string, timeoutMs = 1_000) =>
  exchange({ url: receiver.url(path), method: 'POST', timeoutMs, maxResponseBytes: 1024, allowPrivate: true });

describe('where an answer ends', () => {
  test.each([
    ['/length', 201, 5],
    // Read off the wire: the body with its chunk framing and trailer.
    ['/chunked', 202, answers['/chunked']!.split('\r\n\r\n').slice(1).join('\r\n\r\n').length],
    ['/empty', 204, 0],
    ['/interim', 200, 0],
    ['/redirect', 302, 0],
  ] as const)('%s: answered %d at once, though the connection stays open', async (path, status, bodyBytesRead) => {
    // The connection stays open: a reader that did not see the end would wait for the deadline
    // and fail, so the deadline is long and the answer must come well before it.
    const started = performance.now();
    expect(await send(path, 30_000)).toEqual({ status, bodyBytesRead });
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  test('a body shorter than announced is waited for until the deadline', async () => {
    await expect(send('/short')).rejects.toBeInstanceOf(OutboundDeadlineError);
  });

  test('something that is not HTTP is an error at once', async () => {
    await expect(send('/garbage')).rejects.toBeInstanceOf(MalformedResponseError);
  });
});

describe('the reader on its own', () => {
  test('bytes arriving one at a time', () => {
    const reader = new ResponseReader('POST');
    const text = answers['/chunked']!;
    const done = [...text].map((char) => reader.feed(Buffer.from(char, 'latin1')));
    expect(done.indexOf(true)).toBe(text.length - 1);
    expect(reader.status).toBe(202);
  });

  test('an endless head is refused', () => {
    const reader = new ResponseReader('POST');
    expect(() => reader.feed(Buffer.from(`HTTP/1.1 200 OK\r\nx: ${'a'.repeat(20_000)}`))).toThrow(
      MalformedResponseError,
    );
  });

  test('a body without a length ends with the connection', () => {
    const reader = new ResponseReader('POST');
    expect(reader.feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\nabc'))).toBe(false);
    expect(reader.closed()).toBe(true);
    expect(reader.bodyBytes).toBe(3);
  });
});

describe('https', () => {
  test('the certificate is checked: a self-signed receiver is never sent the request', async () => {
    const dir = `${process.env.TMPDIR ?? '/tmp'}/latchkey-tls-${crypto.randomUUID()}`;
    const made = Bun.spawnSync([
      'openssl',
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      `${dir}.key`,
      '-out',
      `${dir}.crt`,
    ]);
    expect(made.exitCode).toBe(0);
    let reached = 0;
    const server = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      tls: { cert: Bun.file(`${dir}.crt`), key: Bun.file(`${dir}.key`) },
      fetch: () => {
        reached += 1;
        return new Response('ok');
      },
    });
    try {
      // The control: the receiver does answer over TLS a client that trusts it.
      const trusted = await fetch(`https://127.0.0.1:${server.port}/`, {
        tls: { ca: await Bun.file(`${dir}.crt`).text() },
      });
      expect(trusted.status).toBe(200);
      expect(reached).toBe(1);
      const refused = await exchange({
        url: `https://127.0.0.1:${server.port}/hook`,
        method: 'POST',
        timeoutMs: 2_000,
        maxResponseBytes: 1024,
        allowPrivate: true,
      }).then(
        () => 'answered',
        (error: unknown) => String((error as { code?: string }).code ?? error),
      );
      expect(refused).toMatch(/SELF_SIGNED|CERT|certificate/i);
      expect(reached).toBe(1);
    } finally {
      server.stop(true);
      await Bun.$`rm -f ${dir}.key ${dir}.crt`.quiet();
    }
  });

  test('the certificate is checked against the host name of the URL, not the address connected to', async () => {
    const dir = `${process.env.TMPDIR ?? '/tmp'}/latchkey-tls-${crypto.randomUUID()}`;
    const made = Bun.spawnSync([
      'openssl',
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      `${dir}.key`,
      '-out',
      `${dir}.crt`,
    ]);
    expect(made.exitCode).toBe(0);
    // A process that trusts this certificate (trust is fixed when a process starts).
    const script = `
      const server = Bun.serve({ hostname: '127.0.0.1', port: 0, tls: { cert: Bun.file('${dir}.crt'), key: Bun.file('${dir}.key') }, fetch: () => new Response('ok', { status: 201 }) });
      const { exchange } = await import(${JSON.stringify(`${import.meta.dir}/http-send.ts`)});
      const results = [];
      for (const host of ['localhost', '127.0.0.1']) {
        results.push(await exchange({ url: 'https://' + host + ':' + server.port + '/hook', method: 'POST', timeoutMs: 3000, maxResponseBytes: 1024, allowPrivate: true }).catch((error) => error.code));
      }
      server.stop(true);
      console.log(JSON.stringify(results));
    `;
    try {
      const run = Bun.spawnSync([process.execPath, '-e', script], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: `${dir}.crt` },
      });
      expect(run.stderr.toString()).toBe('');
      expect(JSON.parse(run.stdout.toString())).toEqual([
        { status: 201, bodyBytesRead: 2 },
        'ERR_TLS_CERT_ALTNAME_INVALID',
      ]);
    } finally {
      await Bun.$`rm -f ${dir}.key ${dir}.crt`.quiet();
    }
  });
});
