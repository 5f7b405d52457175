import { describe, expect, test } from 'bun:test';
import { redactObject, redactPathAndQuery } from './redact.ts';

describe('redaction', () => {
  test('replaces every secret query parameter and keeps the rest', () => {
    const url =
      '/api/get-account?access_token=eyJ.a.b&accessToken=t2&clientId=abc&clientSecret=s1&client_secret=s2&accessKey=k&accessSecret=s3&username=org/u&password=hunter2&code=c0de&refresh_token=r1&p=1';
    const redacted = redactPathAndQuery(url);
    for (const secret of ['eyJ.a.b', 't2', 's1', 's2', 's3', 'hunter2', 'c0de', 'r1'])
      expect(redacted).not.toContain(secret);
    expect(redacted).toContain('clientId=abc');
    expect(redacted).toContain('accessKey=k');
    expect(redacted).toContain('username=org/u');
    expect(redacted).toContain('p=1');
    expect(redacted.match(/\[REDACTED\]/g)?.length).toBe(8);
  });

  test('catches encoded and differently cased names', () => {
    expect(redactPathAndQuery('/x?PASSWORD=a&%70assword=b')).toBe('/x?PASSWORD=[REDACTED]&%70assword=[REDACTED]');
  });

  test('leaves paths without a query alone', () => {
    expect(redactPathAndQuery('/api/health')).toBe('/api/health');
  });

  test('redacts nested secret fields of an object', () => {
    expect(
      redactObject({ name: 'a', password: 'p', nested: { clientSecret: 's', ok: 1 }, list: [{ accessSecret: 'x' }] }),
    ).toEqual({
      name: 'a',
      password: '[REDACTED]',
      nested: { clientSecret: '[REDACTED]', ok: 1 },
      list: [{ accessSecret: '[REDACTED]' }],
    });
  });

  test("redacts the value of header pairs that carry credentials (a webhook's headers), not the others", () => {
    const headers = [
      { name: 'Authorization', value: 'Bearer abc' },
      { name: 'X-Api-Key', value: 'k1' },
      { name: 'X-Hook-Token', value: 't1' },
      { name: 'X-Team', value: 'blue' },
    ];
    expect(redactObject({ url: 'https://hooks.example/', headers })).toEqual({
      url: 'https://hooks.example/',
      headers: [
        { name: 'Authorization', value: '[REDACTED]' },
        { name: 'X-Api-Key', value: '[REDACTED]' },
        { name: 'X-Hook-Token', value: '[REDACTED]' },
        { name: 'X-Team', value: 'blue' },
      ],
    });
  });

  test('levels below the ninth are left out, so a secret there is not copied and a deep value serializes', () => {
    let buried: unknown = { password: 'hunter2' };
    for (let level = 0; level < 10; level++) buried = { inner: buried };
    expect(JSON.stringify(redactObject(buried))).not.toContain('hunter2');
    let deep: unknown = 1;
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(JSON.stringify(redactObject({ deep }))).toContain('[NESTED]');
  });
});
