import '@mantine/core/styles.layer.css';
import '@mantine/notifications/styles.layer.css';
import '@mantine/charts/styles.layer.css';
import './global.css';
import { ColorSchemeScript, mantineHtmlProps } from '@mantine/core';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from '../components/providers';
import { portalMessages } from '../lib/i18n/messages';
import { getLanguage, getT } from '../lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: { default: t('app.console'), template: `%s · ${t('app.name')}` }, description: t('app.tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const language = await getLanguage();
  // The nonce proxy.ts put in this response's Content-Security-Policy (Next.js adds it to its own scripts).
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang={language} {...mantineHtmlProps}>
      <head>
        <ColorSchemeScript defaultColorScheme="light" nonce={nonce} />
      </head>
      <body>
        <Providers language={language} messages={portalMessages(language)}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
