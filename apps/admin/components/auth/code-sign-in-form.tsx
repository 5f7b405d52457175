'use client';

import { Anchor, Button, Checkbox, Stack, TextInput } from '@mantine/core';
import { useActionState, useEffect, useRef } from 'react';
import type { CodeSignInState } from '@/lib/actions/code-signin';
import { useT } from '../i18n/i18n-provider';
import { CaptchaField } from './captcha-field';
import { FormAlerts } from './form-alerts';

/**
 * Sign-in with a one-time code: the organization and an email address or phone number, then the
 * code sent there. A second factor that is due is asked for on the sign-in page afterwards.
 */
export function CodeSignInForm({
  action,
  initial,
  passwordHref,
}: {
  action: (state: CodeSignInState, formData: FormData) => Promise<CodeSignInState>;
  initial: CodeSignInState;
  passwordHref: string;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, initial);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const root = form.current;
    if (!root || state === initial) return;
    const target =
      root.querySelector<HTMLElement>('input[aria-invalid="true"]') ??
      (state.error ? root.querySelector<HTMLElement>('[data-form-error]') : null) ??
      root.querySelector<HTMLElement>('input[name="code"]');
    target?.focus();
  }, [state, initial]);
  const errorProps = { 'data-testid': 'code-signin-field-error' };
  return (
    <form ref={form} action={formAction} noValidate data-testid={`code-signin-${state.step}`}>
      <Stack gap="md">
        <FormAlerts error={state.error} notice={state.notice} testId="code-signin" />
        {state.step === 'send' ? (
          <>
            <TextInput
              label={t('signin.organization')}
              name="organization"
              defaultValue={state.organization}
              autoComplete="organization"
              error={state.fieldErrors?.organization}
              errorProps={errorProps}
              required
            />
            <TextInput
              label={t('codesignin.destination')}
              name="destination"
              defaultValue={state.destination ?? ''}
              autoComplete="email"
              autoCapitalize="none"
              error={state.fieldErrors?.destination}
              errorProps={errorProps}
              required
              autoFocus
            />
            {state.captcha ? <CaptchaField captcha={state.captcha} testId="code-signin-captcha" /> : null}
            <Button type="submit" loading={pending} fullWidth size="md">
              {t('codesignin.send')}
            </Button>
          </>
        ) : (
          <>
            <TextInput
              label={t('codesignin.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              error={state.fieldErrors?.code}
              errorProps={errorProps}
              required
            />
            <Checkbox label={t('signin.remember')} name="remember" />
            <Button type="submit" loading={pending} fullWidth size="md">
              {t('codesignin.submit')}
            </Button>
            <Button type="submit" name="intent" value="resend" variant="subtle" disabled={pending}>
              {t('recover.resend')}
            </Button>
          </>
        )}
        <Anchor href={passwordHref} size="sm" data-testid="signin-with-password">
          {t('codesignin.password_link')}
        </Anchor>
      </Stack>
    </form>
  );
}
