import { describe, expect, test } from 'bun:test';
import { negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';
import { translate } from './translate.ts';

describe('Accept-Language', () => {
  test('orders tags by quality, keeping header order on ties', () => {
    expect(parseAcceptLanguage('de;q=0.5, fr-CA, fr;q=0.9, en;q=0.9')).toEqual(['fr-ca', 'fr', 'en', 'de']);
  });

  test('drops q=0 and malformed qualities', () => {
    expect(parseAcceptLanguage('fr;q=0, de;q=abc, es')).toEqual(['es']);
  });

  test.each([
    ['fr-CA,fr;q=0.9', 'fr'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['pt-BR', 'pt'],
    ['xx, de;q=0.7', 'de'],
    ['en-GB;q=0.2, ja;q=0.8', 'ja'],
    ['ko_KR', 'ko'],
    ['tlh', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [null, 'en'],
  ])('%p → %p', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected as never);
  });
});

describe('translate', () => {
  test('fills placeholders in the requested language', () => {
    expect(translate('fr', 'general.missing_parameter', { name: 'id' })).toBe('Le paramètre « id » est obligatoire.');
    expect(translate('en', 'general.invalid_id', { id: 'a/b/c' })).toBe(
      'The id "a/b/c" must have the form owner/name.',
    );
  });

  test('different languages give different texts', () => {
    const texts = new Set(['en', 'de', 'zh', 'ja'].map((l) => translate(l as never, 'general.please_login_first')));
    expect(texts.size).toBe(4);
  });
});
