import { Center, Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../components/common/links';
import { getT } from '../lib/i18n/server';

export default async function NotFound() {
  const t = await getT();
  return (
    <Center mih="70dvh" p="md" component="main">
      <Stack align="center" ta="center">
        <Title order={1}>{t('common.not_found_title')}</Title>
        <Text c="dimmed">{t('common.not_found_body')}</Text>
        <ButtonLink href="/">{t('common.go_home')}</ButtonLink>
      </Stack>
    </Center>
  );
}
