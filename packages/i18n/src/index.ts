export { languages, languageCodes, defaultLanguage, isLanguage, type Language } from './languages.ts';
export { negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';
export { translate, isMessageKey } from './translate.ts';
export { locales } from './locales/index.ts';
export type {
  LocaleMessages,
  MessageKey,
  MessageParams,
  Namespace,
  NamespaceMessages,
  Phrases,
} from './types.ts';
