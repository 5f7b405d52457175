import { Alert, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconLock, IconSearchOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ButtonLink } from './links';

export function EmptyState({
  title,
  body,
  action,
  searching = false,
}: {
  title: string;
  body: string;
  action?: ReactNode;
  searching?: boolean;
}) {
  return (
    <Center py={48} px="md" data-testid="empty-state">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray" aria-hidden>
          {searching ? <IconSearchOff size={26} /> : <IconInbox size={26} />}
        </ThemeIcon>
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {body}
        </Text>
        {action}
      </Stack>
    </Center>
  );
}

export function ErrorAlert({ title, message }: { title: string; message: string }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle size={18} />}
      role="alert"
      data-testid="api-error"
    >
      {message}
    </Alert>
  );
}

export function Forbidden({ title, body, home }: { title: string; body: string; home: string }) {
  return (
    <Paper withBorder p="xl" radius="lg" data-testid="forbidden">
      <Stack align="center" gap="sm" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="red" aria-hidden>
          <IconLock size={26} />
        </ThemeIcon>
        <Title order={1} size="h3">
          {title}
        </Title>
        <Text c="dimmed">{body}</Text>
        <ButtonLink href="/" variant="light">
          {home}
        </ButtonLink>
      </Stack>
    </Paper>
  );
}
