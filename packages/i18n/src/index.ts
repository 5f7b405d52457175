export { defaultLanguage, isLanguage, type Language, languageCodes, languages } from './languages.ts';
export { locales } from './locales/index.ts';
export { negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';
export { isMessageKey, translate } from './translate.ts';
export type {
  LocaleMessages,
  MessageKey,
  MessageParams,
  Namespace,
  NamespaceMessages,
  Phrases,
} from './types.ts';
