'use client';

import type { Language, MessageParams } from '@latchkey/i18n';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { fill, lookup, type PortalKey, type PortalMessages } from '@/lib/i18n/messages';

interface I18nValue {
  language: Language;
  t: (key: PortalKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Hands the portal messages of the request's language to client components. */
export function I18nProvider({
  language,
  messages,
  children,
}: {
  language: Language;
  messages: PortalMessages;
  children: ReactNode;
}) {
  const value = useMemo<I18nValue>(
    () => ({ language, t: (key, params) => fill(lookup(messages, key), params) }),
    [language, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider');
  return value;
}

export const useT = () => useI18n().t;
