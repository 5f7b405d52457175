'use client';

import { ActionIcon, Box, Button, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useT } from '../i18n/i18n-provider';

interface PemBlockProps {
  label: string;
  /** The PEM text. */
  value: string;
  /** The name the download is saved under. */
  fileName: string;
  testId: string;
}

/** A PEM text in a readable monospace block, with buttons to copy it and to download it as a file. */
export function PemBlock({ label, value, fileName, testId }: PemBlockProps) {
  const t = useT();
  const download = () => {
    const url = URL.createObjectURL(new Blob([value], { type: 'application/x-pem-file' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid={testId}>
      <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
        <Text fw={600} size="sm" id={`${testId}-label`}>
          {label}
        </Text>
        <Group gap={6}>
          <CopyButton value={value} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                <ActionIcon
                  variant="default"
                  size="lg"
                  onClick={copy}
                  aria-label={`${t('common.copy')} ${label}`}
                  data-testid={`${testId}-copy`}
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconDownload size={16} />}
            onClick={download}
            aria-label={`${t('certs.download')} ${label}`}
            data-testid={`${testId}-download`}
          >
            {t('certs.download')}
          </Button>
        </Group>
      </Group>
      <Box
        component="pre"
        tabIndex={0}
        aria-labelledby={`${testId}-label`}
        data-testid={`${testId}-text`}
        m={0}
        p="sm"
        style={{
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 13,
          lineHeight: 1.45,
          color: 'var(--mantine-color-text)',
          background: 'var(--mantine-color-default-hover)',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
          maxHeight: '20rem',
          overflow: 'auto',
          whiteSpace: 'pre',
        }}
      >
        {value}
      </Box>
    </div>
  );
}
