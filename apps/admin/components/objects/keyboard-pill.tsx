'use client';

import { Pill } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

/** A value of a multiple field whose remove button the keyboard reaches (Tab) and a screen reader names. */
export function KeyboardPill({
  value,
  onRemove,
  disabled,
}: {
  value: string;
  onRemove?: () => void;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <Pill
      withRemoveButton={!disabled}
      onRemove={onRemove}
      disabled={disabled}
      // Mantine leaves the remove button out of the Tab order and hides it from screen readers; both are put back.
      removeButtonProps={{ tabIndex: 0, 'aria-hidden': false, 'aria-label': t('common.remove_value', { value }) }}
    >
      {value}
    </Pill>
  );
}
