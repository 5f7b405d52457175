'use client';

import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

/** Recovery codes, shown once: a list to copy or write down. */
export function RecoveryCodeList({ codes, intro }: { codes: string[]; intro: string }) {
  return (
    <Stack gap="xs">
      <Text size="sm">{intro}</Text>
      <Code block data-testid="mfa-recovery-codes" style={{ whiteSpace: 'pre-wrap' }}>
        {codes.join('\n')}
      </Code>
    </Stack>
  );
}

/** New recovery codes on the security page, until the person says they are saved. */
export function ShownRecoveryCodes({
  codes,
  onSaved,
  testId,
}: {
  codes: string[];
  onSaved: () => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Stack gap="sm" data-testid={testId}>
      <RecoveryCodeList codes={codes} intro={t('security.recovery_codes_intro')} />
      <Group justify="flex-end">
        <Button variant="light" onClick={onSaved}>
          {t('security.recovery_codes_saved')}
        </Button>
      </Group>
    </Stack>
  );
}
