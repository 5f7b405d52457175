import { describe, expect, test } from 'bun:test';
import { locales, type MessageKey } from '@latchkey/i18n';
import { oauthErrorDescription } from './oauth-error.ts';

/** RFC 6749 §4.1.2.1 and §5.2 (RFC 6750 §3 too): error_description is %x20-21 / %x23-5B / %x5D-7E. */
const DESCRIPTION_CHARSET = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Every message key of a group of the English messages, with a value for each of its placeholders. */
function keysOf(group: 'general' | 'auth' | 'object' | 'oauth'): { key: MessageKey; placeholders: string[] }[] {
  return Object.entries(locales.en[group]).map(([name, text]) => ({
    key: `${group}.${name}` as MessageKey,
    placeholders: [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
  }));
}

const fill = (placeholders: string[], value: string) => Object.fromEntries(placeholders.map((name) => [name, value]));

describe('error_description', () => {
  test('every English OAuth message is already within the character set, without quotes or backslashes', () => {
    const keys = keysOf('oauth').filter(({ key }) => !key.startsWith('oauth.page_'));
    expect(keys.length).toBeGreaterThan(40);
    for (const { key, placeholders } of keys) {
      const text = String(locales.en.oauth[key.slice('oauth.'.length) as keyof typeof locales.en.oauth]);
      expect({ key, ok: DESCRIPTION_CHARSET.test(text) }).toEqual({ key, ok: true });
      // Our own texts need no rewriting: what the RFC allows is what we wrote.
      expect(oauthErrorDescription(key, fill(placeholders, 'scope'))).toBe(text.replace(/\{(\w+)\}/g, 'scope'));
    }
  });

  test('every message that can reach an OAuth endpoint stays in the character set, whatever its parameters hold', () => {
    for (const group of ['general', 'auth', 'object', 'oauth'] as const) {
      for (const { key, placeholders } of keysOf(group)) {
        const description = oauthErrorDescription(key, fill(placeholders, 'a "quoted" \\ é 中文 \u0000\n value'));
        expect({ key, description, ok: DESCRIPTION_CHARSET.test(description) }).toEqual({ key, description, ok: true });
        expect(description.length).toBeGreaterThan(0);
      }
    }
  });

  test('a quote becomes an apostrophe, anything else outside the set a question mark', () => {
    expect(oauthErrorDescription('oauth.parameter_missing', { name: 'a"b\\c\u00e9' })).toBe(
      "The parameter 'a'b?c?' is required.",
    );
  });
});
