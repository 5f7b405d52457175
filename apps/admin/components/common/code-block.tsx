'use client';

import { ActionIcon, Box, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useT } from '../i18n/i18n-provider';

/**
 * Source code to read and copy: a scrollable block (reachable with the keyboard, so that long lines can be
 * scrolled without a mouse) and a copy button in its corner.
 */
export function CodeBlock({
  code,
  label,
  copyLabel,
  testId,
}: {
  code: string;
  /** What the block holds, for screen readers. */
  label: string;
  copyLabel: string;
  testId?: string;
}) {
  const t = useT();
  return (
    <Box pos="relative" style={{ minWidth: 0 }}>
      <Box
        component="pre"
        tabIndex={0}
        aria-label={label}
        data-testid={testId}
        m={0}
        p="md"
        pr={48}
        style={{
          overflowX: 'auto',
          maxWidth: '100%',
          maxHeight: 480,
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 12.5,
          lineHeight: 1.55,
          background: 'var(--mantine-color-default-hover)',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
          whiteSpace: 'pre',
        }}
      >
        <code>{code}</code>
      </Box>
      <CopyButton value={code} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : copyLabel} withArrow>
            <ActionIcon
              variant="default"
              onClick={copy}
              aria-label={copyLabel}
              data-testid={testId ? `${testId}-copy` : undefined}
              pos="absolute"
              top={8}
              right={8}
              color={copied ? 'teal' : undefined}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Box>
  );
}
