'use client';

import { ActionIcon, Button, type ButtonProps, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { type ReactNode, useEffect, useState, useTransition } from 'react';
import { useT } from '../i18n/i18n-provider';

interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick'> {
  /** What the button says. */
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  /** Runs after the confirmation; may be async. */
  onConfirm: () => Promise<void> | void;
  icon?: ReactNode;
  testId?: string;
  color?: string;
  /** Only the icon, with the label as its name and tooltip (in table rows). */
  iconOnly?: boolean;
  /** The accessible name when it differs from the label (which object it acts on). */
  'aria-label'?: string;
  /** Reads a fuller body when the confirmation opens (what else the action takes with it); `body` until then. */
  describe?: () => Promise<string | undefined>;
}

/** A button that asks before it acts (deletes, revocations, new secrets). */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  onConfirm,
  icon,
  testId,
  color = 'red',
  iconOnly = false,
  'aria-label': ariaLabel,
  describe,
  ...buttonProps
}: ConfirmButtonProps) {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const [pending, startTransition] = useTransition();
  const [described, setDescribed] = useState<string | undefined>();
  useEffect(() => {
    if (!opened || !describe) return;
    let current = true;
    describe().then((text) => current && setDescribed(text));
    return () => {
      current = false;
    };
  }, [opened, describe]);
  return (
    <>
      {iconOnly ? (
        <Tooltip label={label} withArrow>
          <ActionIcon
            color={color}
            variant="light"
            size="lg"
            onClick={() => setOpened(true)}
            data-testid={testId}
            aria-label={ariaLabel ?? label}
          >
            {icon}
          </ActionIcon>
        </Tooltip>
      ) : (
        <Button
          color={color}
          variant="light"
          leftSection={icon}
          onClick={() => setOpened(true)}
          data-testid={testId}
          aria-label={ariaLabel}
          {...buttonProps}
        >
          {label}
        </Button>
      )}
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={title}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm" data-testid="confirm-body">
            {described ?? body}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)} disabled={pending}>
              {t('common.cancel')}
            </Button>
            <Button
              color={color}
              loading={pending}
              data-testid="confirm"
              onClick={() =>
                startTransition(async () => {
                  await onConfirm();
                  setOpened(false);
                })
              }
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
