'use client';

import { ActionIcon, CopyButton, Group, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../i18n/i18n-provider';

/** A read-only value with a copy button (and, for secrets, show / hide). */
export function CopyField({
  label,
  value,
  secret = false,
  testId,
}: {
  label: string;
  value: string;
  secret?: boolean;
  testId?: string;
}) {
  const t = useT();
  const [shown, setShown] = useState(!secret);
  return (
    <TextInput
      label={label}
      value={shown ? value : '•'.repeat(Math.min(value.length, 24))}
      readOnly
      data-testid={testId}
      data-value={shown ? value : undefined}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      rightSectionWidth={secret ? 76 : 44}
      rightSection={
        <Group gap={4} wrap="nowrap">
          {secret ? (
            <Tooltip label={shown ? t('common.hide') : t('common.show')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => setShown((current) => !current)}
                aria-label={`${shown ? t('common.hide') : t('common.show')} ${label}`}
              >
                {shown ? <IconEyeOff size={16} /> : <IconEye size={16} />}
              </ActionIcon>
            </Tooltip>
          ) : null}
          <CopyButton value={value} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label={`${t('common.copy')} ${label}`}
                  data-testid={testId ? `${testId}-copy` : undefined}
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      }
    />
  );
}
