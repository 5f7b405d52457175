'use client';

import type { Language } from '@latchkey/i18n';
import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import type { PortalMessages } from '../lib/i18n/messages';
import { I18nProvider } from './i18n/i18n-provider';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
});

export function Providers({
  language,
  messages,
  children,
}: {
  language: Language;
  messages: PortalMessages;
  children: ReactNode;
}) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-center" />
      <I18nProvider language={language} messages={messages}>
        {children}
      </I18nProvider>
    </MantineProvider>
  );
}
