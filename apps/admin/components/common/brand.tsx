import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';

export function Brand({ name }: { name: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon
        size={30}
        radius="md"
        variant="gradient"
        gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}
        aria-hidden
      >
        <IconKey size={18} />
      </ThemeIcon>
      <Text fw={700} size="lg">
        {name}
      </Text>
    </Group>
  );
}
