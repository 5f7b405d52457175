'use client';

import { Autocomplete, Button, Group, Select, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type ListState, listHref } from '@/lib/list-state';
import { webhookEvents } from '@/lib/resources/audit';
import { useT } from '../i18n/i18n-provider';

interface RecordFiltersProps {
  kind: string;
  state: ListState;
}

/**
 * The audit log's filters besides the search (the search finds a user): how the call ended, one
 * action and a range of UTC days. They live in the URL.
 */
export function RecordFilters({ kind, state }: RecordFiltersProps) {
  const t = useT();
  const router = useRouter();
  const [outcome, setOutcome] = useState(state.filters.outcome ?? '');
  const [action, setAction] = useState(state.filters.action ?? '');
  const [from, setFrom] = useState(state.filters.from ?? '');
  const [to, setTo] = useState(state.filters.to ?? '');
  const filtered = Object.keys(state.filters).length > 0;
  return (
    <form
      aria-label={t('records.filters')}
      data-testid="record-filters"
      onSubmit={(event) => {
        event.preventDefault();
        const filters = { outcome, action: action.trim(), from, to };
        router.push(listHref(kind, state, { filters, page: 1 }));
      }}
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('records.outcome')}
          data={[
            { value: '', label: t('records.any_outcome') },
            { value: 'ok', label: t('records.succeeded') },
            { value: 'error', label: t('records.failed') },
          ]}
          value={outcome}
          onChange={(next) => setOutcome(next ?? '')}
          allowDeselect={false}
          w={{ base: '100%', xs: 170 }}
          data-testid="filter-outcome"
        />
        <Autocomplete
          label={t('fields.action')}
          placeholder={t('records.action_placeholder')}
          data={[...webhookEvents]}
          value={action}
          onChange={setAction}
          w={{ base: '100%', xs: 200 }}
          data-testid="filter-action"
        />
        <TextInput
          type="date"
          label={t('records.from')}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          w={{ base: '100%', xs: 160 }}
          data-testid="filter-from"
        />
        <TextInput
          type="date"
          label={t('records.to')}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          w={{ base: '100%', xs: 160 }}
          data-testid="filter-to"
        />
        <Button type="submit" variant="light" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('records.apply')}
        </Button>
        {filtered ? (
          <Button
            variant="subtle"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => {
              setOutcome('');
              setAction('');
              setFrom('');
              setTo('');
              router.push(listHref(kind, state, { filters: {}, page: 1 }));
            }}
          >
            {t('records.clear_filters')}
          </Button>
        ) : null}
      </Group>
    </form>
  );
}
