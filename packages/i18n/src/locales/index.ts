import type { Language } from '../languages.ts';
import type { LocaleMessages } from '../types.ts';
import { en } from './en/index.ts';

/**
 * Each language other than English, loaded the first time it is used. A server speaks one or two
 * languages most of the time, and the thirteen others together are larger than all the rest of the
 * API's code that runs at start-up. `require` keeps the loading synchronous for `translate`'s callers,
 * and a bundler still sees every locale.
 */
const loaders: Record<Exclude<Language, 'en'>, () => LocaleMessages> = {
  zh: () => (require('./zh/index.ts') as typeof import('./zh/index.ts')).zh,
  es: () => (require('./es/index.ts') as typeof import('./es/index.ts')).es,
  fr: () => (require('./fr/index.ts') as typeof import('./fr/index.ts')).fr,
  de: () => (require('./de/index.ts') as typeof import('./de/index.ts')).de,
  ja: () => (require('./ja/index.ts') as typeof import('./ja/index.ts')).ja,
  ko: () => (require('./ko/index.ts') as typeof import('./ko/index.ts')).ko,
  pt: () => (require('./pt/index.ts') as typeof import('./pt/index.ts')).pt,
  ru: () => (require('./ru/index.ts') as typeof import('./ru/index.ts')).ru,
  it: () => (require('./it/index.ts') as typeof import('./it/index.ts')).it,
  pl: () => (require('./pl/index.ts') as typeof import('./pl/index.ts')).pl,
  tr: () => (require('./tr/index.ts') as typeof import('./tr/index.ts')).tr,
  uk: () => (require('./uk/index.ts') as typeof import('./uk/index.ts')).uk,
  vi: () => (require('./vi/index.ts') as typeof import('./vi/index.ts')).vi,
};

/** Every language's messages; reading one that is not loaded yet loads it. */
export const locales = { en } as Record<Language, LocaleMessages>;
for (const [language, load] of Object.entries(loaders)) {
  Object.defineProperty(locales, language, {
    enumerable: true,
    configurable: true,
    get() {
      const messages = load();
      Object.defineProperty(locales, language, { value: messages, enumerable: true, writable: false });
      return messages;
    },
  });
}
