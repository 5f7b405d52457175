import { Group, Paper, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { UnstyledLink } from '../common/links';

export function StatCard({
  label,
  value,
  icon: IconComponent,
  href,
  color,
}: {
  label: string;
  value: number;
  icon: Icon;
  href: string;
  color: string;
}) {
  return (
    <UnstyledLink
      href={href}
      data-testid={`stat-${href.slice(1)}`}
      style={{ display: 'block', borderRadius: 'var(--mantine-radius-lg)' }}
    >
      <Paper withBorder radius="lg" p="md" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {label}
            </Text>
            <Text fw={700} fz={30} lh={1.2} mt={4}>
              {value.toLocaleString()}
            </Text>
          </div>
          <ThemeIcon variant="light" color={color} size={42} radius="md" aria-hidden>
            <IconComponent size={24} stroke={1.6} />
          </ThemeIcon>
        </Group>
      </Paper>
    </UnstyledLink>
  );
}
