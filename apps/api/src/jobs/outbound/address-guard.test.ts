import { describe, expect, test } from 'bun:test';
import { classifyAddress, RefusedAddressError } from './address-guard.ts';
import { embeddedIPv4, ipv6Bytes } from './embedded-ipv4.ts';
import { sendForm } from './http-send.ts';

/** Every special IPv4 range, by one address inside it (and its edges where they are close to public ones). */
const ipv4Private = [
  '0.0.0.0',
  '0.255.255.255',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.0.1',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.8',
  '192.0.2.1',
  '192.168.0.1',
  '198.18.0.1',
  '198.19.255.255',
  '198.51.100.7',
  '203.0.113.9',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
];
const ipv4Public = [
  '8.8.8.8',
  '93.184.216.34',
  '1.1.1.1',
  '100.63.255.255',
  '100.128.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '192.167.255.255',
  '198.20.0.0',
  '223.255.255.255',
];

describe('IPv4 addresses', () => {
  test.each(ipv4Private)('%s is private', (address) => expect(classifyAddress(address)).toBe('private'));
  test.each(ipv4Public)('%s is public', (address) => expect(classifyAddress(address)).toBe('public'));
  test.each(['169.254.169.254', '169.254.170.2', '100.100.100.200'])('%s is a metadata service', (address) =>
    expect(classifyAddress(address)).toBe('metadata'),
  );
});

/** Every IPv6 special range, in several spellings. */
const ipv6Private = [
  '::',
  '0:0:0:0:0:0:0:0',
  '::1',
  '0000:0000:0000:0000:0000:0000:0000:0001',
  'fc00::1',
  'fd12:3456:789a::1',
  'FD12:3456::1',
  'fe80::1',
  'FE80::1',
  'fe80::1%eth0',
  'fe80::1%25eth0',
  'febf:ffff::1',
  'fec0::1',
  'feff::1',
  'ff02::1',
  'ff05::1:3',
  'FF0E::1',
  '2001:db8::1',
  '2001:0DB8:0000:0000:0000:0000:0000:0001',
  '100::1',
  '100:0:0:0:ffff:ffff:ffff:ffff',
  '64:ff9b:1::1',
  '3fff::1',
  '5f00::1',
  '2001:2::1',
  '2001:20::1',
];
const ipv6Public = [
  '2606:4700:4700::1111',
  '2a00:1450:4001:81c::200e',
  '2001:4860:4860::8888',
  '2001:200::1',
  '101::1',
  '2001:db9::1',
  'fbff::1',
  'ff::1',
];

describe('IPv6 addresses', () => {
  test.each(ipv6Private)('%s is private', (address) => expect(classifyAddress(address)).toBe('private'));
  test.each(ipv6Public)('%s is public', (address) => expect(classifyAddress(address)).toBe('public'));
  test('a zone id makes even a public address private', () =>
    expect(classifyAddress('2606:4700:4700::1111%eth0')).toBe('private'));
});

/** IPv6 addresses that carry an IPv4 address, as [address, the IPv4 address(es) carried]. */
const carriers = (ipv4: string, hex: string) => {
  const [high, low] = [hex.slice(0, 4), hex.slice(4)];
  const inverted = (Number.parseInt(hex, 16) ^ 0xffffffff) >>> 0;
  const invertedHex = inverted.toString(16).padStart(8, '0');
  return [
    // IPv4-mapped
    `::ffff:${ipv4}`,
    `::FFFF:${ipv4}`,
    `::ffff:${high}:${low}`,
    `0:0:0:0:0:ffff:${high}:${low}`,
    `0000:0000:0000:0000:0000:FFFF:${high.toUpperCase()}:${low.toUpperCase()}`,
    `0:0:0:0:0:ffff:${ipv4}`,
    // IPv4-translated
    `::ffff:0:${ipv4}`,
    `::ffff:0:${high}:${low}`,
    `0:0:0:0:ffff:0:${high}:${low}`,
    // IPv4-compatible
    `::${ipv4}`,
    `::${high}:${low}`,
    // NAT64, well-known and local-use prefixes
    `64:ff9b::${ipv4}`,
    `64:ff9b::${high}:${low}`,
    `0064:FF9B:0000:0000:0000:0000:${high}:${low}`,
    `64:ff9b:1::${high}:${low}`,
    `64:ff9b:1:abcd::${ipv4}`,
    // 6to4
    `2002:${high}:${low}::`,
    `2002:${high}:${low}::1`,
    `2002:${high.toUpperCase()}:${low}:1:2:3:4:5`,
    // Teredo: the client in the last 32 bits, inverted; the server in bits 32-63
    `2001:0:4136:e378:8000:63bf:${invertedHex.slice(0, 4)}:${invertedHex.slice(4)}`,
    `2001::${invertedHex.slice(0, 4)}:${invertedHex.slice(4)}`,
  ];
};

