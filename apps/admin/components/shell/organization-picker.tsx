'use client';

import { Select } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { chooseOrganization } from '@/lib/actions/preferences';
import { useT } from '../i18n/i18n-provider';

/** The organization the console works on; an organization administrator has only their own. */
export function OrganizationPicker({
  organizations,
  selected,
  canChooseAll,
}: {
  organizations: string[];
  selected: string;
  canChooseAll: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const data = [
    ...(canChooseAll ? [{ value: '', label: t('nav.all_organizations') }] : []),
    ...organizations.map((name) => ({ value: name, label: name })),
  ];
  return (
    <Select
      aria-label={t('nav.organization')}
      data-testid="organization-picker"
      data={data}
      value={selected}
      allowDeselect={false}
      searchable={data.length > 8}
      disabled={pending || data.length < 2}
      leftSection={<IconBuilding size={16} aria-hidden />}
      w={{ base: '100%', sm: 210 }}
      size="sm"
      onChange={(value) => {
        if (value === null || value === selected) return;
        startTransition(async () => {
          await chooseOrganization(value);
          router.refresh();
        });
      }}
    />
  );
}
