'use client';

import { Anchor, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useActionState, useEffect, useRef } from 'react';
import type { RecoverState } from '@/lib/actions/recover';
import { useKeptFields } from '../common/form-action';
import { KeptPasswordInput } from '../common/kept-password-input';
import { useT } from '../i18n/i18n-provider';
import { CaptchaField } from './captcha-field';
import { FormAlerts } from './form-alerts';

interface RecoverFormProps {
  action: (state: RecoverState, formData: FormData) => Promise<RecoverState>;
  initial: RecoverState;
  /** The sign-in page to go back to. */
  backHref: string;
}

/**
 * A forgotten password, step by step: the account (organization and username, email or phone),
 * where the code goes (and the application's captcha, when it asks for one), the code, then the new
 * password. Each step is one form posted to the same server action.
 */
export function RecoverForm({ action, initial, backHref }: RecoverFormProps) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, initial);
  const form = useRef<HTMLFormElement>(null);
  const kept = useKeptFields(['newPassword', 'repeatPassword'], undefined);
  useEffect(() => {
    if (state.done) window.location.assign(state.done);
  }, [state.done]);
  // Each step starts at its first field; a refusal puts the focus on the field in error, else on the message.
  useEffect(() => {
    const root = form.current;
    if (!root) return;
    const target =
      root.querySelector<HTMLElement>('input[aria-invalid="true"], input[data-invalid="true"]') ??
      (state.error ? root.querySelector<HTMLElement>('[data-form-error]') : null) ??
      root.querySelector<HTMLElement>('input:not([type="hidden"]):not([readonly])');
    target?.focus();
  }, [state]);
  const errorProps = { 'data-testid': 'recover-field-error' };
  return (
    <form ref={form} action={formAction} noValidate data-testid={`recover-${state.step}`}>
      <Stack gap="md">
        <FormAlerts error={state.error} notice={state.notice} testId="recover" />
        {state.step === 'identify' ? (
          <>
            <TextInput
              label={t('signin.organization')}
              name="organization"
              defaultValue={state.organization}
              readOnly={Boolean(state.fixedApplication)}
              autoComplete="organization"
              error={state.fieldErrors?.organization}
              errorProps={errorProps}
              required
            />
            <TextInput
              label={t('recover.account')}
              name="username"
              defaultValue={state.username ?? ''}
              autoComplete="username"
              autoCapitalize="none"
              error={state.fieldErrors?.username}
              errorProps={errorProps}
              required
            />
            <Button type="submit" loading={pending} fullWidth size="md">
              {t('recover.next')}
            </Button>
          </>
        ) : null}
        {state.step === 'send' ? (
          <>
            <Radio.Group name="type" label={t('recover.send_to')} defaultValue={state.type}>
              <Stack gap="xs" mt="xs">
                {state.email ? (
                  <Radio value="email" label={t('recover.by_email', { destination: state.email })} />
                ) : null}
                {state.phone ? (
                  <Radio value="phone" label={t('recover.by_phone', { destination: state.phone })} />
                ) : null}
              </Stack>
            </Radio.Group>
            {state.captcha ? (
              <CaptchaField
                captcha={state.captcha}
                testId="recover-captcha"
                error={state.fieldErrors?.captchaToken}
                errorProps={errorProps}
              />
            ) : null}
            <Button type="submit" loading={pending} fullWidth size="md">
              {t('recover.send')}
            </Button>
          </>
        ) : null}
        {state.step === 'code' ? (
          <>
            <TextInput
              label={t('recover.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              error={state.fieldErrors?.code}
              errorProps={errorProps}
              required
            />
            <Button type="submit" loading={pending} fullWidth size="md">
              {t('recover.verify')}
            </Button>
            <Button type="submit" name="intent" value="resend" variant="subtle" disabled={pending}>
              {t('recover.resend')}
            </Button>
          </>
        ) : null}
        {state.step === 'password' ? (
          <>
            <KeptPasswordInput
              name="newPassword"
              kept={kept}
              label={t('recover.new_password')}
              autoComplete="new-password"
              error={state.fieldErrors?.newPassword}
            />
            <KeptPasswordInput
              name="repeatPassword"
              kept={kept}
              label={t('recover.repeat_password')}
              autoComplete="new-password"
              error={state.fieldErrors?.repeatPassword}
            />
            <Button type="submit" loading={pending || Boolean(state.done)} fullWidth size="md">
              {t('recover.save')}
            </Button>
          </>
        ) : null}
        <Group justify="space-between" gap="xs">
          <Anchor href={backHref} size="sm" data-testid="recover-back">
            {t('recover.back')}
          </Anchor>
          {state.step === 'send' || state.step === 'code' ? (
            <Anchor component="button" type="submit" name="intent" value="restart" size="sm">
              {t('recover.account')}
            </Anchor>
          ) : null}
        </Group>
        {state.step === 'identify' ? null : (
          <Text size="xs" c="dimmed" data-testid="recover-account">
            {state.organization}/{state.username}
          </Text>
        )}
      </Stack>
    </form>
  );
}
