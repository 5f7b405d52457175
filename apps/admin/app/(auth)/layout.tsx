import { translate } from '@latchkey/i18n';
import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { Metadata } from 'next';
import type { CSSProperties, ReactNode } from 'react';
import { BrandLinks, BrandLogo, brandColor } from '@/components/auth/branding';
import { Brand } from '@/components/common/brand';
import { LanguagePicker } from '@/components/common/language-picker';
import { pageBranding } from '@/lib/branding';
import { getLanguage, getT } from '@/lib/i18n/server';

/** An organization's sign-in page shows its favicon (an http(s) address, checked by the API and again here). */
export async function generateMetadata(): Promise<Metadata> {
  const favicon = (await pageBranding())?.favicon;
  return favicon ? { icons: { icon: favicon } } : {};
}

/**
 * The colour of an organization's sign-in page: Mantine's primary colour and links, within the card.
 * Only a hex colour is ever written (brandColor), so no text can leave the declaration.
 */
function brandStyle(color: string | undefined): CSSProperties | undefined {
  if (!color) return undefined;
  return {
    '--mantine-primary-color-filled': color,
    '--mantine-primary-color-filled-hover': color,
    '--mantine-color-anchor': color,
  } as CSSProperties;
}

/**
 * The signed-out area: one centred card. The pages of an organization or application
 * (/login/<organization>, /signup/<application>, /forget/<application>) wear its branding: logo,
 * favicon, colour, website and terms of use, and offer only its languages.
 */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const [t, branding, language] = await Promise.all([getT(), pageBranding(), getLanguage()]);
  const color = brandColor(branding?.colorPrimary);
  return (
    <Box mih="100dvh" className="auth-page" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" p="md">
        <Brand name={t('app.name')} />
        <LanguagePicker compact offered={branding?.languages} />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Paper
          component="main"
          id="content"
          withBorder
          shadow="sm"
          radius="lg"
          p={{ base: 'lg', sm: 'xl' }}
          w="100%"
          maw={420}
          style={brandStyle(color)}
          data-brand-color={color ?? ''}
        >
          <Stack gap="lg">
            {branding ? <BrandLogo src={branding.logo} alt={branding.organization} /> : null}
            {children}
            {branding ? (
              <BrandLinks
                website={branding.websiteUrl}
                websiteLabel={translate(language, 'oauth.page_website', { organization: branding.organization })}
                terms={branding.termsOfUse}
                termsLabel={translate(language, 'oauth.page_terms_of_use')}
                color={color}
              />
            ) : null}
          </Stack>
        </Paper>
      </Center>
      <Text c="dimmed" size="xs" ta="center" pb="md">
        {t('app.tagline')}
      </Text>
    </Box>
  );
}
