import { afterAll, describe, expect, test } from 'bun:test';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { classifyAddress, RefusedAddressError } from './address-guard.ts';
import { InvalidCallbackUrlError, isSendableHeader, sendForm, sendRequest } from './http-send.ts';

const receiver = startCallbackReceiver((call) => (call.path === '/redirect' ? 302 : 200));
afterAll(() => receiver.stop());

describe('which addresses a callback may reach', () => {
  test.each([
    ['93.184.216.34', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.1.1', 'private'],
    ['0.0.0.0', 'private'],
    ['::1', 'private'],
    ['fe80::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:127.0.0.1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['not an address', 'private'],
  ] as const)('%s is %s', (address, verdict) => {
    expect(classifyAddress(address)).toBe(verdict);
  });
});

describe('sending a form', () => {
  const send = (url: string, allowPrivate: boolean) =>
    sendForm({ url, method: 'POST', form: { a: '1' }, timeoutMs: 2_000, maxResponseBytes: 1024, allowPrivate });

  test('reaches a loopback receiver only when private addresses are allowed', async () => {
    expect(await send(receiver.url('/ok'), true)).toBe(200);
    expect(receiver.calls.at(-1)).toMatchObject({ method: 'POST', path: '/ok', fields: { a: '1' } });
    const before = receiver.calls.length;
    await expect(send(receiver.url('/ok'), false)).rejects.toBeInstanceOf(RefusedAddressError);
    expect(receiver.calls.length).toBe(before);
  });

  test('a host name that resolves to loopback is refused when connecting', async () => {
    const before = receiver.calls.length;
    await expect(send(receiver.url('/ok').replace('127.0.0.1', 'localhost'), false)).rejects.toBeInstanceOf(
      RefusedAddressError,
    );
    expect(receiver.calls.length).toBe(before);
  });

  test('metadata addresses are refused even when private addresses are allowed', async () => {
    await expect(send('http://169.254.169.254/latest/meta-data', true)).rejects.toBeInstanceOf(RefusedAddressError);
    await expect(send('http://[::ffff:169.254.169.254]/', true)).rejects.toBeInstanceOf(RefusedAddressError);
  });

  test('only http and https, and redirects are not followed', async () => {
    await expect(send('file:///etc/passwd', true)).rejects.toBeInstanceOf(InvalidCallbackUrlError);
    await expect(send('gopher://127.0.0.1/', true)).rejects.toBeInstanceOf(InvalidCallbackUrlError);
    await expect(send('not a url', true)).rejects.toBeInstanceOf(InvalidCallbackUrlError);
    expect(await send(receiver.url('/redirect'), true)).toBe(302);
  });

  test('GET puts the form in the query', async () => {
    expect(
      await sendForm({
        url: receiver.url('/get?x=1'),
        method: 'GET',
        form: { content: '{"a":1}' },
        timeoutMs: 2_000,
        maxResponseBytes: 1024,
        allowPrivate: true,
      }),
    ).toBe(200);
    expect(receiver.calls.at(-1)).toMatchObject({
      method: 'GET',
      path: '/get',
      fields: { x: '1', content: '{"a":1}' },
      body: '',
    });
  });
});

describe('sending a body with headers', () => {
  test('any of the callback methods, with the body, its content type and the extra headers', async () => {
    const body = { contentType: 'application/json', content: '{"action":"add-user"}' };
    expect(
      await sendRequest({
        url: receiver.url('/hook'),
        method: 'PUT',
        body,
        headers: { 'X-Hook-Token': 'abc' },
        timeoutMs: 2_000,
        maxResponseBytes: 1024,
        allowPrivate: true,
      }),
    ).toBe(200);
    expect(receiver.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/hook', body: '{"action":"add-user"}' });
    expect(receiver.calls.at(-1)!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-hook-token': 'abc',
      'user-agent': 'Latchkey',
    });
  });

  test('headers that would change the connection or carry a line break are refused before connecting', async () => {
    expect(isSendableHeader('X-Team', 'blue')).toBe(true);
    for (const [name, value] of [
      ['Host', 'evil.example'],
      ['content-length', '0'],
      ['Transfer-Encoding', 'chunked'],
      ['X-Split', 'a\r\nX-Injected: 1'],
      ['Bad Name', 'x'],
      ['', 'x'],
    ]) {
      expect({ name, sendable: isSendableHeader(name!, value!) }).toEqual({ name, sendable: false });
    }
    const before = receiver.calls.length;
    await expect(
      sendRequest({
        url: receiver.url('/hook'),
        method: 'POST',
        headers: { Host: 'evil.example' },
        timeoutMs: 2_000,
        maxResponseBytes: 1024,
        allowPrivate: true,
      }),
    ).rejects.toBeInstanceOf(InvalidCallbackUrlError);
    expect(receiver.calls.length).toBe(before);
  });
});
