import { describe, expect, test } from 'bun:test';
import { isDirectLoopback, isLoopbackAddress } from './access.ts';

const from = (address: string | undefined) => ({ requestIP: () => (address === undefined ? null : { address }) });
const request = (headers: Record<string, string> = {}) => new Request('http://127.0.0.1/api/metrics', { headers });

describe('who counts as this machine', () => {
  test('loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect([address, isLoopbackAddress(address)]).toEqual([address, true]);
    for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '1270.0.0.1', '', 'localhost'])
      expect([address, isLoopbackAddress(address)]).toEqual([address, false]);
  });

  test('a loopback peer counts only when nothing was forwarded by a proxy', () => {
    expect(isDirectLoopback(request(), from('127.0.0.1'))).toBe(true);
    expect(isDirectLoopback(request({ 'x-forwarded-for': '203.0.113.9' }), from('127.0.0.1'))).toBe(false);
    expect(isDirectLoopback(request({ forwarded: 'for=203.0.113.9' }), from('127.0.0.1'))).toBe(false);
    expect(isDirectLoopback(request({ 'x-real-ip': '203.0.113.9' }), from('::1'))).toBe(false);
    expect(isDirectLoopback(request(), from('192.0.2.4'))).toBe(false);
    expect(isDirectLoopback(request(), from(undefined))).toBe(false);
    expect(isDirectLoopback(request(), undefined)).toBe(false);
  });
});
