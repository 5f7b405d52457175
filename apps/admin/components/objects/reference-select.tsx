'use client';

import { MultiSelect, Select } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState, useTransition } from 'react';
import { searchChoices } from '@/lib/actions/choices';
import type { FieldSpec } from '@/lib/resources/types';
import { useT } from '../i18n/i18n-provider';
import { KeyboardPill } from './keyboard-pill';

interface ReferenceSelectProps {
  field: FieldSpec & { optionsFrom: NonNullable<FieldSpec['optionsFrom']> };
  /** The organization whose objects are offered (the form's own, as it is now). */
  organization: string;
  /** One value (select) or several (multiselect, tags). */
  value: string | string[];
  onChange: (value: string | string[]) => void;
  /** Choices known when the page was drawn (the organizations a global administrator may pick). */
  initial?: readonly string[];
  label: string;
  description?: string;
  error?: ReactNode;
  withAsterisk?: boolean;
  disabled?: boolean;
}

/** How long typing may pause before the server is asked. */
const SEARCH_DELAY_MS = 250;

/**
 * A field that refers to other objects: its choices come from the server, searched as the person
 * types, in the organization the form is about now. Only a choice can become a value; text typed
 * and left is not one.
 */
export function ReferenceSelect({
  field,
  organization,
  value,
  onChange,
  initial = [],
  ...common
}: ReferenceSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<string[]>([...initial]);
  const [opened, setOpened] = useState(false);
  const [loading, startLoading] = useTransition();
  const latest = useRef(0);
  const { kind, value: valueKind } = field.optionsFrom;

  useEffect(() => {
    if (!opened) return;
    const request = ++latest.current;
    const timer = setTimeout(
      () =>
        startLoading(async () => {
          const choices = await searchChoices(kind, valueKind, organization, search);
          if (request === latest.current) setFound(choices);
        }),
      search ? SEARCH_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [opened, search, kind, valueKind, organization]);

  const selected = Array.isArray(value) ? value : value ? [value] : [];
  const data = [...new Set([...found, ...selected])];
  const shared = {
    ...common,
    name: field.name,
    data,
    searchable: true,
    searchValue: search,
    onSearchChange: setSearch,
    onDropdownOpen: () => setOpened(true),
    onDropdownClose: () => setOpened(false),
    nothingFoundMessage: loading ? t('common.searching') : t('common.none'),
    clearButtonProps: { 'aria-label': t('common.clear') },
    // The server has filtered already; the list shows what it answered.
    filter: ({ options }: { options: unknown[] }) => options as never,
  };
  if (field.kind === 'select')
    return (
      <Select
        {...shared}
        value={selected[0] ?? null}
        onChange={(next) => onChange(next ?? '')}
        clearable={!field.required}
      />
    );
  return (
    <MultiSelect
      {...shared}
      value={selected}
      onChange={onChange}
      clearable
      renderPill={({ value: item, onRemove, disabled }) => (
        <KeyboardPill value={item ?? ''} onRemove={onRemove} disabled={disabled} />
      )}
    />
  );
}
