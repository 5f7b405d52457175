import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled panel of a page: a heading, a line of help under it, then its content. */
export function Section({
  title,
  help,
  testId,
  children,
}: {
  title: string;
  help?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" data-testid={testId}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {help ? (
            <Text size="sm" c="dimmed">
              {help}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
