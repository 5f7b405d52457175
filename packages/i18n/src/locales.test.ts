import { describe, expect, test } from 'bun:test';
import { languageCodes } from './languages.ts';
import { locales } from './locales/index.ts';

function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = leaves(locales.en);

describe('every locale is complete', () => {
  test('there are at least fourteen languages', () => {
    expect(languageCodes.length).toBeGreaterThanOrEqual(14);
    expect(english.size).toBeGreaterThan(10);
  });

  for (const language of languageCodes.filter((code) => code !== 'en')) {
    test(`${language} has every English message, no others, the same placeholders, and no empty text`, () => {
      const messages = leaves(locales[language]);
      const missing = [...english.keys()].filter((key) => !messages.has(key));
      const extra = [...messages.keys()].filter((key) => !english.has(key));
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      for (const [key, text] of messages) {
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(english.get(key)!),
        });
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      }
    });
  }
});
