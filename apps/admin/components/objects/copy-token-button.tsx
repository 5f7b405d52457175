'use client';

import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useTransition } from 'react';
import { revealAccessToken } from '@/lib/actions/tokens';
import { useT } from '../i18n/i18n-provider';

export function CopyTokenButton({ name }: { name: string }) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  return (
    <Tooltip label={t('tokens.copy_access_token')} withArrow>
      <ActionIcon
        size="lg"
        variant="light"
        loading={pending}
        aria-label={t('tokens.copy_access_token')}
        data-testid={`copy-token-${name}`}
        onClick={() =>
          startTransition(async () => {
            const result = await revealAccessToken(name);
            if (!result.ok || !result.token) {
              notifications.show({ color: 'red', message: result.message || t('common.not_found_body') });
              return;
            }
            await navigator.clipboard.writeText(result.token);
            notifications.show({ color: 'teal', message: t('common.copied') });
          })
        }
      >
        <IconCopy size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
