import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled panel of a page: a heading, a line of help under it, then its content. */
export function Section({
  title,
  help,
  testId,
  id,
  children,
}: {
  title: string;
  help?: string;
  testId?: string;
  /** The anchor a link to the section names (`#id`). */
  id?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      data-testid={testId}
      id={id}
      aria-labelledby={id ? `${id}-title` : undefined}
      style={id ? { scrollMarginTop: 'calc(var(--app-shell-header-height, 0px) + 16px)' } : undefined}
    >
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id={id ? `${id}-title` : undefined}>
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
