'use client';

import { Image, TextInput, type TextInputProps } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

/**
 * The application's image captcha and the field for what it says. `withId` posts the captcha's id
 * with the form (forms whose server action does not keep it in its state).
 */
export function CaptchaField({
  captcha,
  testId,
  withId = false,
  error,
  errorProps,
}: {
  captcha: { id: string; image: string };
  /** The image's test id. */
  testId: string;
  withId?: boolean;
  error?: string;
  errorProps?: TextInputProps['errorProps'];
}) {
  const t = useT();
  return (
    <>
      {withId ? <input type="hidden" name="captchaId" value={captcha.id} /> : null}
      <Image
        src={captcha.image}
        alt={t('recover.captcha_alt')}
        h={60}
        w="auto"
        fit="contain"
        style={{ alignSelf: 'flex-start' }}
        data-testid={testId}
      />
      <TextInput
        key={captcha.id}
        label={t('recover.captcha')}
        name="captchaToken"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={error}
        errorProps={errorProps}
        required
      />
    </>
  );
}
