'use client';

import { Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { savePasswordPolicy } from '@/lib/actions/organizations';
import { SignInAgain } from '../auth/sign-in-again';
import { FormError, useFormAction } from '../common/form-action';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

type Length = '' | 'AtLeast6' | 'AtLeast8';
const characterRules = ['Aa123', 'SpecialChar', 'NoRepeat'] as const;

/**
 * On an organization's page: the rules every new password of its users follows (Casdoor's
 * `passwordOptions`): a minimum length, and which characters it must (or must not) have.
 */
export function PasswordPolicyPanel({
  organization,
  passwordOptions,
  readOnly,
}: {
  organization: string;
  passwordOptions: string[];
  readOnly?: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [length, setLength] = useState<Length>(
    passwordOptions.includes('AtLeast8') ? 'AtLeast8' : passwordOptions.includes('AtLeast6') ? 'AtLeast6' : '',
  );
  const [rules, setRules] = useState<string[]>(characterRules.filter((rule) => passwordOptions.includes(rule)));
  const { state, action, pending, form } = useFormAction(savePasswordPolicy.bind(null, organization));
  useEffect(() => {
    if (state.savedAt) router.refresh();
  }, [state.savedAt, router]);
  const chosen = [...(length ? [length] : []), ...rules];
  const ruleLabel = {
    Aa123: t('password_policy.aa123'),
    SpecialChar: t('password_policy.special'),
    NoRepeat: t('password_policy.no_repeat'),
  };
  return (
    <Section title={t('password_policy.title')} help={t('password_policy.help')} testId="password-policy">
      <SignInAgain state={state} form={form} />
      <form action={action} ref={form} noValidate data-testid="password-policy-form">
        <input type="hidden" name="values" value={JSON.stringify({ passwordOptions: chosen })} />
        <FormError state={state} />
        <Stack gap="lg">
          <Radio.Group
            name="password-length"
            label={t('password_policy.min_length')}
            value={length || 'none'}
            onChange={(value) => setLength(value === 'none' ? '' : (value as Length))}
            error={state.fieldErrors?.passwordOptions}
          >
            <Group mt="xs" gap="lg">
              <Radio
                value="none"
                label={t('password_policy.length_any')}
                disabled={readOnly}
                data-testid="length-none"
              />
              <Radio
                value="AtLeast6"
                label={t('password_policy.length_6')}
                disabled={readOnly}
                data-testid="length-6"
              />
              <Radio
                value="AtLeast8"
                label={t('password_policy.length_8')}
                disabled={readOnly}
                data-testid="length-8"
              />
            </Group>
          </Radio.Group>
          <Checkbox.Group label={t('password_policy.characters')} value={rules} onChange={setRules}>
            <Stack mt="xs" gap="xs">
              {characterRules.map((rule) => (
                <Checkbox
                  key={rule}
                  value={rule}
                  label={ruleLabel[rule]}
                  disabled={readOnly}
                  data-testid={`rule-${rule}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Text size="sm" c="dimmed">
            {t('password_policy.always')}
          </Text>
        </Stack>
        {readOnly ? null : (
          <Group justify="flex-end" mt="md">
            <Button
              type="submit"
              variant="light"
              loading={pending}
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="save-password-policy"
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
      </form>
    </Section>
  );
}
