'use client';

import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { unlinkProvider } from '@/lib/actions/federation';

/** One provider of the user's application, and what of it is linked to the user. */
export interface LinkedAccountRow {
  name: string;
  type: string;
  displayName: string;
  /** The name of the linked account, or empty when none is linked. */
  linkedAs: string;
  canUnlink: boolean;
  /** The application asks for an account here (Casdoor's `prompted`): shown first while none is linked. */
  prompted: boolean;
  linkHref: string;
}

interface LinkedAccountsProps {
  rows: LinkedAccountRow[];
  texts: {
    link: string;
    unlink: string;
    linkedAs: string;
    notLinked: string;
    prompted: string;
    unlinked: string;
    linked?: string;
  };
}

/** The accounts at outside providers linked to the user: link (through the provider) or unlink each. */
export function LinkedAccounts({ rows, texts }: LinkedAccountsProps) {
  // Accounts the application asks for and that are not linked yet come first (a stable sort keeps the rest in order).
  const [shown, setShown] = useState(() =>
    [...rows].sort((a, b) => Number(b.prompted && !b.linkedAs) - Number(a.prompted && !a.linkedAs)),
  );
  const [busy, setBusy] = useState<string>();
  const unlink = async (row: LinkedAccountRow) => {
    setBusy(row.name);
    const result = await unlinkProvider(row.type, row.name);
    setBusy(undefined);
    notifications.show({ color: result.error ? 'red' : 'teal', message: result.error ?? texts.unlinked });
    if (!result.error)
      setShown((current) => current.map((entry) => (entry.type === row.type ? { ...entry, linkedAs: '' } : entry)));
  };
  return (
    <Stack gap="sm" data-testid="linked-accounts">
      {texts.linked ? (
        <Text size="sm" c="teal" role="status">
          {texts.linked}
        </Text>
      ) : null}
      {shown.map((row) => (
        <Group key={row.name} justify="space-between" wrap="nowrap" data-testid={`linked-${row.name}`}>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={500}>{row.displayName}</Text>
            <Badge variant="light" color={row.linkedAs ? 'teal' : 'gray'}>
              {row.linkedAs ? texts.linkedAs.replace('{name}', row.linkedAs) : texts.notLinked}
            </Badge>
            {row.prompted && !row.linkedAs ? (
              <Text size="sm" c="orange" data-testid={`prompted-${row.name}`}>
                {texts.prompted}
              </Text>
            ) : null}
          </Group>
          {row.linkedAs ? (
            row.canUnlink ? (
              <Button size="xs" variant="default" loading={busy === row.name} onClick={() => unlink(row)}>
                {texts.unlink}
              </Button>
            ) : null
          ) : (
            <Button size="xs" component="a" href={row.linkHref} data-testid={`link-${row.name}`}>
              {texts.link}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}
