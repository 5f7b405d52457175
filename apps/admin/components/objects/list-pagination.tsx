'use client';

import { Group, Pagination, Select, Text } from '@mantine/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ListState, listHref, pageSizes } from '@/lib/list-state';
import { useT } from '../i18n/i18n-provider';

/** Pages as real links (kept in the URL), and the page size. */
export function ListPagination({ kind, state, total }: { kind: string; state: ListState; total: number }) {
  const t = useT();
  const router = useRouter();
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" mt="md">
      <Text size="sm" c="dimmed" data-testid="list-total">
        {t('common.total', { count: total })}
      </Text>
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label={t('common.page_size')}
          data={pageSizes.map((size) => ({ value: String(size), label: String(size) }))}
          value={String(state.pageSize)}
          allowDeselect={false}
          w={90}
          size="sm"
          onChange={(value) => value && router.push(listHref(kind, state, { pageSize: Number(value), page: 1 }))}
        />
        {pages > 1 ? (
          <Pagination
            total={pages}
            value={Math.min(state.page, pages)}
            size="sm"
            siblings={1}
            getItemProps={(page) => ({
              component: Link,
              href: listHref(kind, state, { page }),
              'aria-label': String(page),
            })}
            getControlProps={(control) => {
              const page =
                control === 'first'
                  ? 1
                  : control === 'last'
                    ? pages
                    : control === 'previous'
                      ? Math.max(1, state.page - 1)
                      : Math.min(pages, state.page + 1);
              const label = {
                first: t('common.page_first'),
                previous: t('common.page_previous'),
                next: t('common.page_next'),
                last: t('common.page_last'),
              }[control];
              return { component: Link, href: listHref(kind, state, { page }), 'aria-label': label };
            }}
            data-testid="pagination"
          />
        ) : null}
      </Group>
    </Group>
  );
}
