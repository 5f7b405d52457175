/** Languages Latchkey speaks, with the name each language gives itself. English is the source. */
export const languages = {
  en: 'English',
  zh: '中文',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  ja: '日本語',
  ko: '한국어',
  pt: 'Português',
  ru: 'Русский',
  it: 'Italiano',
  pl: 'Polski',
  tr: 'Türkçe',
  uk: 'Українська',
  vi: 'Tiếng Việt',
} as const;

export type Language = keyof typeof languages;

export const defaultLanguage: Language = 'en';

export const languageCodes = Object.keys(languages) as Language[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(languages, value);
}