const hexOf = (ipv4: string) =>
  ipv4
    .split('.')
    .map((part) => Number(part).toString(16).padStart(2, '0'))
    .join('');

describe('IPv4 carried in IPv6 is judged by the IPv4 address', () => {
  for (const [ipv4, verdict] of [
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['127.0.0.1', 'private'],
    ['10.1.2.3', 'private'],
    ['192.168.0.10', 'private'],
    ['172.16.5.4', 'private'],
    ['169.254.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['0.0.0.0', 'private'],
    ['224.0.0.1', 'private'],
    ['255.255.255.255', 'private'],
  ] as const) {
    test.each(carriers(ipv4, hexOf(ipv4)))(`%s carries ${ipv4}: ${verdict}`, (address) => {
      expect(classifyAddress(address)).toBe(verdict);
    });
  }

  test('the IPv4 addresses are decoded from each form', () => {
    const decode = (address: string) => embeddedIPv4(ipv6Bytes(address)!);
    expect(decode('::ffff:169.254.169.254')).toEqual(['169.254.169.254']);
    expect(decode('::ffff:0:a9fe:a9fe')).toEqual(['169.254.169.254']);
    expect(decode('::7f00:1')).toEqual(['127.0.0.1']);
    expect(decode('64:ff9b::a9fe:a9fe')).toEqual(['169.254.169.254']);
    expect(decode('64:ff9b:1::a00:1')).toEqual(['10.0.0.1']);
    expect(decode('2002:c0a8:0101::1')).toEqual(['192.168.1.1']);
    // Teredo example of RFC 4380: server 65.54.227.120, client 192.0.2.45
    expect(decode('2001:0000:4136:e378:8000:63bf:3fff:fdd2')).toEqual(['65.54.227.120', '192.0.2.45']);
    expect(decode('2606:4700:4700::1111')).toEqual([]);
  });

  test('a Teredo address is refused for a private server as well as for a private client', () => {
    // server 10.0.0.1, client 8.8.8.8 (inverted: f7f7:f7f7)
    expect(classifyAddress('2001:0:a00:1::f7f7:f7f7')).toBe('private');
    // server 65.54.227.120, client 127.0.0.1 (inverted: 80ff:fffe)
    expect(classifyAddress('2001:0:4136:e378::80ff:fffe')).toBe('private');
    // both public
    expect(classifyAddress('2001:0:4136:e378::f7f7:f7f7')).toBe('public');
  });

  test.each([
    '::ffff:8.8.8.8',
    '::ffff:0:808:808',
    '64:ff9b::8.8.8.8',
    '64:FF9B::808:808',
    '2002:808:808::1',
    '::808:808',
  ])('%s carries a public address: public', (address) => {
    expect(classifyAddress(address)).toBe('public');
  });
});

describe('literal hosts in callback URLs', () => {
  const send = (url: string) =>
    sendForm({ url, method: 'POST', form: {}, timeoutMs: 2_000, maxResponseBytes: 1024, allowPrivate: true });
  test.each([
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[64:ff9b::169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::169.254.169.254]/',
    'http://[2002:a9fe:a9fe::]/',
    'http://[2001:0:4136:e378::5601:5601]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://0xa9fea9fe/',
    'http://2852039166/',
    'http://169.254.43518/',
  ])('%s reaches a metadata service: refused before connecting, even with private addresses allowed', async (url) => {
    await expect(send(url)).rejects.toBeInstanceOf(RefusedAddressError);
  });

  test('with private addresses not allowed, every carried private address is refused', async () => {
    for (const url of [
      'http://[64:ff9b::7f00:1]/',
      'http://[::ffff:7f00:1]/',
      'http://[2002:7f00:1::1]/',
      'http://[::127.0.0.1]/',
      'http://[fec0::1]/',
    ]) {
      const refused = await sendForm({
        url,
        method: 'POST',
        form: {},
        timeoutMs: 2_000,
        maxResponseBytes: 1024,
        allowPrivate: false,
      }).then(
        () => false,
        (error: unknown) => error instanceof RefusedAddressError,
      );
      expect({ url, refused }).toEqual({ url, refused: true });
    }
  });
});
