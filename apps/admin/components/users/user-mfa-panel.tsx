'use client';

import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldOff } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { resetUserMfa } from '@/lib/actions/mfa';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';
import { ConfirmButton } from '../objects/confirm-button';

/**
 * On a user's page: the user's second factors as the API tells them (a factor set up is the
 * preferred one; no secret and no recovery code ever leaves the API), and the administrator's
 * reset for a user who lost their device.
 */
export function UserMfaPanel({
  owner,
  name,
  preferredMfaType,
}: {
  owner: string;
  name: string;
  preferredMfaType: string;
}) {
  const t = useT();
  const router = useRouter();
  const totp = preferredMfaType === 'app';
  const method = (type: string) => (type === 'app' ? t('security.method_app') : type);
  const user = `${owner}/${name}`;
  return (
    <Section title={t('security.user_mfa')} help={t('security.user_mfa_help')} testId="user-mfa">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('security.totp')}
          </Text>
          <Group>
            <Badge variant="light" color={totp ? 'teal' : 'gray'} data-testid="user-totp-status">
              {totp ? t('security.status_on') : t('security.status_off')}
            </Badge>
          </Group>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('security.preferred')}
          </Text>
          <Text size="sm" data-testid="user-preferred-mfa">
            {preferredMfaType ? method(preferredMfaType) : t('security.none')}
          </Text>
        </Stack>
      </SimpleGrid>
      <Group justify="flex-end">
        <ConfirmButton
          label={t('security.reset')}
          title={t('security.reset_confirm_title', { user })}
          body={t('security.reset_confirm_body')}
          confirmLabel={t('security.reset_confirm')}
          icon={<IconShieldOff size={16} />}
          testId="reset-mfa"
          disabled={!preferredMfaType}
          onConfirm={async () => {
            const result = await resetUserMfa(owner, name);
            notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
            if (result.ok) router.refresh();
          }}
        />
      </Group>
    </Section>
  );
}
