'use client';

import { languageCodes, languages as languageNames } from '@latchkey/i18n';
import { isCssColor, isHttpUrl } from '@latchkey/types';
import {
  Box,
  Button,
  ColorInput,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { type SignInExperience, saveSignInExperience } from '@/lib/actions/organizations';
import { BrandLinks, BrandLogo, brandColor } from '../auth/branding';
import { SignInAgain } from '../auth/sign-in-again';
import { FormError, useFormAction } from '../common/form-action';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';
import { KeyboardPill } from '../objects/keyboard-pill';

const swatches = ['#2957d9', '#0b7285', '#2b8a3e', '#e8590c', '#c2255c', '#5f3dc4', '#212529'];

/**
 * On an organization's page: what its sign-in pages show (logo, favicon, website, brand colour,
 * languages offered), with a preview that follows every change before it is saved.
 */
export function SignInExperiencePanel({
  organization,
  displayName,
  initial,
  readOnly,
}: {
  organization: string;
  displayName: string;
  initial: SignInExperience;
  readOnly?: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [values, setValues] = useState<SignInExperience>(initial);
  const { state, action, pending, form } = useFormAction(saveSignInExperience.bind(null, organization));
  useEffect(() => {
    if (state.savedAt) router.refresh();
  }, [state.savedAt, router]);
  const set = <K extends keyof SignInExperience>(name: K, value: SignInExperience[K]) =>
    setValues((current) => ({ ...current, [name]: value }));
  // Said while typing, before a save: the same rules the API applies.
  const urlError = (value: string) => (value && !isHttpUrl(value) ? t('branding.url_invalid') : undefined);
  const colorError = values.colorPrimary && !isCssColor(values.colorPrimary) ? t('branding.color_invalid') : undefined;
  const error = (field: keyof SignInExperience) => state.fieldErrors?.[field];
  return (
    <Section title={t('branding.title')} help={t('branding.help')} testId="sign-in-experience">
      <SignInAgain state={state} form={form} />
      <form action={action} ref={form} noValidate data-testid="sign-in-experience-form">
        <input type="hidden" name="values" value={JSON.stringify(values)} />
        <FormError state={state} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="md">
            <TextInput
              type="url"
              label={t('branding.logo')}
              description={t('branding.logo_help')}
              value={values.logo}
              onChange={(event) => set('logo', event.currentTarget.value)}
              error={error('logo') ?? urlError(values.logo)}
              disabled={readOnly}
              autoComplete="off"
              data-testid="branding-logo-input"
            />
            <TextInput
              type="url"
              label={t('branding.favicon')}
              description={t('branding.favicon_help')}
              value={values.favicon}
              onChange={(event) => set('favicon', event.currentTarget.value)}
              error={error('favicon') ?? urlError(values.favicon)}
              disabled={readOnly}
              autoComplete="off"
              data-testid="branding-favicon-input"
            />
            <TextInput
              type="url"
              label={t('branding.website')}
              description={t('branding.website_help')}
              value={values.websiteUrl}
              onChange={(event) => set('websiteUrl', event.currentTarget.value)}
              error={error('websiteUrl') ?? urlError(values.websiteUrl)}
              disabled={readOnly}
              autoComplete="off"
              data-testid="branding-website-input"
            />
            <ColorInput
              label={t('branding.color')}
              description={t('branding.color_help')}
              value={values.colorPrimary}
              onChange={(value) => set('colorPrimary', value)}
              format="hex"
              swatches={swatches}
              error={error('colorPrimary') ?? colorError}
              disabled={readOnly}
              placeholder="#2957d9"
              eyeDropperButtonProps={{ 'aria-label': t('branding.eye_dropper') }}
              data-testid="branding-color-input"
            />
            <MultiSelect
              label={t('branding.languages')}
              description={t('branding.languages_help')}
              data={languageCodes.map((code) => ({ value: code, label: `${languageNames[code]} (${code})` }))}
              value={values.languages}
              onChange={(next) => set('languages', next)}
              error={error('languages')}
              disabled={readOnly}
              searchable
              renderPill={({ value: item, onRemove, disabled }) => (
                <KeyboardPill value={item ?? ''} onRemove={onRemove} disabled={disabled} />
              )}
              data-testid="branding-languages-input"
            />
          </Stack>
          <SignInPreview organization={displayName || organization} values={values} />
        </SimpleGrid>
        {readOnly ? null : (
          <Group justify="flex-end" mt="md">
            <Button
              type="submit"
              variant="light"
              loading={pending}
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="save-sign-in-experience"
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
      </form>
    </Section>
  );
}

/** The sign-in page as these settings make it look; nothing in it can be used. */
function SignInPreview({ organization, values }: { organization: string; values: SignInExperience }) {
  const t = useT();
  const color = brandColor(values.colorPrimary);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="sign-in-preview-label">
        {t('branding.preview')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('branding.preview_help')}
      </Text>
      <Box
        bg="var(--mantine-color-gray-0)"
        p="md"
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
        role="img"
        aria-labelledby="sign-in-preview-label"
        data-testid="sign-in-preview"
        data-color={color ?? ''}
      >
        {/* inert: a picture of the page; none of its fields, buttons or links can be focused or used. */}
        <Paper withBorder radius="md" p="lg" maw={360} mx="auto" inert>
          <Stack gap="sm">
            <BrandLogo src={values.logo} alt="" />
            <Title order={3} size="h4" ta="center" data-testid="preview-title">
              {t('branding.preview_title', { organization })}
            </Title>
            <TextInput label={t('signin.username')} readOnly size="xs" />
            <TextInput label={t('signin.password')} type="password" readOnly size="xs" />
            <Button color={color} fullWidth size="sm" data-testid="preview-button" component="div">
              {t('signin.submit')}
            </Button>
            <BrandLinks
              website={values.websiteUrl}
              websiteLabel={t('branding.website_link', { organization })}
              termsLabel=""
              color={values.colorPrimary}
            />
            {values.languages.length > 0 ? (
              <Text size="xs" c="dimmed" ta="center" data-testid="preview-languages">
                {values.languages.map((code) => languageNames[code as keyof typeof languageNames] ?? code).join(' · ')}
              </Text>
            ) : null}
          </Stack>
        </Paper>
      </Box>
    </Stack>
  );
}
