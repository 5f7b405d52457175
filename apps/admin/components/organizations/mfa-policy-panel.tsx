'use client';

import { Button, Group, Radio, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { type MfaRule, saveMfaPolicy } from '@/lib/actions/mfa';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

/** The second factors an organization's policy names (Casdoor's `mfaItems`), one rule each. */
const policyMethods = ['app'] as const;

/**
 * On an organization's page: its MFA policy, each method optional or required. Casdoor's
 * `Prompted` is shown as optional, which is what Latchkey makes of it.
 */
export function MfaPolicyPanel({
  organization,
  mfaItems,
}: {
  organization: string;
  mfaItems: { name: string; rule: string }[];
}) {
  const t = useT();
  const router = useRouter();
  const ruleOf = (method: string): MfaRule =>
    mfaItems.find((item) => item.name === method)?.rule === 'Required' ? 'Required' : 'Optional';
  const [rules, setRules] = useState<Record<string, MfaRule>>(() =>
    Object.fromEntries(policyMethods.map((method) => [method, ruleOf(method)])),
  );
  const [pending, startTransition] = useTransition();
  const label = (method: string) => (method === 'app' ? t('security.method_app') : method);
  const save = () =>
    startTransition(async () => {
      for (const method of policyMethods) {
        if (rules[method] === ruleOf(method)) continue;
        const result = await saveMfaPolicy(organization, method, rules[method] ?? 'Optional');
        notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
        if (!result.ok) return;
      }
      router.refresh();
    });
  return (
    <Section title={t('security.policy')} help={t('security.policy_help')} testId="mfa-policy">
      <Stack gap="md">
        {policyMethods.map((method) => (
          <Radio.Group
            key={method}
            name={`mfa-rule-${method}`}
            label={label(method)}
            value={rules[method]}
            onChange={(value) => setRules((current) => ({ ...current, [method]: value as MfaRule }))}
          >
            <Group mt="xs">
              <Radio value="Optional" label={t('security.rule_optional')} data-testid={`mfa-rule-${method}-optional`} />
              <Radio value="Required" label={t('security.rule_required')} data-testid={`mfa-rule-${method}-required`} />
            </Group>
          </Radio.Group>
        ))}
        <Group justify="flex-end">
          <Button variant="light" onClick={save} loading={pending} data-testid="save-mfa-policy">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
