import { describe, expect, test } from 'bun:test';
import { claimedTokenName, unverifiedPayload } from './unverified-payload.ts';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${segment({ alg: 'ES256' })}.${segment(payload)}.c2lnbmF0dXJl`;

describe('what a JWT claims, unverified', () => {
  test('the row name is the jti after admin/', () => {
    expect(claimedTokenName(jwt({ jti: 'admin/0193a1b2-c3d4', sub: 'x' }))).toBe('0193a1b2-c3d4');
  });

  test('no name from a jti of another owner, of another type, or from what is not a JWT', () => {
    expect(claimedTokenName(jwt({ jti: 'built-in/0193a1b2' }))).toBeUndefined();
    expect(claimedTokenName(jwt({ jti: 42 }))).toBeUndefined();
    expect(claimedTokenName(jwt({ sub: 'x' }))).toBeUndefined();
    expect(claimedTokenName(jwt(['admin/x']))).toBeUndefined();
    expect(claimedTokenName('opaque-token')).toBeUndefined();
    expect(claimedTokenName('a.%%%.c')).toBeUndefined();
    expect(claimedTokenName(`${segment({})}.${Buffer.from('{not json').toString('base64url')}.x`)).toBeUndefined();
  });

  test('the payload is read as it is, the signature unchecked', () => {
    expect(unverifiedPayload(jwt({ iss: 'https://id.example', aud: ['a'] }))).toEqual({
      iss: 'https://id.example',
      aud: ['a'],
    });
    expect(unverifiedPayload('a.b')).toBeUndefined();
  });
});
