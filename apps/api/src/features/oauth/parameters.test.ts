import { describe, expect, test } from 'bun:test';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import { readOAuthParameters } from './parameters.ts';

/** What URLSearchParams makes of a form, by the endpoint's rules (duplicates refused, empty values absent). */
function expected(text: string): Record<string, string> | 'refused' {
  const seen = new Set<string>();
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (seen.has(name)) return 'refused';
    seen.add(name);
    if (value !== '') out[name] = value;
  }
  return out;
}

async function read(text: string, where: 'body' | 'query'): Promise<Record<string, string> | 'refused'> {
  const request =
    where === 'body'
      ? new Request('http://localhost/api/login/oauth/access_token', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: text,
        })
      : new Request(`http://localhost/api/login/oauth/access_token?${text}`);
  try {
    return Object.fromEntries(await readOAuthParameters(request));
  } catch (error) {
    if (error instanceof OAuthError) return 'refused';
    throw error;
  }
}

describe('form parameters', () => {
  test('read as URLSearchParams reads them, with or without anything to decode', async () => {
    const pieces = ['a', 'b', '=', '&', '&&', 'é', '?', '%41', '%zz', '+', 'scope', 'x y', ''];
    // A fixed pseudo-random sequence, so a failure can be replayed.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >>> 16;
    };
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = next() % 8;
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length];
      if (text.trim() === '' || text.trimStart().startsWith('{')) continue;
      expect({ text, parameters: await read(text, 'body') }).toEqual({ text, parameters: expected(text) });
      const query = text.replaceAll(' ', '%20').replaceAll('é', '%C3%A9');
      expect({ query, parameters: await read(query, 'query') }).toEqual({ query, parameters: expected(query) });
    }
  });

  test('the usual token request', async () => {
    expect(await read('grant_type=client_credentials&scope=read', 'body')).toEqual({
      grant_type: 'client_credentials',
      scope: 'read',
    });
    expect(await read('scope=a&scope=b', 'body')).toBe('refused');
    expect(await read('?scope=a', 'body')).toEqual({ scope: 'a' });
  });
});

describe('a POST without a body', () => {
  const bodiless = (contentType?: string) =>
    new Request('http://localhost/api/login/oauth/access_token?grant_type=client_credentials', {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
    });

  test('has the parameters of its query alone, whatever its content type says', async () => {
    for (const contentType of [
      undefined,
      'application/x-www-form-urlencoded',
      'application/json',
      'multipart/form-data',
    ]) {
      expect(Object.fromEntries(await readOAuthParameters(bodiless(contentType)))).toEqual({
        grant_type: 'client_credentials',
      });
    }
  });

  test('positive control: the same request with a body has the body parameters too', async () => {
    const request = new Request('http://localhost/api/login/oauth/access_token?grant_type=client_credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scope=read',
    });
    expect(Object.fromEntries(await readOAuthParameters(request))).toEqual({
      grant_type: 'client_credentials',
      scope: 'read',
    });
  });
});
