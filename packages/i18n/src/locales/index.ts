import type { Language } from '../languages.ts';
import type { LocaleMessages } from '../types.ts';
import { de } from './de/index.ts';
import { en } from './en/index.ts';
import { es } from './es/index.ts';
import { fr } from './fr/index.ts';
import { it } from './it/index.ts';
import { ja } from './ja/index.ts';
import { ko } from './ko/index.ts';
import { pl } from './pl/index.ts';
import { pt } from './pt/index.ts';
import { ru } from './ru/index.ts';
import { tr } from './tr/index.ts';
import { uk } from './uk/index.ts';
import { vi } from './vi/index.ts';
import { zh } from './zh/index.ts';

export const locales: Record<Language, LocaleMessages> = {
  en,
  zh,
  es,
  fr,
  de,
  ja,
  ko,
  pt,
  ru,
  it,
  pl,
  tr,
  uk,
  vi,
};
