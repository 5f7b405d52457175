'use client';

import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useT } from '@/components/i18n/i18n-provider';

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  const t = useT();
  return (
    <Paper withBorder p="xl" radius="lg" role="alert">
      <Stack align="flex-start">
        <Title order={1} size="h3">
          {t('common.error_title')}
        </Title>
        <Text c="dimmed">{t('common.error_body')}</Text>
        <Button onClick={reset}>{t('common.try_again')}</Button>
      </Stack>
    </Paper>
  );
}
