'use client';

import { Badge, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setUserFlag } from '@/lib/actions/users';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';
import { ConfirmButton } from '../objects/confirm-button';

/**
 * On a user's page: whether the user may sign in (blocked or not, Casdoor's `isForbidden`), whether
 * their next sign-in asks for a new password (`needUpdatePassword`), and when they last signed in.
 */
export function UserSignInPanel({
  owner,
  name,
  blocked,
  mustChange,
  lastSignin,
  lastSigninIp,
  lastPasswordChange,
}: {
  owner: string;
  name: string;
  blocked: boolean;
  mustChange: boolean;
  /** Formatted already (server side, in the reader's language). */
  lastSignin: string;
  lastSigninIp: string;
  lastPasswordChange: string;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [mustChangeNow, setMustChangeNow] = useState(mustChange);
  const user = `${owner}/${name}`;
  const show = (result: { ok: boolean; message: string }) => {
    notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
    if (result.ok) router.refresh();
  };
  return (
    <Section title={t('users.section_security')} help={t('users.security_help')} testId="user-sign-in">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('users.status')}
          </Text>
          <Group>
            <Badge variant="light" color={blocked ? 'red' : 'teal'} data-testid="user-status">
              {blocked ? t('users.status_blocked') : t('users.status_active')}
            </Badge>
          </Group>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('users.last_signin')}
          </Text>
          <Text size="sm" data-testid="user-last-signin">
            {lastSignin ? `${lastSignin}${lastSigninIp ? ` · ${lastSigninIp}` : ''}` : t('users.never')}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('users.last_password_change')}
          </Text>
          <Text size="sm">{lastPasswordChange || t('users.never')}</Text>
        </Stack>
      </SimpleGrid>
      <Switch
        label={t('users.must_change')}
        description={t('users.must_change_help')}
        checked={mustChangeNow}
        disabled={pending}
        data-testid="must-change"
        onChange={(event) => {
          const value = event.currentTarget.checked;
          setMustChangeNow(value);
          startTransition(async () => {
            const result = await setUserFlag(owner, name, 'needUpdatePassword', value);
            if (!result.ok) setMustChangeNow(!value);
            show(result);
          });
        }}
      />
      <Group justify="flex-end">
        {blocked ? (
          <ConfirmButton
            label={t('users.unblock')}
            title={t('users.unblock_confirm_title', { user })}
            body={t('users.unblock_confirm_body')}
            confirmLabel={t('users.unblock')}
            color="teal"
            icon={<IconLockOpen size={16} />}
            testId="unblock-user"
            onConfirm={async () => show(await setUserFlag(owner, name, 'isForbidden', false))}
          />
        ) : (
          <ConfirmButton
            label={t('users.block')}
            title={t('users.block_confirm_title', { user })}
            body={t('users.block_confirm_body')}
            confirmLabel={t('users.block')}
            icon={<IconLock size={16} />}
            testId="block-user"
            onConfirm={async () => show(await setUserFlag(owner, name, 'isForbidden', true))}
          />
        )}
      </Group>
    </Section>
  );
}
