import { describe, expect, test } from 'bun:test';
import { ApiError } from '../../errors/api-error.ts';
import { parseAuthorizationHeader } from './authorization-header.ts';

const refused = (header: string) => {
  try {
    parseAuthorizationHeader(header);
  } catch (error) {
    return error instanceof ApiError && error.code === 'auth.malformed_authorization_header';
  }
  return false;
};

describe('the Authorization header', () => {
  test('absent: no credential', () => {
    expect(parseAuthorizationHeader(null)).toBeUndefined();
  });

  test('a bearer token, in every spelling of the scheme and the spaces around it', () => {
    for (const header of [
      'Bearer abc.def-ghi',
      'bearer abc.def-ghi',
      'BEARER abc.def-ghi',
      '  Bearer   abc.def-ghi  ',
      'Bearer\tabc.def-ghi',
    ])
      expect(parseAuthorizationHeader(header)).toEqual({ scheme: 'bearer', token: 'abc.def-ghi' });
  });

  test('a bearer header without exactly one token is refused', () => {
    for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer a\u00a0b', 'Bearer  ', 'Bearer a\nb'])
      expect(refused(header)).toBe(true);
  });

  test('HTTP Basic: id and secret, form-decoded', () => {
    const value = Buffer.from('my+client:s%3Acret').toString('base64');
    expect(parseAuthorizationHeader(`Basic ${value}`)).toEqual({
      scheme: 'basic',
      username: 'my client',
      password: 's:cret',
    });
    expect(refused(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBe(true);
    expect(refused('Basic not*base64')).toBe(true);
  });

  test('another scheme is refused', () => {
    expect(refused('Digest abc')).toBe(true);
  });
});
