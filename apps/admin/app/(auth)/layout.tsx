import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from '@/components/common/brand';
import { LanguagePicker } from '@/components/common/language-picker';
import { getT } from '@/lib/i18n/server';

/** The signed-out area: one centred card. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getT();
  return (
    <Box mih="100dvh" className="auth-page" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" p="md">
        <Brand name={t('app.name')} />
        <LanguagePicker compact />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Paper
          component="main"
          id="content"
          withBorder
          shadow="sm"
          radius="lg"
          p={{ base: 'lg', sm: 'xl' }}
          w="100%"
          maw={420}
        >
          <Stack gap="lg">{children}</Stack>
        </Paper>
      </Center>
      <Text c="dimmed" size="xs" ta="center" pb="md">
        {t('app.tagline')}
      </Text>
    </Box>
  );
}
