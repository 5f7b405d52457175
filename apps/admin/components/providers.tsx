'use client';

import type { Language } from '@latchkey/i18n';
import { type CSSVariablesResolver, createTheme, darken, MantineProvider, TableScrollContainer } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import type { PortalMessages } from '../lib/i18n/messages';
import { I18nProvider } from './i18n/i18n-provider';

/**
 * Every text at least 4.5:1 against what it is drawn on (WCAG 2.1 AA), in both schemes. Mantine's
 * defaults fall short in places: filled buttons and links in indigo 6 (4.32:1 on white), dimmed
 * text in gray 6 (3.32:1 on white) or dark 2 (4.03:1 on the dark body), and the "light" variant of
 * badges and alerts (shade 9 on shade 1: 4.32:1 for teal, 2.69:1 for yellow). Filled colours use
 * shade 8: white on it is 5.67:1 for indigo, 4.51:1 for red (shade 7: 4.98:1 and 3.84:1).
 */
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  components: {
    // A table wider than the screen scrolls sideways: its scrolling area takes the keyboard's focus, so it can be scrolled without a mouse.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

/** The "light" variant's text, shade 9 darkened by 30 %: at least 5:1 on its shade 1 for every colour of the palette. */
const lightVariantTexts = (colors: Record<string, readonly string[]>) =>
  Object.fromEntries(
    Object.entries(colors).map(([name, shades]) => [
      `--mantine-color-${name}-light-color`,
      darken(shades[9] ?? '#000', 0.3),
    ]),
  );

const resolveCssVariables: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    // 8.2:1 on white, 7.7:1 on gray 0 (the sign-in pages' background).
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...lightVariantTexts(resolved.colors),
  },
  dark: {
    // 6.4:1 on dark 8, 5.3:1 on dark 6 (cards and inputs); the body text (dark 0) stays brighter.
    '--mantine-color-dimmed': '#a1a1a1',
  },
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
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={resolveCssVariables}>
      <Notifications position="top-center" />
      <I18nProvider language={language} messages={messages}>
        {children}
      </I18nProvider>
    </MantineProvider>
  );
}
