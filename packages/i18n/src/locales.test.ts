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

describe('loading', () => {
  test('a language other than English is loaded when first used, and stays loaded', () => {
    // A process of its own, so that no other test has used a language yet.
    const script = `
      const { locales } = await import('./locales/index.ts');
      const { translate } = await import('./translate.ts');
      const loaded = (language) => 'value' in Object.getOwnPropertyDescriptor(locales, language);
      const before = ['de', 'ja'].map(loaded);
      const text = translate('de', 'general.internal_error', { requestId: 'r1' });
      console.log(JSON.stringify({ before, after: ['de', 'ja'].map(loaded), text, same: locales.de === locales.de, keys: Object.keys(locales).length }));
    `;
    const result = Bun.spawnSync([process.execPath, '-e', script], { cwd: import.meta.dir, stderr: 'pipe' });
    expect(result.stderr.toString()).toBe('');
    const outcome = JSON.parse(result.stdout.toString());
    expect(outcome).toMatchObject({
      before: [false, false],
      after: [true, false],
      same: true,
      keys: languageCodes.length,
    });
    expect(outcome.text).toContain('r1');
    expect(outcome.text).not.toBe(locales.en.general.internal_error.replace('{requestId}', 'r1'));
  });
});
