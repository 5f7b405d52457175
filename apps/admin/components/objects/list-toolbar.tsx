'use client';

import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { PortalKey } from '@/lib/i18n/messages';
import { type ListState, listHref } from '@/lib/list-state';
import { useT } from '../i18n/i18n-provider';

interface ListToolbarProps {
  kind: string;
  state: ListState;
  /** The searchable fields and their labels. */
  fields: { name: string; label: PortalKey }[];
}

/** Casdoor's search: one field, a text it contains. The search lives in the URL. */
export function ListToolbar({ kind, state, fields }: ListToolbarProps) {
  const t = useT();
  const router = useRouter();
  const [field, setField] = useState(state.field);
  const [value, setValue] = useState(state.value);
  return (
    // biome-ignore lint/a11y/useSemanticElements: the search landmark is the form that submits; not every screen reader announces <search> yet.
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        router.push(listHref(kind, state, { field, value: value.trim(), page: 1 }));
      }}
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('common.search_in')}
          data={fields.map((item) => ({ value: item.name, label: t(item.label) }))}
          value={field}
          onChange={(next) => next && setField(next)}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
          data-testid="search-field"
        />
        <TextInput
          label={t('common.search')}
          placeholder={t('common.search_placeholder')}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          style={{ flex: 1, minWidth: 200 }}
          data-testid="search-value"
          type="search"
        />
        <Button type="submit" variant="filled">
          {t('common.search')}
        </Button>
        {state.value ? (
          <Button
            variant="subtle"
            leftSection={<IconX size={16} />}
            onClick={() => {
              setValue('');
              router.push(listHref(kind, state, { value: '', page: 1 }));
            }}
          >
            {t('common.clear')}
          </Button>
        ) : null}
      </Group>
    </form>
  );
}
